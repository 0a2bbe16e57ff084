"""Cognito's SECRET_HASH for app clients that have a client secret."""

from __future__ import annotations

import base64


def secret_hash(username: str, client_id: str, client_secret: str) -> str:
    """Return ``base64(HMAC-SHA256(key=client_secret, msg=username + client_id))``.

    Cognito computes it over the UTF-8 bytes of the username exactly as sent
    in ``USERNAME`` (no normalisation), so the caller must pass the same string.
    """
    # Imported here, not before the window's first paint (~5 ms with OpenSSL).
    import hashlib
    import hmac

    digest = hmac.new(
        client_secret.encode("utf-8"),
        (username + client_id).encode("utf-8"),
        hashlib.sha256,
    ).digest()
    return base64.b64encode(digest).decode("ascii")
