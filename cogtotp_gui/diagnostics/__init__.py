"""Diagnostics of an installation (``--self-check``), run without a window."""
