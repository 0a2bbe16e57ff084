#!/usr/bin/env python3
"""Refresh the translation sources and compile them, or check they are complete.

    python tools/update_translations.py          # lupdate -> .ts, lrelease -> .qm
    python tools/update_translations.py --check  # exit 1 if anything is missing

Update: runs ``lupdate`` over every ``.py`` file in ``cogtotp_gui/`` into
``resources/translations/cogtotp_<lang>.ts`` (existing translations are kept,
strings gone from the code are dropped), then ``lrelease`` into
``cogtotp_gui/assets/translations/cogtotp_<lang>.qm``. Translate the
``.ts`` with Qt Linguist (``pyside6-linguist``) or any XLIFF/TS editor and
run this again.

English has a catalogue too, ``cogtotp_en.ts``, holding only the messages
with a count (``self.tr("%n user(s)", "", n)``): Qt picks a numerus form
from a translation, so without one English would say "1 user(s)". lupdate
fills it with ``-pluralonly``; this tool pre-fills new English messages with
a guess from the ``(s)`` spelling, left marked unfinished until a person
confirms it (remove ``type="unfinished"``). Every other English message is
shown as written in the code and needs no entry.

Check (used by ``tests/unit/test_i18n_complete.py`` and CI) reports, for
Japanese (every message) and English (messages with a count only):

* strings in the code that the ``.ts`` lacks, or the ``.ts`` has but the code
  no longer uses (the ``.ts`` is out of date: run the update);
* messages still unfinished or untranslated;
* translations that lose or invent a placeholder (``%1``, ``{code}``);
* a ``.qm`` that is not what ``lrelease`` makes of the committed ``.ts``.

Only the Qt tools shipped with PySide6 are needed.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cogtotp_gui"
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = PACKAGE / "assets" / "translations"
LANGUAGES = ("ja", "en")
# Languages whose catalogue carries only the numerus (%n) messages: the source language.
PLURAL_ONLY = ("en",)
PREFIX = "cogtotp"
# Line numbers would make every edit anywhere in the code dirty the .ts; the
# context and the source text are what a translator and the check need.
LUPDATE_OPTIONS = ["-locations", "none", "-no-obsolete", "-silent", "-source-language", "en"]
_PLACEHOLDER = re.compile(r"%L?(?:\d|n)|\{[a-zA-Z_]\w*\}")


def ts_path(lang: str) -> Path:
    return TS_DIR / f"{PREFIX}_{lang}.ts"


def qm_path(lang: str) -> Path:
    return QM_DIR / f"{PREFIX}_{lang}.qm"


def qt_tool(name: str) -> str:
    """The Qt tool ``name`` as shipped inside PySide6 (no PATH needed)."""
    import PySide6

    suffix = ".exe" if sys.platform == "win32" else ""
    bundled = Path(PySide6.__file__).resolve().parent / f"{name}{suffix}"
    if bundled.exists():
        return str(bundled)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[str]:
    # Sorted: lupdate keeps messages in the order it meets them.
    return sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def run_lupdate(ts: Path, lang: str) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    only = ["-pluralonly"] if lang in PLURAL_ONLY else []
    cmd = [qt_tool("lupdate"), *LUPDATE_OPTIONS, *only, "-target-language", lang, *sources(), "-ts", str(ts)]
    subprocess.run(cmd, cwd=ROOT, check=True)


def run_lrelease(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    # Unfinished translations stay out of the .qm: English beats a guess.
    subprocess.run([qt_tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


@dataclasses.dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translations: tuple[str, ...]
    unfinished: bool

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    def describe(self) -> str:
        extra = f" ({self.comment})" if self.comment else ""
        return f"[{self.context}] {self.source!r}{extra}"


def read_ts(path: Path) -> list[Message]:
    """The messages of a .ts file that are in use (not vanished/obsolete)."""
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            if translation is None:
                texts: tuple[str, ...] = ()
            elif message.get("numerus") == "yes":
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",)
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    comment=message.findtext("comment", ""),
                    translations=texts,
                    unfinished=kind == "unfinished" or not texts or not all(t.strip() for t in texts),
                )
            )
    return messages


def check(lang: str) -> list[str]:
    """Everything wrong with ``lang``'s translation, one line each."""
    problems: list[str] = []
    ts, qm = ts_path(lang), qm_path(lang)
    if not ts.exists():
        return [f"{ts.relative_to(ROOT)} is missing: run tools/update_translations.py"]
    committed = read_ts(ts)
    with tempfile.TemporaryDirectory() as folder:
        fresh_ts = Path(folder) / ts.name
        shutil.copyfile(ts, fresh_ts)
        run_lupdate(fresh_ts, lang)
        fresh = read_ts(fresh_ts)
        fresh_qm = Path(folder) / qm.name
        run_lrelease(ts, fresh_qm)
        qm_stale = not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes()

    in_code = {m.key for m in fresh}
    in_ts = {m.key for m in committed}
    for message in fresh:
        if message.key not in in_ts:
            problems.append(f"not in the .ts yet: {message.describe()}")
    for message in committed:
        if message.key not in in_code:
            problems.append(f"no longer in the code: {message.describe()}")
    for message in committed:
        if message.unfinished:
            problems.append(f"untranslated: {message.describe()}")
            continue
        wanted = sorted(_PLACEHOLDER.findall(message.source))
        for text in message.translations:
            if sorted(_PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ ({', '.join(wanted) or 'none'}): {message.describe()}")
    if qm_stale:
        problems.append(f"{qm.relative_to(ROOT)} is not compiled from the current .ts")
    return problems


_PLURAL_GUESS = re.compile(r"\((s|es)\)")


def english_forms(source: str) -> tuple[str, str]:
    """A guess at the singular and plural of an English ``(s)`` message."""
    return _PLURAL_GUESS.sub("", source), _PLURAL_GUESS.sub(r"\1", source)


def suggest_english(ts: Path) -> int:
    """Pre-fill English numerus messages that have no forms yet; they stay unfinished.

    Returns:
        How many messages got a suggestion.
    """
    tree = ET.parse(ts)
    suggested = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        forms = list(translation.iter("numerusform"))
        if any((form.text or "").strip() for form in forms):
            continue
        for form in forms:
            translation.remove(form)
        for text in english_forms(message.findtext("source", "")):
            ET.SubElement(translation, "numerusform").text = text
        translation.set("type", "unfinished")
        suggested += 1
    if suggested:
        ET.indent(tree, space="    ")
        ts.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
            + ET.tostring(tree.getroot(), encoding="unicode")
            + "\n",
            encoding="utf-8",
        )
        run_lupdate(ts, "en")  # back into lupdate's own layout
    return suggested


def update(lang: str) -> int:
    ts = ts_path(lang)
    run_lupdate(ts, lang)
    if lang in PLURAL_ONLY and suggest_english(ts):
        print(f'{ts.relative_to(ROOT)}: English plural forms guessed; check them and remove type="unfinished"')
    run_lrelease(ts, qm_path(lang))
    unfinished = [m for m in read_ts(ts) if m.unfinished]
    print(f"{ts.relative_to(ROOT)}: {len(read_ts(ts))} messages, {len(unfinished)} untranslated")
    for message in unfinished:
        print(f"  untranslated: {message.describe()}")
    print(f"{qm_path(lang).relative_to(ROOT)} written")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report what is missing or stale; change nothing")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="only this language (repeatable)")
    args = parser.parse_args(argv)
    status = 0
    for lang in args.lang or LANGUAGES:
        if args.check:
            problems = check(lang)
            for line in problems:
                print(f"{lang}: {line}")
            if problems:
                status = 1
            else:
                print(f"{lang}: complete and up to date")
        else:
            status |= update(lang)
    return status


if __name__ == "__main__":
    sys.exit(main())
