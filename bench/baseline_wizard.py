"""Baseline for the start-up benchmark: a bare 4-page QWizard, started the
same way as the app, reporting its first paint the same way."""

import os
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            sys.stdout.write("first-paint\n")
            sys.stdout.flush()
            os._exit(0)
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
