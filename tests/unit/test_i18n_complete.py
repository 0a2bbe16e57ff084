"""Every string the code shows has a Japanese translation, and the committed
.ts/.qm match the code (tools/update_translations.py --check)."""

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
        "messages listed below in resources/translations/cogtotp_ja.ts, and run it again:\n"
        + result.stdout
        + result.stderr
    )
