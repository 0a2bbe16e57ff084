"""Small layout defects a newcomer saw (issue 15, item 9)."""

from __future__ import annotations

from gui_driver import go_to_secret_page
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from cogtotp_gui.ui.common.widgets import PasswordLineEdit
from cogtotp_gui.ui.wizard.pages import PageId


def test_the_confirmation_pages_two_labels_start_at_the_same_edge(wizard_app):
    driver = wizard_app
    go_to_secret_page(driver)
    driver.enter()  # Next: the QR code was scanned
    driver.wait_page(PageId.CONFIRM)
    page = driver.wizard.confirm_page
    code, device = page.code_label, page.device_label
    assert code.isVisible() and device.isVisible()
    # The text's own left edge, whatever the labels' widths.
    code_x = code.mapTo(page, code.contentsRect().topLeft()).x()
    device_x = device.mapTo(page, device.contentsRect().topLeft()).x()
    code_align = code.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    device_align = device.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    assert code_align == device_align == Qt.AlignmentFlag.AlignLeft
    assert code_x == device_x


def test_a_long_client_secret_shows_its_first_dots_whole(qtbot):
    """An app client secret has 51 characters: more dots than the field is
    wide. It showed the end, with the first visible dot cut at the left."""
    field = PasswordLineEdit()
    qtbot.addWidget(field)
    field.resize(220, field.sizeHint().height())
    field.show()
    field.setText("x" * 51)
    assert field.cursorPosition() == 0  # the start is in view, not the end
    assert field.textMargins().left() >= 3  # room before the first dot
    field.end(False)  # where typing leaves the cursor
    assert field.cursorPosition() == 51
    QApplication.sendEvent(field, QFocusEvent(QEvent.Type.FocusOut))  # the operator tabs on
    assert field.cursorPosition() == 0
