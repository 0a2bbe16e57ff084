"""The "Saved connection: [combo] [Edit connections…]" row of the first page.

Built with the first page, before the first paint, so it is kept light: it
does not import :mod:`cogtotp_gui.ui.connections.saved_connections` (the window creates
that after the first paint) but is given a function that returns the
window's saved connections once they exist, seen through
:class:`SavedConnectionsPort` (not even a type-level import of the
container). Until then it shows only the connection in use, disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from cogtotp_gui.ui.common import messages

if TYPE_CHECKING:
    from cogtotp_gui.connections.model import Profile
    from cogtotp_gui.ui.wizard.controller import Controller


class SavedConnectionsPort(Protocol):
    """What the picker needs of the window's saved connections."""

    @property
    def ready(self) -> bool: ...

    @property
    def allow_switching(self) -> bool: ...

    @property
    def current_name(self) -> str | None: ...

    def profiles(self) -> list[Profile]: ...

    def choose(self, name: str) -> bool: ...

    def open_settings(self) -> object: ...


class ProfilePicker(QWidget):
    """ "Saved connection: [combo] [Edit connections…]" at the top of a page."""

    def __init__(
        self,
        controller: Controller,
        saved_connections: Callable[[], SavedConnectionsPort | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profilePicker")
        self.controller = controller
        self._saved_connections = saved_connections
        self.label = QLabel(self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("profileCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label.setBuddy(self.combo)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editConnectionsButton")
        self.edit_button.setAutoDefault(False)  # Enter keeps meaning Next
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.edit_button)
        self.combo.activated.connect(self._on_combo_activated)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Sa&ved connection:"))
        self.combo.setAccessibleName(self.tr("Saved connection"))
        self.combo.setAccessibleDescription(self.tr("Choosing one connects to it at once"))
        self.combo.setPlaceholderText(self.tr("Choose a saved connection"))
        self.edit_button.setText(self.tr("E&dit connections…"))
        self.edit_button.setAccessibleName(self.tr("Edit saved connections"))
        self.edit_button.setAccessibleDescription(self.tr("Opens the settings: saved connections and preferences"))
        self.refresh()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def saved_connections(self) -> SavedConnectionsPort | None:
        """The window's saved connections (None before the first paint)."""
        return self._saved_connections()

    def refresh(self) -> None:
        """Show the window's saved connections, the one in use selected."""
        saved = self.saved_connections()
        if saved is not None and not saved.allow_switching:
            self.setVisible(False)
            return
        self.setVisible(True)
        settings = self.controller.settings
        ready = saved is not None and saved.ready
        if saved is not None and ready:
            current, profiles = saved.current_name, saved.profiles()
        else:
            current, profiles = (settings.name or None) if settings is not None else None, []
        self.combo.blockSignals(True)
        self.combo.clear()
        if settings is not None and current is None:
            # Typed on the connection page or given on the command line.
            self.combo.addItem(messages.arg(self.tr("Unsaved connection (%1)"), settings.user_pool_id), "")
        for profile in profiles:
            self.combo.addItem(profile.name, profile.name)
            if profile.managed:
                self.combo.setItemData(self.combo.count() - 1, self.tr("Provided by IT"), _tooltip_role())
        if current is not None and not ready:
            self.combo.addItem(current, current)  # the list follows after the first paint
        index = self.combo.findData(current or "") if settings is not None else -1
        self.combo.setCurrentIndex(index)
        self.combo.setEnabled(ready and bool(profiles))
        self.combo.blockSignals(False)

    @Slot(int)
    def _on_combo_activated(self, index: int) -> None:
        saved = self.saved_connections()
        name = self.combo.itemData(index)
        if saved is None or not name or not saved.choose(str(name)):
            self.refresh()

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        saved = self.saved_connections()
        if saved is not None:
            saved.open_settings()


def _tooltip_role() -> Any:
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.ToolTipRole
