"""Every message key the core can raise has its own plain sentence, and
every sentence goes through Qt's translation machinery."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common import messages

PACKAGE = Path(__file__).resolve().parents[3] / "cogtotp_gui"
KEY = re.compile(r"""["']((?:error|input|settings)\.[a-z_]+)["']""")


def keys_used_in(*folders: str) -> set[str]:
    found: set[str] = set()
    for folder in folders:
        for path in (PACKAGE / folder).rglob("*.py"):
            found |= set(KEY.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_key_of_the_core_has_its_own_sentence(qapp):
    used = keys_used_in("enrollment") | {k for k in keys_used_in("ui") if not k.startswith("error.")}
    assert used, "no keys found: the pattern is stale"
    generic = messages.message_for_key("error.unexpected")
    missing = sorted(key for key in used if key != "error.unexpected" and messages.message_for_key(key) == generic)
    assert missing == []
    assert used <= messages.known_keys()


def test_sentences_are_whole_and_plain(qapp):
    for key in messages.known_keys():
        text = messages.message_for_key(key)
        assert text[0].isupper() and text.endswith("."), (key, text)
        # No service jargon or identifiers leaking into what people read.
        assert "Exception" not in text and not re.search(r"\b[a-z]+_[a-z]+\b", text.replace("region_id", "")), (
            key,
            text,
        )


class Shouting(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return source.upper() if context == "Messages" else None


def test_sentences_go_through_the_translator(qapp):
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        assert messages.message_for_key("error.network") == messages.message_for_key("error.network").upper()
        error = EnrollmentError(
            ErrorKind.WRONG_CODE,
            "error.wrong_code",
            "CodeMismatchException: Invalid code",
            code="CodeMismatchException",
        )
        assert messages.error_details(error).startswith("ERROR CODE: CodeMismatchException")
    finally:
        QCoreApplication.removeTranslator(translator)


def test_arg_fills_numbered_placeholders_in_any_order():
    assert messages.arg("%2 before %1", "a", "b") == "b before a"
    assert messages.arg("100%1", 5) == "1005"
    assert messages.arg("%1 and %3", "x") == "x and %3"


def test_details_never_show_a_code_or_token():
    error = EnrollmentError(
        ErrorKind.WRONG_CODE, "error.wrong_code", "CodeMismatchException: code 123456 for eyJabc.def.ghi"
    )
    details = messages.error_details(error)
    assert "123456" not in details and "eyJ" not in details
