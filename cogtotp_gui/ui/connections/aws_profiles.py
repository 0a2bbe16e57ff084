"""Choosing the AWS profile admin mode signs with.

The names come from the operator's AWS configuration (``~/.aws/config`` and
``credentials``, as boto3 reads them). Reading them means importing boto3,
which must never happen on the UI thread before the window first paints
(docs/qt-and-packaging.md), so :class:`AwsProfileCombo` reads them on a worker, and only
once it has been painted itself and someone wants the list.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from cogtotp_gui.ui.common.tasks import BackgroundTask, SingleFlight

log = logging.getLogger(__name__)


def available_aws_profiles() -> list[str]:
    """The profile names of this computer's AWS configuration (imports boto3)."""
    import boto3

    return sorted(set(boto3.session.Session().available_profiles), key=str.casefold)


class AwsProfileCombo(QComboBox):
    """An editable combo of AWS profile names; empty means the default chain."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        # Typing a name never adds it to the list: only the config's names are there.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        # As wide as the line edits of the same form.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit = self.lineEdit()
        assert edit is not None  # editable: set just above
        edit.setMaxLength(64)
        self._wanted = False
        self._loaded = False
        self._painted = False
        self._reading = SingleFlight()

    @property
    def loaded(self) -> bool:
        return self._loaded

    def load_profiles(self) -> None:
        """Read the names once (on a worker, after this combo has painted)."""
        if self._loaded or self._reading.busy:
            return
        self._wanted = True
        if self._painted:
            self._start()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._wanted:
                QTimer.singleShot(0, self, self._start)

    def showPopup(self) -> None:
        self.load_profiles()
        super().showPopup()

    def _start(self) -> None:
        if not self._loaded:
            self._reading.run(
                BackgroundTask(available_aws_profiles, owner=self).success(self._on_read).failure(self._on_read_failed)
            )

    @Slot(object)
    def _on_read(self, names: object) -> None:
        self._loaded = True
        typed = self.currentText()
        profiles = [str(name) for name in names] if isinstance(names, list) else []
        self.blockSignals(True)
        self.clear()
        self.addItems(profiles)
        self.setCurrentIndex(-1)
        self.setEditText(typed)  # what was typed (or prefilled) stays
        self.blockSignals(False)

    @Slot(object)
    def _on_read_failed(self, exc: object) -> None:
        # A broken AWS config: the name can still be typed; the connection
        # itself will then say what is wrong with it.
        self._loaded = True
        log.warning("could not read the AWS profiles: %s", type(exc).__name__)
