"""Questions in a window-modal message box, the one way (after qutebrowser's
``misc/msgbox.py``).

:func:`confirm` builds the box, opens it without blocking (``open()``: the
event loop, the workers and the idle watch go on), and calls back with the
role of the button chosen. Each question keeps its own texts, buttons,
mnemonics, default and Escape buttons; what every one of them did by hand
is done here: the box is deleted once answered, and the window is made
active again (not every window system hands activation back when a box
closes, and the operator's next key must reach the field it is meant for).

Imported where a question is asked, never before the first paint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cogtotp_gui.ui.common.widgets import show_plain

Role = QMessageBox.ButtonRole

__all__ = ["Choice", "Role", "confirm", "confirm_stop"]


@dataclasses.dataclass(frozen=True)
class Choice:
    """One button: its text (with its ``&`` mnemonic) or a standard button
    (Qt's own text, translated by Qt), its role, and its object name."""

    text: str | QMessageBox.StandardButton
    role: QMessageBox.ButtonRole
    name: str = ""


def confirm(
    parent: QWidget,
    *,
    title: str,
    text: str,
    choices: Sequence[Choice],
    default: QMessageBox.ButtonRole,
    escape: QMessageBox.ButtonRole,
    on_answer: Callable[[QMessageBox.ButtonRole | None], object],
    informative: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    name: str = "",
) -> QMessageBox:
    """Ask, and call ``on_answer`` with the chosen button's role (None: the
    box was closed from the code, ``box.reject()``, without a button).

    ``default`` (Enter) and ``escape`` (Escape, the title bar's close) name
    a choice by its role; each choice has a role of its own. Returns the
    open box, for the caller to close it when the question no longer
    applies (the user it was about was wiped)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if name:
        box.setObjectName(name)
    if informative:
        box.setInformativeText(informative)
    buttons = {}
    for choice in choices:
        if isinstance(choice.text, QMessageBox.StandardButton):
            button = box.addButton(choice.text)
        else:
            button = box.addButton(choice.text, choice.role)
        if choice.name:
            button.setObjectName(choice.name)
        buttons[choice.role] = button
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[escape])
    # Questions name users, roster files and connections as typed: never as
    # rich text (docs/security.md, "Names are shown as typed").
    show_plain(box)

    def finished(_result: int) -> None:
        clicked = box.clickedButton()
        role = box.buttonRole(clicked) if clicked is not None else None
        box.deleteLater()
        parent.window().activateWindow()
        on_answer(role)

    box.finished.connect(finished)
    box.open()
    return box


def confirm_yes(
    parent: QWidget,
    *,
    title: str,
    text: str,
    on_yes: Callable[[], object],
    name: str = "",
) -> QMessageBox:
    """A Yes/No question whose Yes goes ahead (Enter) and No leaves things
    as they are (Escape): ``on_yes`` runs only after Yes."""
    return confirm(
        parent,
        title=title,
        text=text,
        choices=(
            Choice(QMessageBox.StandardButton.Yes, Role.YesRole),
            Choice(QMessageBox.StandardButton.No, Role.NoRole),
        ),
        default=Role.YesRole,
        escape=Role.NoRole,
        on_answer=lambda role: on_yes() if role == Role.YesRole else None,
        name=name,
    )


def confirm_stop(
    parent: QWidget,
    *,
    title: str,
    text: str,
    stop: str,
    stop_name: str,
    on_answer: Callable[[bool], object],
    informative: str = "",
    keep_name: str = "",
    name: str = "",
) -> QMessageBox:
    """The question before dropping work (a half-done user, the training
    data): ``stop`` (its text, with its mnemonic) or "Keep going", the safe
    answer, which Enter and Escape choose. ``on_answer`` gets True when the
    operator chose to stop."""
    keep = QCoreApplication.translate("Confirm", "&Keep going")
    return confirm(
        parent,
        title=title,
        text=text,
        informative=informative,
        choices=(Choice(stop, Role.DestructiveRole, stop_name), Choice(keep, Role.RejectRole, keep_name)),
        default=Role.RejectRole,
        escape=Role.RejectRole,
        on_answer=lambda role: on_answer(role == Role.DestructiveRole),
        name=name,
    )
