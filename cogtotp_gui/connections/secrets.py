"""Where client secrets live: the OS keyring, or the environment.

A client secret is never written to a settings or INI file. It lives in the
OS keyring (service ``cogtotp-gui``, user = profile name) or comes from
``$COGTOTP_CLIENT_SECRET`` (:data:`cogtotp_gui.names.ENV_CLIENT_SECRET`);
without a usable keyring the store keeps it in memory for this run only.

``keyring`` is imported where used: importing it costs start-up time the
first paint should not pay.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from cogtotp_gui.names import APP_NAME, ENV_CLIENT_SECRET

log = logging.getLogger(__name__)

KEYRING_SERVICE = APP_NAME


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The client secret given in the environment, if any."""
    env = os.environ if environ is None else environ
    return env.get(ENV_CLIENT_SECRET, "").strip() or None


def keyring_usable() -> bool:
    """Whether the default keyring backend can actually hold a secret."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception as exc:
        log.warning("no keyring backend (%s)", type(exc).__name__)
        return False
    # fail.Keyring raises on every call; null.Keyring silently forgets.
    return not isinstance(backend, (fail.Keyring, null.Keyring))


def read(name: str) -> str | None:
    """The secret stored for profile ``name`` (any keyring error propagates)."""
    import keyring

    return keyring.get_password(KEYRING_SERVICE, name) or None


def write(name: str, secret: str) -> None:
    """Store ``secret`` for profile ``name`` (any keyring error propagates)."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, name, secret)


def delete(name: str) -> None:
    """Forget the secret of profile ``name``; nothing stored is fine."""
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, name)
    except PasswordDeleteError:
        pass  # nothing was stored
