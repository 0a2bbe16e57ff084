"""Every control has an accessible name, and a description where a hint explains it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _inside_composite(widget: QWidget, root: QWidget) -> bool:
    """Part of a combo box (its line edit, its popup list) or a spin box."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Every control of ``root`` that takes focus but has no accessible name.

    Parts of a composite control (a spin box's or an editable combo's line
    edit) are named through the composite; labels are read by their text.
    """
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(widget, QLabel):
            continue
        if _inside_composite(widget, root) or (widget is not root and not widget.isVisibleTo(root)):
            continue  # named through its composite, or cannot take focus now
        explicit = widget.accessibleName().strip()
        if isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)) and not explicit:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} (inputs need an explicit name)")
        elif not accessible_name(widget):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_focusable_control_has_an_accessible_name(wizard_app):
    driver = wizard_app
    wizard = driver.wizard
    missing = []
    for page in wizard.enrollment_pages():
        missing += [f"{page.objectName()}: {m}" for m in unnamed_controls(page)]
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
        if not accessible_name(wizard.button(which)):
            missing.append(f"wizard button {which}")
    # The banner's own controls, with an error that has details and an action.
    driver.sign_in("sms", password="Wrong-password-1")
    driver.wait_banner()
    missing += [f"banner: {m}" for m in unnamed_controls(driver.page().banner)]
    driver.window.open_settings()
    dialog = driver.window.saved_connections.dialog
    missing += [f"settings: {m}" for m in unnamed_controls(dialog)]
    dialog.reject()
    assert missing == [], "\n".join(missing)


def test_every_control_has_a_description_where_a_hint_explains_it(wizard_app):
    wizard = wizard_app.wizard
    for widget in (
        wizard.credentials_page.password,
        wizard.sms_code_page.code,
        wizard.confirm_page.code,
        wizard.secret_page.copy_button,
        wizard.secret_page.qr,
    ):
        assert widget.accessibleDescription(), widget.objectName()


def test_the_accessibility_walk_notices_an_unnamed_control(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QLineEdit(root))
    layout.addWidget(QPushButton(root))
    named = QPushButton("&Named", root)
    layout.addWidget(named)
    assert len(unnamed_controls(root)) == 2
