"""A wrong roster is said in words, with its line, in both languages, in the
Session menu and on the command line (``--roster``, ``--demo --roster``)."""

from __future__ import annotations

import pytest

from cogtotp_gui import app as app_module
from cogtotp_gui.campaign.roster import RosterError, read_roster_file
from cogtotp_gui.enrollment.usernames import UsernameProblem
from cogtotp_gui.ui.campaign.roster_messages import command_line_translate, roster_error_text

ERRORS = [
    RosterError("unreadable"),
    RosterError("too_big"),
    RosterError("encoding", line=7),
    RosterError("csv", line=7),
    RosterError("empty"),
    RosterError("too_many", line=7),
    RosterError("bad_username", line=7, problem=UsernameProblem.WHITESPACE),
    RosterError("bad_username", line=7, problem=UsernameProblem.TOO_LONG),
    RosterError("bad_username", line=7, problem=UsernameProblem.CHARACTER),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: f"{e.reason}-{e.problem}")
def test_each_reason_has_its_own_sentence_naming_the_line_in_both_languages(error):
    english = roster_error_text(error, command_line_translate("en"))
    japanese = roster_error_text(error, command_line_translate("ja"))
    assert english and japanese and english != japanese
    assert "%" not in english + japanese
    if error.line is not None:
        assert "7" in english and "7" in japanese
    assert not any(
        ord(ch) < 128 and ch.isalpha()
        for ch in japanese.replace("CSV", "").replace("UTF-8", "").replace("Excel", "").replace("MB", "")
    )


def test_the_sentences_are_all_different():
    texts = [roster_error_text(error, command_line_translate("en")) for error in ERRORS]
    assert len(set(texts)) == len(texts)


def _write(tmp_path, text):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("demo", [[], ["--demo"]])
def test_a_wrong_roster_is_exit_2_with_the_line_in_real_and_training_mode(tmp_path, capsys, demo):
    path = _write(tmp_path, "alice\ntaro yamada\n")
    assert app_module.main([*demo, "--lang", "en", "--roster", path]) == 2
    err = capsys.readouterr().err
    assert "Line 2 is not a username: it has a space in it." in err and path in err


@pytest.mark.parametrize("demo", [[], ["--demo"]])
def test_a_csv_cell_too_long_is_exit_2_not_a_crash(tmp_path, capsys, demo):
    path = _write(tmp_path, "username,note\nalice," + "x" * 131_073 + "\n")
    assert app_module.main([*demo, "--lang", "en", "--roster", path]) == 2
    assert "Line 2 cannot be read as CSV" in capsys.readouterr().err


@pytest.mark.parametrize("demo", [[], ["--demo"]])
def test_a_missing_or_empty_roster_is_exit_2(tmp_path, capsys, demo):
    assert app_module.main([*demo, "--lang", "en", "--roster", str(tmp_path / "nope.csv")]) == 2
    assert "The file cannot be opened." in capsys.readouterr().err
    assert app_module.main([*demo, "--lang", "en", "--roster", _write(tmp_path, "\n\n")]) == 2
    assert "There is no username in it." in capsys.readouterr().err


def test_the_command_line_says_it_in_japanese_with_lang_ja(tmp_path, capsys):
    path = _write(tmp_path, "alice\ntaro yamada\n")
    assert app_module.main(["--demo", "--lang", "ja", "--roster", path]) == 2
    err = capsys.readouterr().err
    expected = roster_error_text(
        RosterError("bad_username", line=2, problem=UsernameProblem.WHITESPACE), command_line_translate("ja")
    )
    assert expected in err and "Line" not in err


def test_demo_hands_a_good_roster_to_training(tmp_path, monkeypatch):
    import cogtotp_gui.training as training

    handed: list[object] = []

    def start_training(app, args, *, roster=None):
        handed.append(roster)
        return 0

    monkeypatch.setattr(training, "start_training", start_training)
    path = _write(tmp_path, "username\nalice\nbob\nalice\n")
    assert app_module.main(["--demo", "--lang", "en", "--roster", path]) == 0
    (roster,) = handed
    assert roster.usernames == read_roster_file(path).usernames == ("alice", "bob")
