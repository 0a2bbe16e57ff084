"""What keeps the first paint fast: the rules, and the import hook.

The window's first page must paint within 1.25x of a bare QWizard (README,
Benchmarks; ``make bench`` measures it). Four kinds of measure get it there;
each lives in the room of its concern, and this docstring is where they are
listed:

1. **PySide's ``__feature__`` import hook** is taken out
   (:func:`skip_pyside_import_scan`, called by ``app.main`` right after the
   command line is parsed): it read the source of every module imported
   after PySide6. ~7 ms of the start-up, and a file read per boto3 module
   later.
2. **The wizard's header** is found through ``children()``
   (``find_wizard_header`` in ``ui/wizard/wizard.py``), never with ``parentWidget()`` on Qt's
   private header class, which made shiboken build enum classes for each
   known widget type (~10 ms).
3. **botocore's data files** are parsed with a Python object hook
   (``plain_json_boto3_session`` in ``enrollment/boto_session.py``, used
   by the gateway on a worker): the
   parse of endpoints.json no longer holds the GIL for 30-40 ms in one C
   call, so the window never stalls while the client is built.
4. **Lazy imports**, kept by these rules (``tests/gui/shell/test_startup.py``
   checks that the first paint imports no boto3, and ``make bench`` the time):

   * ``app.py`` parses the command line before importing Qt;
   * boto3/botocore only on a worker, after the first paint
     (``enrollment/gateway.py`` and its ``boto_session.py`` import them);
   * the pages other than the first, the saved connections
     (``connections/store.py``, keyring), the privacy watchers, the audit
     log (platformdirs), the input checks and the flow load after the first
     paint (``MainWindow._on_first_paint_done``, ``Controller._ensure_flow``);
   * moto, Flask and the emulator only in training mode;
   * the campaign database (sqlite3) only when a session is opened;
   * small ones: argparse is told the terminal width (no ``shutil``), QFont's
     enums wait for the first fixed-width text, ``importlib.resources`` is
     not used for assets (``ui/common/assets.py``).

This module holds the first measure only (the app calls it before Qt's
first import is of any use); it imports nothing at the top, so the core
and the command line may read it without Qt.
"""

from __future__ import annotations

# -- 1. the __feature__ import hook ---------------------------------------------------


def skip_pyside_import_scan() -> bool:
    """Give Python its own ``import`` back from PySide's ``__feature__`` hook.

    Importing PySide6 replaces ``builtins.__import__`` with a hook for
    ``from __feature__ import snake_case, true_property``. After every
    import, for any module, the hook reads the module's source file
    (``inspect.getsource``) to see whether it mentions PySide6. This app
    never selects a feature, so that is pure cost: ~7 ms of the start-up
    for the app's own modules, and a source read for each of boto3's and
    botocore's hundreds of modules while the client is being built.

    Imports PySide6.QtCore (the hook comes with it). Returns whether the
    hook was removed; False where PySide6 no longer installs it, in which
    case nothing is changed.
    """
    import builtins

    import PySide6.QtCore  # noqa: F401  # installs the hook being removed

    original = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if original is None or hook is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = original
    return True
