"""The emulator's own RFC 6238 implementation (also used by the training phone)."""

import base64
import re

import pytest
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from hypothesis import given
from hypothesis import strategies as st

from cogtotp_gui.emulator.totp import random_secret, totp_code, verify_totp

# RFC 6238 appendix B, SHA1 seed "12345678901234567890"; 6-digit codes are the
# last six digits of the RFC's 8-digit values.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC_VECTORS = [
    (59, "287082"),
    (1111111109, "081804"),
    (1111111111, "050471"),
    (1234567890, "005924"),
    (2000000000, "279037"),
    (20000000000, "353130"),
]


@pytest.mark.parametrize(("for_time", "expected"), RFC_VECTORS)
def test_matches_rfc_6238_vectors(for_time, expected):
    assert totp_code(RFC_SECRET, for_time) == expected


@given(secret=st.binary(min_size=10, max_size=32), for_time=st.integers(0, 2**33))
def test_agrees_with_cryptography(secret, for_time):
    reference = TOTP(secret, 6, SHA1(), 30, enforce_key_length=False)
    b32 = base64.b32encode(secret).decode().rstrip("=")
    assert totp_code(b32, for_time) == reference.generate(for_time).decode()


def test_secret_is_case_and_padding_insensitive():
    assert totp_code(RFC_SECRET.lower().rstrip("="), 59) == "287082"


@pytest.mark.parametrize("steps", [-1, 0, 1])
def test_verify_accepts_one_step_of_drift(steps):
    now = 1_700_000_015.0
    assert verify_totp(RFC_SECRET, totp_code(RFC_SECRET, now + 30 * steps), now)


@pytest.mark.parametrize("steps", [-2, 2])
def test_verify_rejects_two_steps_of_drift(steps):
    now = 1_700_000_015.0
    assert not verify_totp(RFC_SECRET, totp_code(RFC_SECRET, now + 30 * steps), now)


@pytest.mark.parametrize("code", ["", "12345", "1234567", "12a456", " 12345"])
def test_verify_rejects_malformed_codes(code):
    assert not verify_totp(RFC_SECRET, code, 59)


def test_random_secrets_are_32_char_base32_and_differ():
    secrets = {random_secret() for _ in range(20)}
    assert len(secrets) == 20
    assert all(re.fullmatch(r"[A-Z2-7]{32}", s) for s in secrets)
