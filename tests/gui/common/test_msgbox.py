"""confirm(): the one yes/no question box. Window-modal and not blocking,
the buttons as asked (texts, mnemonics, roles, default and Escape), the
chosen role reported once, the box deleted, and the window active again."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from cogtotp_gui.ui.common.msgbox import Choice, Role, confirm


def ask(window, answers):
    return confirm(
        window,
        title="Title",
        text="Go on?",
        informative="More words.",
        choices=(
            Choice("&Go", Role.AcceptRole, "goButton"),
            Choice("&Later", Role.RejectRole, "laterButton"),
            Choice(QMessageBox.StandardButton.Discard, Role.DestructiveRole),
        ),
        default=Role.AcceptRole,
        escape=Role.RejectRole,
        on_answer=answers.append,
        name="askBox",
    )


def test_the_box_is_built_as_asked_and_does_not_block(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    answers: list[object] = []
    box = ask(window, answers)  # returns at once: the event loop goes on
    qtbot.waitUntil(box.isVisible)
    assert box.objectName() == "askBox" and box.windowTitle() == "Title"
    assert (box.text(), box.informativeText()) == ("Go on?", "More words.")
    assert box.windowModality() == Qt.WindowModality.WindowModal
    go = box.findChild(type(box.defaultButton()), "goButton")
    assert box.defaultButton() is go and go.text() == "&Go"
    assert box.escapeButton().objectName() == "laterButton"
    assert box.buttonRole(box.button(QMessageBox.StandardButton.Discard)) == Role.DestructiveRole
    assert answers == []


def test_enter_escape_and_a_click_each_report_their_role_once(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    answers: list[object] = []
    for press, expected in (
        (lambda box: QTest.keyClick(box, Qt.Key.Key_Return), Role.AcceptRole),
        (lambda box: QTest.keyClick(box, Qt.Key.Key_Escape), Role.RejectRole),
        (lambda box: box.button(QMessageBox.StandardButton.Discard).click(), Role.DestructiveRole),
    ):
        box = ask(window, answers)
        qtbot.waitUntil(box.isVisible)
        press(box)
        assert answers[-1] == expected
        qtbot.waitUntil(lambda box=box: not shiboken6.isValid(box))  # deleted once answered
    assert len(answers) == 3


def test_closed_from_the_code_it_reports_no_button_and_hands_the_window_back(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    answers: list[object] = []
    activated: list[bool] = []
    window.activateWindow = lambda: activated.append(True)  # type: ignore[method-assign]  # observe the call
    box = ask(window, answers)
    qtbot.waitUntil(box.isVisible)
    box.reject()  # the question no longer applies (the user was wiped)
    assert answers == [None] and activated == [True]


def test_confirm_stop_keeps_going_on_enter_and_escape_and_stops_only_on_its_button(qtbot):
    from cogtotp_gui.ui.common.msgbox import confirm_stop

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    answers: list[bool] = []

    def ask_stop():
        box = confirm_stop(
            window, title="T", text="Stop?", stop="&Stop", stop_name="stopButton", on_answer=answers.append
        )
        qtbot.waitUntil(box.isVisible)
        assert box.escapeButton() is box.defaultButton() and box.defaultButton().text() == "&Keep going"
        return box

    QTest.keyClick(ask_stop(), Qt.Key.Key_Return)
    QTest.keyClick(ask_stop(), Qt.Key.Key_Escape)
    box = ask_stop()
    box.findChild(type(box.defaultButton()), "stopButton").click()
    assert answers == [False, False, True]
