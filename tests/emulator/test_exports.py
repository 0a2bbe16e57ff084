"""The emulator package's ``__all__`` lists exactly the names it loads lazily."""

from __future__ import annotations

import cogtotp_gui.emulator as emulator


def test_all_lists_every_lazy_export_and_each_resolves():
    assert sorted(emulator.__all__) == sorted(emulator._EXPORTS)
    for name in emulator.__all__:
        assert getattr(emulator, name) is not None
