"""Old import path of the connection model and store (kept for code written
against it this session; new code imports model, store or secrets).
"""

from __future__ import annotations

from cogtotp_gui.connections.model import *  # noqa: F403  # the old names, re-exported
from cogtotp_gui.connections.model import (  # noqa: F401  # private names some callers used
    _BASELINE,
    _text,
)
from cogtotp_gui.connections.secrets import KEYRING_SERVICE  # noqa: F401  # re-exported
from cogtotp_gui.connections.secrets import keyring_usable as _keyring_usable  # noqa: F401  # re-exported
from cogtotp_gui.connections.store import *  # noqa: F403  # the old names, re-exported
from cogtotp_gui.names import ENV_CLIENT_SECRET, ENV_PROFILES_INI, ORGANIZATION  # noqa: F401  # re-exported
