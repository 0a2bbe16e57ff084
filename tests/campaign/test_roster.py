"""The roster reader: CSV with a username column, one a line, pasted text."""

from __future__ import annotations

import os

import pytest

from cogtotp_gui.campaign.roster import (
    MAX_ROSTER_BYTES,
    MAX_ROSTER_USERS,
    RosterError,
    parse_roster_text,
    read_roster_file,
)
from cogtotp_gui.enrollment.usernames import UsernameProblem


def test_one_username_a_line_drops_blanks_and_duplicates_and_counts_them():
    roster = parse_roster_text("alice\n\nbob\n  alice \n\ncarol\r\n")
    assert roster.usernames == ("alice", "bob", "carol")
    assert (roster.duplicates, roster.blanks) == (1, 2)
    assert roster.dropped == 3


def test_csv_with_a_username_column_ignores_the_other_columns():
    text = "email,Username,team\na@example.com,alice,red\nb@example.com,bob,blue\nc@example.com,,blue\nd@x,alice,red\n"
    roster = parse_roster_text(text)
    assert roster.usernames == ("alice", "bob")
    assert (roster.duplicates, roster.blanks) == (1, 1)


def test_csv_written_by_excel_with_a_bom_and_semicolons(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("username;name\r\n山田;Yamada Taro\r\nsuzuki;Suzuki\r\n".encode("utf-8-sig"))
    roster = read_roster_file(path)
    assert roster.usernames == ("山田", "suzuki")
    assert roster.source == "roster.csv"


def test_a_file_without_a_bom_and_a_quoted_cell(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text('username,note\n"o,brien",x\nplain,y\n', encoding="utf-8")
    assert read_roster_file(path).usernames == ("o,brien", "plain")


def test_a_header_line_only_is_not_a_user():
    assert parse_roster_text("username\nalice\n").usernames == ("alice",)


def test_a_file_that_is_not_utf8_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "sjis.csv"
    path.write_bytes("username\n山田\n".encode("shift_jis"))
    with pytest.raises(RosterError) as caught:
        read_roster_file(path)
    assert caught.value.reason == "encoding"


def test_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(RosterError) as caught:
        read_roster_file(tmp_path / "nope.csv")
    assert caught.value.reason == "unreadable"


@pytest.mark.parametrize("text", ["", "\n \n", "username\n\n"])
def test_nothing_to_do_is_an_error(text):
    with pytest.raises(RosterError) as caught:
        parse_roster_text(text)
    assert caught.value.reason == "empty"


def test_a_control_character_names_its_line():
    with pytest.raises(RosterError) as caught:
        parse_roster_text("alice\nbo\x07b\n")
    assert (caught.value.reason, caught.value.line) == ("bad_username", 2)


def test_too_many_users_names_the_line_of_the_first_one_too_many():
    with pytest.raises(RosterError) as caught:
        parse_roster_text("username\n" + "\n".join(f"u{i}" for i in range(MAX_ROSTER_USERS + 1)))
    assert (caught.value.reason, caught.value.line) == ("too_many", MAX_ROSTER_USERS + 2)


def test_a_file_over_the_size_cap_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a\n" * (MAX_ROSTER_BYTES // 2) + b"b")
    with pytest.raises(RosterError) as caught:
        read_roster_file(path)
    assert caught.value.reason == "too_big"
    path.write_bytes(b"a\n" * (MAX_ROSTER_BYTES // 2))  # exactly the cap: read
    assert read_roster_file(path).usernames == ("a",)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="a POSIX device")
def test_an_endless_file_is_refused_at_the_cap():
    with pytest.raises(RosterError) as caught:
        read_roster_file("/dev/zero")
    assert caught.value.reason == "too_big"


def test_a_csv_cell_over_the_csv_limit_is_a_roster_error_with_its_line(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("username,note\nalice,x\nbob," + "y" * 131_073 + "\n", encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        read_roster_file(path)
    assert (caught.value.reason, caught.value.line) == ("csv", 3)


def test_a_header_line_over_the_csv_limit_is_a_roster_error_too():
    with pytest.raises(RosterError) as caught:
        parse_roster_text("\n\nusername," + "x" * 131_073 + "\nalice\n")
    assert (caught.value.reason, caught.value.line) == ("csv", 3)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("alice\ntaro yamada\n", 2, UsernameProblem.WHITESPACE),
        ("alice\n\nbob\tsmith\n", 3, UsernameProblem.WHITESPACE),
        ('username,team\nalice,red\n"taro yamada",blue\n', 3, UsernameProblem.WHITESPACE),
        ("alice\n" + "x" * 129 + "\n", 2, UsernameProblem.TOO_LONG),
        ("alice\na\u202eb\n", 2, UsernameProblem.CHARACTER),
    ],
)
def test_only_cognito_usernames_are_taken_and_the_line_is_named(text, line, problem):
    with pytest.raises(RosterError) as caught:
        parse_roster_text(text)
    assert (caught.value.reason, caught.value.line, caught.value.problem) == ("bad_username", line, problem)


def test_an_aws_credentials_file_is_not_a_roster(tmp_path):
    path = tmp_path / "credentials"
    path.write_text(
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\n",
        encoding="utf-8",
    )
    with pytest.raises(RosterError) as caught:
        read_roster_file(path)
    assert (caught.value.reason, caught.value.line) == ("bad_username", 2)


def test_a_byte_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"alice\nbob\nyamada\x82\xa0\n")
    with pytest.raises(RosterError) as caught:
        read_roster_file(path)
    assert (caught.value.reason, caught.value.line) == ("encoding", 3)


def test_usernames_cognito_takes_are_kept():
    text = "taro.yamada@example.co.jp\n+819012345678\n山田太郎\no'brien\n20481234\n"
    assert len(parse_roster_text(text)) == 5


def test_invisible_characters_pasted_along_are_dropped():
    assert parse_roster_text("\ufeffalice\u200b\n\u200bbob").usernames == ("alice", "bob")
