"""The one username rule: Cognito's ``[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+``, 1-128."""

from __future__ import annotations

import pytest

from cogtotp_gui.enrollment import inputs
from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.usernames import MAX_USERNAME, UsernameProblem, is_username, username_problem


@pytest.mark.parametrize(
    "name",
    [
        "alice",
        "taro.yamada@example.co.jp",
        "+819012345678",
        "20481234",
        "山田太郎",
        "ユーザー",
        "e\u0301mile",  # a combining mark (Mn)
        "o'brien_-~!#$%&*()[]{}",
        "€£¥",  # symbols (Sc)
        "x" * MAX_USERNAME,
    ],
)
def test_what_cognito_takes_is_a_username(name):
    assert username_problem(name) is None and is_username(name)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", UsernameProblem.EMPTY),
        ("x" * (MAX_USERNAME + 1), UsernameProblem.TOO_LONG),
        ("taro yamada", UsernameProblem.WHITESPACE),
        ("taro\tyamada", UsernameProblem.WHITESPACE),
        ("taro\u3000yamada", UsernameProblem.WHITESPACE),  # ideographic space (Zs)
        ("taro\u00a0yamada", UsernameProblem.WHITESPACE),  # no-break space (Zs)
        ("a\u2028b", UsernameProblem.WHITESPACE),  # line separator (Zl)
        ("a\nb", UsernameProblem.WHITESPACE),  # a line break (Cc) is whitespace to the reader
        ("a b\x07", UsernameProblem.CHARACTER),  # a control character is the stronger reason
        ("a\x1b[31m", UsernameProblem.CHARACTER),
        ("a\u200bb", UsernameProblem.CHARACTER),  # zero-width space (Cf)
        ("a\u202eb", UsernameProblem.CHARACTER),  # right-to-left override (Cf)
        ("a\ue000b", UsernameProblem.CHARACTER),  # private use (Co)
        ("a\U000e0001 b", UsernameProblem.CHARACTER),  # a tag (Cf) and a space
        ("a\u0378b", UsernameProblem.CHARACTER),  # unassigned (Cn)
    ],
)
def test_what_cognito_refuses_says_why(text, problem):
    assert username_problem(text) is problem
    assert not is_username(text)


def test_anything_but_a_string_is_no_username():
    assert not is_username(None) and not is_username(123)


def test_typed_usernames_follow_the_rule_and_say_a_space():
    assert inputs.normalize_username("  taro.yamada  ") == "taro.yamada"
    for typed, key in (("taro yamada", "input.username_space"), ("a\u200bb", "input.username_format")):
        with pytest.raises(EnrollmentError) as caught:
            inputs.normalize_username(typed)
        assert caught.value.message_key == key and caught.value.field == "username"
