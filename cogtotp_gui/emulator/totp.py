"""RFC 6238 TOTP with the parameters Cognito uses (SHA1, 6 digits, 30 s).

A deliberately small, dependency-free implementation: the emulator verifies
codes with it and the training phone displays codes with it, so both sides of
a training session agree by construction, and tests can compute the code for
any instant without a real authenticator app.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct

TIME_STEP_SECONDS = 30
DIGITS = 6


def random_secret() -> str:
    """Return a fresh 32-character base32 secret (160 random bits, no padding).

    Cognito hands out 32-character upper-case secrets; 20 random bytes encode
    to exactly 32 base32 characters, so no ``=`` padding is ever produced.
    """
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def time_step(for_time: float) -> int:
    """Return the RFC 6238 counter for a Unix time."""
    return int(for_time // TIME_STEP_SECONDS)


def totp_code(secret: str, for_time: float) -> str:
    """Return the 6-digit TOTP code of ``secret`` at Unix time ``for_time``.

    ``secret`` is base32, case-insensitive, padding optional (authenticator
    apps accept it without padding, so we must too).
    """
    return _hotp(_decode_secret(secret), time_step(for_time))


def verify_totp(secret: str, code: str, for_time: float, window: int = 1) -> bool:
    """Tell whether ``code`` is valid for ``secret`` within ±``window`` steps.

    Cognito tolerates one step of clock drift either way; a code two steps old
    must fail, which is what a phone with a badly set clock produces.
    """
    if len(code) != DIGITS or not code.isdigit():
        return False
    key = _decode_secret(secret)
    step = time_step(for_time)
    return any(hmac.compare_digest(_hotp(key, step + offset), code) for offset in range(-window, window + 1))


def _decode_secret(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    padding = "=" * (-len(cleaned) % 8)
    return base64.b32decode(cleaned + padding)


def _hotp(key: bytes, counter: int) -> str:
    """RFC 4226 HOTP: HMAC-SHA1 over the big-endian counter, dynamic truncation."""
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    (number,) = struct.unpack(">I", digest[offset : offset + 4])
    return str((number & 0x7FFFFFFF) % 10**DIGITS).zfill(DIGITS)
