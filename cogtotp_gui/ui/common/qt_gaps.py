"""Texts of Qt's own dialogs that Qt's Japanese catalogue lacks (read by lupdate, never imported).

Qt 6.11's file dialog labels are "&Look in:" and "Files of &type:", with
mnemonics; the ``qtbase_ja.qm`` that PySide6 ships was translated when they
were "Look in:" and "Files of type:", so those two labels stayed English in
a Japanese file dialog (issue 20 #12). Listing them here puts them into our
own catalogue under Qt's context (``QFileDialog``); ours is installed after
Qt's and is searched first. ``tests/gui/test_i18n.py`` opens a Japanese file
dialog and fails on any English label left.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")
QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")
