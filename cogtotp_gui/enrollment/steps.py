"""The steps of an enrollment, apart from the flow that moves through them.

The wizard maps steps to pages before its first paint; importing them from
here does not load the flow, the gateway and the rest of the core, which
the controller builds after the first paint (``flow`` re-exports both).
"""

from __future__ import annotations

import enum

DEFAULT_SESSION_TTL = 180.0  # Cognito's default; pools may set 3-15 min


class Step(enum.Enum):
    """Where the enrollment stands; each maps to one wizard page."""

    SIGN_IN = "sign_in"
    NEW_PASSWORD = "new_password"
    SMS_CODE = "sms_code"
    EXISTING_TOTP = "existing_totp"  # already enrolled: stop, or re-enroll on request
    LOST_AUTHENTICATOR = "lost_authenticator"  # confirm the reset of a lost authenticator
    SECRET = "secret"  # secret shown, waiting for the first code
    DONE = "done"
    UNSUPPORTED = "unsupported"  # e.g. a passwordless user (flow.unsupported_reason says which)
