"""What keeps the first paint fast, in one place.

The window's first page must paint within 1.25x of a bare QWizard (README,
Benchmarks; ``make bench`` measures it). Four kinds of measure get it there;
the code elsewhere only calls them:

1. **PySide's ``__feature__`` import hook** is taken out
   (:func:`skip_pyside_import_scan`, called by ``app.main`` right after the
   command line is parsed): it read the source of every module imported
   after PySide6. ~7 ms of the start-up, and a file read per boto3 module
   later.
2. **The wizard's header** is found through ``children()``
   (:func:`find_wizard_header`), never with ``parentWidget()`` on Qt's
   private header class, which made shiboken build enum classes for each
   known widget type (~10 ms).
3. **botocore's data files** are parsed with a Python object hook
   (:func:`cogtotp_gui.enrollment.aws_session.aws_session`, on a worker): the
   parse of endpoints.json no longer holds the GIL for 30-40 ms in one C
   call, so the window never stalls while the client is built.
4. **Lazy imports**, kept by these rules (``tests/gui/shell/test_startup.py``
   checks that the first paint imports no boto3, and ``make bench`` the time):

   * ``app.py`` parses the command line before importing Qt;
   * boto3/botocore only on a worker, after the first paint
     (``enrollment/gateway.py`` is their only importer);
   * the pages other than the first, the saved connections
     (``connections/store.py``, keyring), the privacy watchers, the audit
     log (platformdirs), the input checks and the flow load after the first
     paint (``MainWindow._on_first_paint_done``, ``Controller._ensure_flow``);
   * moto, Flask and the emulator only in training mode;
   * the campaign database (sqlite3) only when a session is opened;
   * small ones: argparse is told the terminal width (no ``shutil``), QFont's
     enums wait for the first fixed-width text, ``importlib.resources`` is
     not used for assets (``ui/common/assets.py``).

This module imports nothing at the top beyond the standard library's
``typing``; each function imports what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget, QWizard


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


# -- 2. the wizard's header -----------------------------------------------------------


def find_wizard_header(wizard: QWizard, subtitle: str, pages: list[Any]) -> tuple[QWidget, QLabel] | None:
    """The wizard's header and its subtitle label (showing ``subtitle``).

    In the Classic and Modern styles the label is a grandchild of the wizard
    (wizard -> anti-flicker widget -> header -> labels). Cheap on purpose,
    as it runs before the first paint. Not ``findChildren(QLabel)``, which
    walks into every page, and not ``label.parentWidget()``: for Qt's
    private header class, shiboken tries the known widget classes one by one
    and initialises each one's enums on the way (~10 ms). ``children()``
    gives the header as a plain QWidget. ``pages`` are the wizard's built
    pages, for the slow walk in another layout (macOS's style).
    """
    from PySide6.QtWidgets import QFrame, QLabel, QWidget, QWizardPage

    for top in wizard.children():
        if not isinstance(top, QWidget) or isinstance(top, QWizardPage):
            continue
        for header in top.children():
            if not isinstance(header, QWidget) or isinstance(header, (QWizardPage, QFrame)):
                continue  # the page frame holds the pages, not the header
            for label in header.children():
                if isinstance(label, QLabel) and label.wordWrap() and label.text() == subtitle:
                    return header, label
    # Laid out otherwise (macOS's style): the slow walk, once.
    for label in wizard.findChildren(QLabel):
        if label.wordWrap() and label.text() == subtitle and not any(p.isAncestorOf(label) for p in pages):
            parent = label.parentWidget()
            if parent is not None:
                return parent, label
    return None
