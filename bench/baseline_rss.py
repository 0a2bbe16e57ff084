"""Peak RSS of a bare 4-page QWizard after it has painted (memory baseline)."""

import json
import resource
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage


def main() -> None:
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    for _ in range(4):
        wizard.addPage(QWizardPage())
    wizard.show()
    QTimer.singleShot(300, app.quit)
    app.exec()
    print(json.dumps({"peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
