"""Baseline for the start-up benchmark: a bare 4-page QWizard, started the
same way as the app, reporting its first paint the same way.

"The same way" is the app's ``MainWindow.first_painted``: the window's first
paint event starts, the whole window paints (the window, then its
children), and one event-loop turn later the signal reports it. The bare
wizard notes its first paint event and reports on the next turn, so both
are timed to a page that has finished painting.
"""

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage


def report() -> None:
    sys.stdout.write("first-paint\n")
    sys.stdout.flush()
    os._exit(0)


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, report)  # as MainWindow.paintEvent does
        return False


def main() -> None:
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    for title in ("Credentials", "SMS code", "QR code", "Confirmation"):
        page = QWizardPage()
        page.setTitle(title)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(title))
        wizard.addPage(page)
    wizard.resize(720, 560)
    spy = FirstPaint()
    wizard.installEventFilter(spy)
    wizard.show()
    app.exec()


if __name__ == "__main__":
    main()
