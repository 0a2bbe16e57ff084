"""Every string the code shows has a Japanese translation, every message with a
count has its English singular and plural, and the committed .ts/.qm match the
code (tools/update_translations.py --check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_japanese_translation_is_complete_and_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, (
        "Translations are incomplete or stale. Run `python tools/update_translations.py`, translate the "
        "messages listed below in resources/translations/cogtotp_ja.ts (ja:) or give the English "
        "plural forms in cogtotp_en.ts (en:), and run it again:\n" + result.stdout + result.stderr
    )


def test_english_plural_guess():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import update_translations
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert update_translations.english_forms("%n user(s) queued") == ("%n user queued", "%n users queued")
    assert update_translations.english_forms("%n match(es)") == ("%n match", "%n matches")
