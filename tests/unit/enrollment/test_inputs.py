import pytest
from hypothesis import given
from hypothesis import strategies as st

from cogtotp_gui.enrollment import inputs
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind


@pytest.mark.parametrize("typed", ["123456", " 123 456 ", "１２３４５６", "123-456", "１２３　４５６", "123\t456\n"])
def test_codes_as_people_type_and_paste_them(typed):
    assert inputs.normalize_code(typed, field="sms_code") == "123456"


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "12345a", "١٢٣٤٥٦x", "12 34 5"])
def test_bad_codes_name_the_field(typed):
    with pytest.raises(EnrollmentError) as info:
        inputs.normalize_code(typed, field="totp_code")
    assert info.value.kind is ErrorKind.INVALID_INPUT
    assert info.value.field == "totp_code"


def test_username_trimmed_password_untouched():
    assert inputs.normalize_username("  alice  ") == "alice"
    assert inputs.check_password(" pass word ") == " pass word "


@pytest.mark.parametrize("fn,field", [(inputs.normalize_username, "username"), (inputs.check_password, "password")])
def test_control_characters_and_huge_input_rejected(fn, field):
    for bad in ["a\x00b", "a\u202eb", "x" * 10_000, ""]:
        with pytest.raises(EnrollmentError) as info:
            fn(bad)
        assert info.value.field == field


@given(st.text(max_size=10_000))
def test_no_normaliser_crashes(text):
    for fn in (inputs.normalize_code, inputs.normalize_username, inputs.check_password, inputs.normalize_device_name):
        try:
            fn(text)
        except EnrollmentError as error:
            assert error.kind is ErrorKind.INVALID_INPUT and error.field


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("   ", None),
        ("\ufeff", None),
        (" helpdesk ", "helpdesk"),
        ("\ufeffhelpdesk\u200b\n", "helpdesk"),
        ("\x85\u200bops-admin", "ops-admin"),
        ("my profile", "my profile"),  # inside the name, spaces are the name's
        ("a\u200bb", "a\u200bb"),
        (None, None),
    ],
)
def test_aws_profile_loses_only_what_cannot_be_seen_at_its_ends(typed, expected):
    assert inputs.normalize_aws_profile(typed) == expected
