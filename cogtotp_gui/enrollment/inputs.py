"""Normalising what people type, before anything is sent.

Operators paste codes with spaces, and in Japan often type full-width digits
(``１２３４５６``); both are accepted. Rejections name the field.
"""

from __future__ import annotations

import re
import unicodedata

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.usernames import UsernameProblem, username_problem

_SEPARATORS = re.compile(r"[\s\-‐-―ー・.]")
MAX_PASSWORD = 256
MAX_DEVICE_NAME = 64
MAX_REASON = 200


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)


def normalize_code(text: str, field: str = "code", length: int = 6) -> str:
    """Return the code as ASCII digits, or raise INVALID_INPUT naming ``field``."""
    folded = unicodedata.normalize("NFKC", text or "")
    digits = _SEPARATORS.sub("", folded)
    if len(digits) != length or not digits.isascii() or not digits.isdigit():
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.code_format", field=field)
    return digits


def normalize_username(text: str) -> str:
    """The username without the spaces around it, checked against Cognito's
    username rule (:mod:`cogtotp_gui.enrollment.usernames`)."""
    username = (text or "").strip()
    problem = username_problem(username)
    if problem is UsernameProblem.EMPTY:
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.username_empty", field="username")
    if problem is UsernameProblem.WHITESPACE:
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.username_space", field="username")
    if problem is not None:
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.username_format", field="username")
    return username


def check_password(text: str, field: str = "password") -> str:
    """Passwords are sent exactly as typed (spaces are legal), only shape-checked."""
    if not text:
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.password_empty", field=field)
    if len(text) > MAX_PASSWORD or _has_control(text):
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.password_format", field=field)
    return text


def normalize_device_name(text: str | None) -> str | None:
    name = unicodedata.normalize("NFKC", text or "").strip()
    if not name:
        return None
    if len(name) > MAX_DEVICE_NAME or _has_control(name):
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.device_name_format", field="device_name")
    return name


def normalize_reason(text: str | None) -> str:
    """The reason for an authenticator reset: required, one line, bounded."""
    reason = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not reason:
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.reason_empty", field="reset_reason")
    if len(reason) > MAX_REASON or _has_control(reason):
        raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.reason_format", field="reset_reason")
    return reason


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def normalize_aws_profile(text: str | None) -> str | None:
    """The AWS profile name as typed, without what cannot be seen at its
    ends (spaces, line breaks, a byte-order mark or zero-width space pasted
    along with it); ``None`` for the default credential chain.

    Whether the profile exists is for boto3 to say (the connection's
    warm-up reports an unknown one). Trimming invisible characters keeps
    the name the app uses the same as the one the field shows: Qt drops a
    leading byte-order mark from any text it is given.
    """
    name = text or ""
    start, end = 0, len(name)
    while start < end and _invisible(name[start]):
        start += 1
    while end > start and _invisible(name[end - 1]):
        end -= 1
    return name[start:end] or None
