"""Every control the operator's guide names in bold exists where the guide says (issue 20 #2).

The guide (``cogtotp_gui/assets/guide/``) names controls in bold, and only
inside tables whose first column says where they are: a wizard page's title,
a menu, a panel or a window. This test reads the guide's tables and the
translation source (``resources/translations/cogtotp_ja.ts``, which
``test_i18n_complete`` keeps equal to the code): the first column's bold
text must be a text of some translation context (a page class, a menu's
owner, a window), and every other bold text in the row a text of that same
context, in English (the source) and in Japanese (the translation),
mnemonics stripped. Rows whose first column names no place are the message
table: their buttons are on a wizard page's banner, so they must be texts
of a wizard page. A renamed button, or one that moved to another page,
fails here until the guide follows.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from cogtotp_gui.ui.shell.guide import GUIDE_FILES, guide_text

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))
from update_translations import read_ts, ts_path  # noqa: E402 (tools/ is not a package: path set just above)

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Contexts whose texts appear on every wizard page (the banner's buttons, the wizard's own).
_WIZARD_WIDE = {"EnrollmentPage", "EnrollmentWizard"}


def normalise(text: str) -> str:
    """A control's text as the operator reads it: no mnemonic, no trailing colon."""
    text = re.sub(r"\(&[^)]\)", "", text)  # Japanese style: 保存(&S)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":：").strip()


def texts_by_context(language: str) -> dict[str, set[str]]:
    contexts: dict[str, set[str]] = defaultdict(set)
    for message in read_ts(ts_path("ja")):
        if language == "en":
            contexts[message.context].add(normalise(message.source))
        else:
            contexts[message.context].update(normalise(t) for t in message.translations)
    return contexts


def table_rows(markdown: str) -> list[list[str]]:
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|[\s\-|:]+\|", line.strip()):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def is_wizard_page(context: str) -> bool:
    return context.endswith("Page") or context in _WIZARD_WIDE


@pytest.mark.parametrize("language", sorted(GUIDE_FILES))
def test_every_bold_control_exists_where_the_guide_says(language):
    markdown = guide_text(language)
    contexts = texts_by_context(language)
    problems = []
    checked = 0
    for row in table_rows(markdown):
        places = _BOLD.findall(row[0])
        controls = [c for cell in row[1:] for c in _BOLD.findall(cell)]
        if places:
            place = normalise(places[0])
            owners = {name for name, texts in contexts.items() if place in texts}
            if not owners:
                problems.append(f"place {place!r} is no text of the app")
                continue
            if any(is_wizard_page(o) for o in owners):
                owners |= _WIZARD_WIDE
        else:
            owners = {name for name in contexts if is_wizard_page(name)}
        allowed = set().union(*(contexts[o] for o in owners))
        for control in controls:
            checked += 1
            if normalise(control) not in allowed:
                problems.append(f"{control!r} is not in {sorted(owners)} (row: {row[0][:40]!r})")
    assert not problems, "\n".join(problems)
    # The guide covers every duty: the pages, the reset, the rehearsal, sessions, Migration, training.
    assert checked >= 45


@pytest.mark.parametrize("language", sorted(GUIDE_FILES))
def test_bold_is_only_used_for_places_and_controls_in_tables(language):
    outside = [
        line
        for line in guide_text(language).splitlines()
        if _BOLD.search(line) and not line.startswith("|") and not line.startswith("#")
    ]
    assert not outside, "bold outside a table names nothing the test can check:\n" + "\n".join(outside)


def test_both_languages_name_the_same_controls_row_by_row():
    english, japanese = (table_rows(guide_text(lang)) for lang in ("en", "ja"))
    assert len(english) == len(japanese)
    for en_row, ja_row in zip(english, japanese, strict=True):
        en_bold = [len(_BOLD.findall(cell)) for cell in en_row]
        ja_bold = [len(_BOLD.findall(cell)) for cell in ja_row]
        assert en_bold == ja_bold, (en_row[0], ja_row[0])


def test_the_lost_phone_path_is_the_reset_not_re_enrolment():
    """The guide once sent a user who lost their phone to Re-enroll, which needs the lost phone's code."""
    english = guide_text("en")
    row = next(r for r in table_rows(english) if "already has an authenticator app" in r[0])
    lost = row[2].index("lost that phone")
    assert row[2].index("**The user lost their authenticator**") > lost
    assert "tick **Re-enroll" not in english
    reset_row = next(r for r in table_rows(english) if r[0] == "**Reset the lost authenticator**")
    assert "**Reset authenticator**" in reset_row[2]
