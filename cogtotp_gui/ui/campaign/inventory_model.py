"""The inventory table: rows read from SQLite as the view scrolls, so a million users cost a few pages.

The model holds only the rows the view has asked for: the first page when a
search, a state filter or a sort is set, and one more page each time the
view scrolls near the end (Qt's ``canFetchMore``/``fetchMore``). Every page
is a keyed query of ``campaign/inventory_query.py`` (an index walk, no
``OFFSET``); the counts come from SQL, never from the rows held. Rules:
docs/inventory.md, "Storage at scale".
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from cogtotp_gui.campaign.inventory_query import COLUMNS, PAGE_ROWS, InventoryQuery, Row, View

__all__ = ["COLUMNS", "InventoryModel", "Row", "state_label", "status_label"]


def state_label(state: str) -> str:
    """The translated name of an MFA state."""
    labels = {
        "sms": QCoreApplication.translate("InventoryModel", "SMS"),
        "totp": QCoreApplication.translate("InventoryModel", "Authenticator app"),
        "email": QCoreApplication.translate("InventoryModel", "E-mail"),
        "none": QCoreApplication.translate("InventoryModel", "No MFA"),
        "unknown": QCoreApplication.translate("InventoryModel", "Unknown"),
    }
    return labels.get(state, state)


def status_label(status: str) -> str:
    """Cognito's ``UserStatus`` in words (a code this app does not know is shown as it is)."""
    labels = {
        "CONFIRMED": QCoreApplication.translate("InventoryModel", "Confirmed"),
        "UNCONFIRMED": QCoreApplication.translate("InventoryModel", "Not confirmed"),
        "FORCE_CHANGE_PASSWORD": QCoreApplication.translate("InventoryModel", "Must change password"),
        "RESET_REQUIRED": QCoreApplication.translate("InventoryModel", "Password reset required"),
        "EXTERNAL_PROVIDER": QCoreApplication.translate("InventoryModel", "External sign-in"),
        "ARCHIVED": QCoreApplication.translate("InventoryModel", "Archived"),
        "COMPROMISED": QCoreApplication.translate("InventoryModel", "Compromised"),
        "UNKNOWN": QCoreApplication.translate("InventoryModel", "Unknown"),
        "DELETED": QCoreApplication.translate("InventoryModel", "Deleted since listed"),
    }
    return labels.get(status, status)


class InventoryModel(QAbstractTableModel):
    """Users of one pool, filtered by a search text and a state, sorted by a column, fetched on demand."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query: InventoryQuery | None = None
        self._view = View()
        self._rows: list[Row] = []
        self._more = False
        self._matching = 0
        self._total = 0

    # -- source --------------------------------------------------------------------

    def set_source(self, query: InventoryQuery | None, first: list[Row] | None = None) -> None:
        """Read from ``query`` (the model closes it when replaced); ``first``: the view's first page, if read."""
        self.beginResetModel()
        if self._query is not None and self._query is not query:
            self._query.close()
        self._query = query
        self._reload(first)
        self.endResetModel()

    def refresh(self) -> None:
        """Read the counts and the first page again (after a scan wrote)."""
        self.beginResetModel()
        self._reload(None)
        self.endResetModel()

    def close(self) -> None:
        self.set_source(None)

    def _reload(self, first: list[Row] | None) -> None:
        query = self._query
        if query is None:
            self._rows, self._more, self._matching, self._total = [], False, 0, 0
            return
        self._total = query.total()
        self._matching = query.matching(self._view)
        self._rows = first if first is not None else query.page(self._view, None, PAGE_ROWS)
        self._more = len(self._rows) >= PAGE_ROWS

    @property
    def view(self) -> View:
        return self._view

    def set_view(self, view: View) -> None:
        if view == self._view:
            return
        self.beginResetModel()
        self._view = view
        self._reload(None)
        self.endResetModel()

    def set_filter(self, search: str, state: str) -> None:
        """Show rows whose username contains ``search`` (any case) and whose state is ``state`` ('' = all)."""
        view = self._view
        self.set_view(View(search.strip(), state, view.sort, view.descending))

    # -- what the window asks -----------------------------------------------------------

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def loaded_rows(self) -> int:
        return len(self._rows)

    def total(self) -> int:
        """Users of the pool (stored)."""
        return self._total

    def matching(self) -> int:
        """Users the search and filter show (all of them, fetched or not)."""
        return self._matching

    def all_rows(self) -> list[Row]:
        """Every row the search and filter show, read from the database (not kept: for tests and small pools)."""
        return [] if self._query is None else list(self._query.rows(self._view))

    def fetch_all_usernames(self, limit: int | None = None) -> list[str]:
        """The usernames the search and filter show, in the view's order (the first ``limit``)."""
        if self._query is None:
            return []
        return self._query.usernames(self._view, limit)

    # -- Qt ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature; the default is never changed
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature; the default is never changed
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own signature; the default is never changed
        return not parent.isValid() and self._more and self._query is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's own signature; the default is never changed
        if parent.isValid() or not self._more or self._query is None:
            return
        page = self._query.page(self._view, self._rows[-1] if self._rows else None, PAGE_ROWS)
        self._more = len(page) >= PAGE_ROWS
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        view = self._view
        self.set_view(View(view.search, view.state, COLUMNS[column], order == Qt.SortOrder.DescendingOrder))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return row[0]
        if column == 1:
            return (
                QCoreApplication.translate("InventoryModel", "Enabled")
                if row[1]
                else QCoreApplication.translate("InventoryModel", "Disabled")
            )
        if column == 2:
            return status_label(row[2])
        if column == 3:
            return state_label(row[3])
        if column == 4:
            return state_label(row[4]) if row[4] else ""
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(row[5]))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return header_labels()[section]


def header_labels() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("InventoryModel", "Username"),
        QCoreApplication.translate("InventoryModel", "Account"),
        QCoreApplication.translate("InventoryModel", "Status"),
        QCoreApplication.translate("InventoryModel", "MFA"),
        QCoreApplication.translate("InventoryModel", "Preferred"),
        QCoreApplication.translate("InventoryModel", "Checked"),
    )
