"""otpauth:// URIs in Google's Key Uri Format, and the secret as people read it.

Rules (docs/cognito.md, "otpauth URI"): issuer and account percent-encoded with spaces as
``%20``, no colon inside either, issuer both in the label and as the
``issuer`` parameter, secret in upper-case base32 without padding, and no
``algorithm``/``digits``/``period`` (SHA1/6/30 are the defaults, and some
apps mishandle the explicit form).
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import quote

_BASE32 = re.compile(r"^[A-Z2-7]+$")


def normalize_secret(secret: str) -> str:
    """Upper-case base32 without padding or spaces; ValueError if not base32."""
    cleaned = re.sub(r"[\s-]", "", secret).upper().rstrip("=")
    if not cleaned or not _BASE32.match(cleaned):
        raise ValueError("secret is not base32")
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        base64.b32decode(padded)
    except binascii.Error:  # a length that base32 cannot encode
        valid = False
    else:
        valid = True
    if not valid:
        # Raised outside the except: the decoder's frames hold the secret.
        raise ValueError("secret is not base32")
    return cleaned


def _label_part(text: str) -> str:
    # A colon separates issuer from account in the label; inside either it
    # would be misread, so it becomes a space-like separator people recognise.
    text = text.replace(":", " ").strip()
    return quote(text, safe="")


def build_uri(secret: str, account: str, issuer: str) -> str:
    """Build the otpauth URI an authenticator app scans."""
    secret = normalize_secret(secret)
    account_q = _label_part(account)
    issuer_q = _label_part(issuer)
    if not account_q:
        raise ValueError("account must not be empty")
    if issuer_q:
        return f"otpauth://totp/{issuer_q}:{account_q}?secret={secret}&issuer={issuer_q}"
    return f"otpauth://totp/{account_q}?secret={secret}"


def group_secret(secret: str, size: int = 4) -> str:
    """``"ABCDEFGHIJ"`` -> ``"ABCD EFGH IJ"`` for typing by hand."""
    secret = normalize_secret(secret)
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
