"""Size and file count of the one-folder bundle, against its budget.

    python tools/bundle_report.py [dist/cogtotp-gui] [--archive FILE] [--budget-mb 150] [--json]

Size is what ``du -sb`` prints (apparent bytes of every file and folder,
symlinks as links), so the figure can be checked by hand. The largest parts
are listed to show where a regression came from. ``--json`` prints one JSON
object instead (for the benchmark). Exits 1 when the folder exceeds the
budget, 2 when the folder does not exist.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from pathlib import Path

MB = 1_000_000


def measure(root: Path) -> tuple[int, int, dict[str, int]]:
    """``(bytes like du -sb, regular files like find -type f, bytes per part)``."""
    total = os.lstat(root).st_size
    files = 0
    parts: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            info = os.lstat(path)
            size = info.st_size
            total += size
            files += stat.S_ISREG(info.st_mode)  # like find -type f: links not counted
            relative = path.relative_to(root).parts
            # Group by the first level below _internal (PyInstaller's contents dir).
            key = "/".join(relative[:2] if relative[0] == "_internal" and len(relative) > 1 else relative[:1])
            parts[key] = parts.get(key, 0) + size
    return total, files, parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="dist/cogtotp-gui", type=Path)
    parser.add_argument("--archive", type=Path, help="the release archive, to report its size too")
    parser.add_argument("--budget-mb", type=float, default=150.0, help="fail above this many MB (10^6 bytes)")
    parser.add_argument("--top", type=int, default=12, help="how many of the largest parts to list")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder (run make bundle first)", file=sys.stderr)
        return 2
    total, files, parts = measure(args.folder)
    archive = args.archive.stat().st_size if args.archive and args.archive.is_file() else None
    over = total > args.budget_mb * MB
    if args.json:
        report = {
            "folder": str(args.folder),
            "bytes": total,
            "files": files,
            "archive_bytes": archive,
            "budget_bytes": int(args.budget_mb * MB),
            "within_budget": not over,
            "largest": dict(sorted(parts.items(), key=lambda kv: -kv[1])[: args.top]),
        }
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.folder}: {total / MB:.1f} MB ({total} bytes, du -sb), {files} files")
        if archive is not None:
            print(f"{args.archive}: {archive / MB:.1f} MB")
        for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[: args.top]:
            print(f"  {size / MB:7.1f} MB  {name}")
        verdict = "over" if over else "within"
        print(f"{verdict} the budget of {args.budget_mb:.0f} MB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
