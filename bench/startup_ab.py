"""Start-up of this checkout against an older revision, in the same run.

    python bench/startup_ab.py REV [RUNS]

Both trees are byte-compiled (as installed) in a temporary folder and
started in turn with the bare QWizard baseline, ``RUNS`` times (default
30), as ``make bench`` starts the app; prints the medians and, per
interleaved run, the ratios new/old, new/bare and old/bare (median and
quartiles). Nothing is asserted: the figures are for a person to read.
"""

from __future__ import annotations

import compileall
import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402  (the bench's own start-up timer)


def tree(rev: str | None, into: Path) -> Path:
    """The package at ``rev`` (None: the working tree), byte-compiled under ``into``."""
    into.mkdir(parents=True)
    if rev is None:
        shutil.copytree(ROOT / "cogtotp_gui", into / "cogtotp_gui", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(
            ["git", "archive", rev, "cogtotp_gui"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(into, filter="data")
    compileall.compile_dir(into / "cogtotp_gui", quiet=1)
    return into


def spread(pairs: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(pairs, n=4)
    return f"{median:.3f}× (quartiles {q1:.3f}–{q3:.3f})"


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    runs = int(argv[1]) if len(argv) == 2 else 30
    work = Path(tempfile.mkdtemp(prefix="cogtotp-ab-"))
    try:
        py = sys.executable
        commands = {
            "bare": ([py, str(ROOT / "bench" / "baseline_wizard.py")], ROOT),
            "new": ([py, "-m", "cogtotp_gui", *run.APP_ARGS], tree(None, work / "new")),
            "old": ([py, "-m", "cogtotp_gui", *run.APP_ARGS], tree(argv[0], work / "old")),
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for cmd, source in commands.values():  # warm the file cache once
            run.time_to_first_paint(cmd, source)
        for _ in range(runs):
            for name, (cmd, source) in commands.items():  # interleaved: drift hits all alike
                samples[name].append(run.time_to_first_paint(cmd, source))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = ", ".join(f"{name} {statistics.median(values):.1f} ms" for name, values in samples.items())
    print(f"start-up to first paint, {runs} interleaved runs — {run.machine()}")
    print(f"medians: {medians}")
    for a, b in (("new", "old"), ("new", "bare"), ("old", "bare")):
        print(f"{a}/{b}: {spread([x / y for x, y in zip(samples[a], samples[b], strict=True)])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
