"""Where the package's own files (icons, translations) are."""

from __future__ import annotations

import os

# The package is a folder on disk wherever the app runs (a checkout, an
# installed wheel, the frozen bundle's _internal folder), so its own path
# finds the assets; importlib.resources would cost ~5 ms before the first
# paint (the password field's icon). selfcheck.py reads every asset through
# importlib.resources, so a bundle that lacks one still fails its self-check.
ASSETS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "assets")


def asset_path(*parts: str) -> str:
    """The path of a file in ``cogtotp_gui/assets`` (for style sheets' ``url()``)."""
    return os.path.join(ASSETS, *parts)
