"""What the docs promise about the repository and the release archive (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_document_links_outside_the_repository():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text("utf-8")
        assert "../shared" not in text, doc.name


def test_the_desktop_entry_installation_md_installs_is_in_the_release_archive():
    """installation.md installs the .desktop file from the unpacked archive;
    the Makefile puts it into the bundle folder before archiving it."""
    install = (ROOT / "docs" / "installation.md").read_text("utf-8")
    assert "install -m 644 /opt/cogtotp-gui/cogtotp-gui.desktop" in install
    assert "install -m 644 resources/linux/cogtotp-gui.desktop /usr" not in install  # not in the archive
    recipe = (ROOT / "Makefile").read_text("utf-8").split("\nbundle:", 1)[1].split("\n\n", 1)[0]
    copy = recipe.index("resources/linux/cogtotp-gui.desktop $(BUNDLE_DIR)/cogtotp-gui.desktop")
    assert copy < recipe.index("tar -C dist -czf"), "copied after the archive was made"


def test_readme_and_installation_agree_on_the_bundle_size():
    readme = (ROOT / "README.md").read_text("utf-8")
    install = (ROOT / "docs" / "installation.md").read_text("utf-8")
    row = re.search(r"with training mode \(the release\) \| \*\*([\d.]+) MB\*\* \| \*\*(\d+)\*\*", install)
    assert row, "installation.md has no release row"
    megabytes = float(row.group(1))
    readme_row = re.search(r"\| bundle: onedir folder \| (\d+) MB", readme)
    assert readme_row and int(readme_row.group(1)) == round(megabytes)
    assert not re.search(r"\| bundle: onedir folder \|[^|]*\d+ files", readme)  # the count lives in one place
