"""Marks for tests whose subject exists on some systems only.

Run here on Linux, and by the workflow (.github/workflows/bundle.yml) on
Windows and macOS, where these marks decide.
"""

from __future__ import annotations

import sys

import pytest

# Mode bits and uids: Windows has neither (os.chmod only sets read-only, st_uid
# is 0). Its branch of the same rules is tested with the platform faked in
# tests/unit/test_private_files_platforms.py, on every system.
posix_modes = pytest.mark.skipif(
    sys.platform == "win32",
    reason="POSIX modes and owners; Windows' branch: tests/unit/test_private_files_platforms.py",
)
