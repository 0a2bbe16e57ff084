"""The "Migration" window: who in the pool is still on SMS, and a scan to find out.

Counts by state with a painted bar chart, the age of the data, a scan with
progress, rate, time left and Cancel (on a worker: the window never
freezes), and a table of users (:class:`InventoryModel`) with search, a
state filter, Export CSV and "Start a session with these".

Data: the campaign database's inventory tables (``campaign/inventory.py``),
read on a worker. Rules: docs/inventory.md.
"""

from __future__ import annotations

import csv
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QKeySequence, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.ui.campaign.inventory_model import InventoryModel, Row, state_label
from cogtotp_gui.ui.common.tasks import BackgroundTask
from cogtotp_gui.ui.common.theme import high_contrast
from cogtotp_gui.ui.common.widgets import show_plain

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.settings import PoolSettings

STATES = ("sms", "totp", "email", "none", "unknown")
_COLOURS = {"sms": "#c0392b", "totp": "#1e8449", "email": "#2874a6", "none": "#7f8c8d", "unknown": "#b7950b"}
# High contrast: the palette's text colour only, told apart by pattern (and by the names beside the bars).
HIGH_CONTRAST_PATTERNS = {
    "sms": Qt.BrushStyle.SolidPattern,  # what the window is about stands out most
    "totp": Qt.BrushStyle.BDiagPattern,
    "email": Qt.BrushStyle.CrossPattern,
    "none": Qt.BrushStyle.HorPattern,
    "unknown": Qt.BrushStyle.Dense6Pattern,
}


# Rows read first, with the counts, so that the window shows at once; the
# rest follow from a second read (100,000 rows take about 200 ms to read).
PREVIEW_ROWS = 200


def load_inventory(db_path: Path | None, pool_id: str, limit: int | None = None) -> dict[str, Any]:
    """Rows (the first ``limit``, or all), and with ``limit`` the counts and the last scan (runs on a worker)."""
    from cogtotp_gui.campaign.inventory import InventoryStore

    store = InventoryStore.open(db_path)
    try:
        sql = (
            "SELECT username, enabled, user_status, mfa, preferred, checked_at FROM inventory_users"
            " WHERE pool_id = ? ORDER BY username"
        )
        args: tuple[Any, ...] = (pool_id,)
        if limit is not None:
            sql += " LIMIT ?"
            args = (pool_id, limit)
        rows: list[Row] = store.db.connection.execute(sql, args).fetchall()  # enabled stays 0/1
        data: dict[str, Any] = {"rows": rows, "complete": limit is None or len(rows) < limit}
        if limit is not None:
            data.update(counts=store.counts(pool_id), last=store.last_scan(pool_id))
        return data
    finally:
        store.close()


class BarChart(QWidget):
    """Four or five bars, painted: no charting dependency for this.

    Every bar has its state's name beside it and its number after it, so the
    colours are only a second cue. In high contrast (:func:`high_contrast`)
    the chart keeps to the palette: text and bars in the text colour on the
    window colour, each bar outlined and filled with a pattern of its own
    (:data:`HIGH_CONTRAST_PATTERNS`), SMS solid.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = dict.fromkeys(STATES, 0)
        self.setMinimumHeight(120)

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = {state: int(counts.get(state, 0)) for state in STATES}
        self.setAccessibleDescription(", ".join(f"{state_label(s)} {n}" for s, n in self._counts.items()))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 150)

    def bar_brush(self, state: str) -> QBrush:
        """The fill of ``state``'s bar: its colour, or in high contrast the text colour in its pattern."""
        if high_contrast():
            # A bar too thin for its pattern (a count of 0: one pixel) is a solid line.
            thin = self.bar_rect(state).width() <= 2
            pattern = Qt.BrushStyle.SolidPattern if thin else HIGH_CONTRAST_PATTERNS[state]
            return QBrush(self.palette().windowText().color(), pattern)
        return QBrush(QColor(_COLOURS[state]))

    def _layout(self, metrics: QFontMetrics) -> tuple[float, float, float, float]:
        """Label column width, number column width, bar height, longest bar."""
        label_w = max(metrics.horizontalAdvance(state_label(s)) for s in STATES) + 12
        number_w = metrics.horizontalAdvance("0000000") + 8
        bar_h = max(10.0, (self.height() - 8) / len(STATES) - 6)
        width = max(10, self.width() - label_w - number_w)
        return label_w, number_w, bar_h, width

    def bar_rect(self, state: str) -> QRectF:
        """Where ``state``'s bar is painted (at least 1 pixel wide, for a count of 0)."""
        label_w, _, bar_h, width = self._layout(self.fontMetrics())
        length = width * self._counts[state] / max(1, *self._counts.values())
        return QRectF(label_w, 4 + STATES.index(state) * (bar_h + 6), max(1.0, length), bar_h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        contrast = high_contrast()
        text_colour = self.palette().windowText().color()
        label_w, number_w, bar_h, _ = self._layout(painter.fontMetrics())
        for state in STATES:
            bar = self.bar_rect(state)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp edges and patterns
            painter.fillRect(bar, self.bar_brush(state))
            if contrast and bar.width() > 2:
                # A hatched bar needs its edges drawn, or it frays into the background.
                painter.setPen(QPen(text_colour, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(bar.adjusted(0.5, 0.5, -0.5, -0.5))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, bar.y(), label_w - 8, bar_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                state_label(state),
            )
            painter.drawText(
                QRectF(bar.right() + 6, bar.y(), number_w, bar_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{self._counts[state]:,}",
            )
        painter.end()


class _ScanSignals(QObject):
    progress = Signal(object)  # inventory.Progress, from the worker thread (queued)


class MigrationWindow(QWidget):
    """The Migration window.

    Args:
        pool: the user pool shown (a :class:`PoolSettings`: pool, region,
            endpoint and AWS profile; no app client, no secret).
        db_path: the campaign database (``None``: the data folder's).
        gateway_factory: ``(settings, aws_profile) -> gateway`` for the scan
            (default: a :class:`CognitoGateway` with ``max_attempts=1``).

    Signals:
        session_requested(list[str]): the operator asked for an onboarding
            session with the selected users.
    """

    session_requested = Signal(list)
    first_rows_shown = Signal()  # counts, chart and the first rows are there
    loaded = Signal()  # every row is there
    scan_finished = Signal(object)  # ScanResult, or an exception

    def __init__(
        self,
        pool: PoolSettings,
        db_path: Path | None = None,
        gateway_factory: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("migrationWindow")
        self.pool = pool
        self.db_path = db_path
        self._gateway_factory = gateway_factory
        self._cancel: threading.Event | None = None
        self._last_finished: float | None = None
        self._last_exact = False
        self.model = InventoryModel(self)
        self.is_loaded = False  # the stored inventory has been read once

        self.heading = QLabel()
        self.heading.setObjectName("migrationHeading")
        show_plain(self.heading)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.age_label = QLabel()
        self.age_label.setObjectName("dataAgeLabel")
        self.chart = BarChart()
        self.chart.setObjectName("stateChart")

        self.exact_box = QCheckBox()
        self.exact_box.setObjectName("exactScanBox")
        self.exact_box.setChecked(True)
        self.scan_button = QPushButton()
        self.scan_button.setObjectName("scanButton")
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelScanButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("scanProgress")
        self.progress_bar.setVisible(False)
        self.scan_status = QLabel()
        self.scan_status.setObjectName("scanStatus")
        self.scan_status.setWordWrap(True)

        self.search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("inventorySearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.state_label = QLabel()
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stateFilter")
        self.state_label.setBuddy(self.state_combo)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.state_combo.currentIndexChanged.connect(self._apply_filter)

        self.table = QTableView()
        self.table.setObjectName("inventoryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and column widths: no per-row measuring at 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count_label = QLabel()
        self.count_label.setObjectName("visibleCount")

        self.export_button = QPushButton()
        self.export_button.setObjectName("exportCsvButton")
        self.export_button.clicked.connect(self.export_csv_dialog)
        self.session_button = QPushButton()
        self.session_button.setObjectName("startSessionButton")
        self.session_button.setEnabled(False)
        self.session_button.clicked.connect(self._request_session)
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeMigrationButton")
        self.close_button.clicked.connect(self.close)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.exact_box)
        scan_row.addStretch(1)
        scan_row.addWidget(self.scan_button)
        scan_row.addWidget(self.cancel_button)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.search_label)
        filter_row.addWidget(self.search_edit, 2)
        filter_row.addWidget(self.state_label)
        filter_row.addWidget(self.state_combo, 1)
        button_row = QHBoxLayout()
        button_row.addWidget(self.count_label)
        button_row.addStretch(1)
        button_row.addWidget(self.export_button)
        button_row.addWidget(self.session_button)
        button_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.age_label)
        layout.addWidget(self.chart)
        layout.addLayout(scan_row)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.scan_status)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row)
        self.setTabOrder(self.search_edit, self.state_combo)
        self.setTabOrder(self.state_combo, self.table)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(self.search_edit.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self._escape)
        self._scan_signals = _ScanSignals(self)
        self._scan_signals.progress.connect(self._on_progress)
        self._counts: dict[str, int] = dict.fromkeys(STATES, 0)
        self.resize(760, 680)
        self._retranslate()
        self.reload()

    # -- language --------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Migration"))
        self.heading.setText(self.tr("Who is still on SMS in %1").replace("%1", self.pool.user_pool_id))
        self.exact_box.setText(self.tr("E&xact (reads every user: slower, may count towards monthly active users)"))
        self.exact_box.setAccessibleName(self.tr("Exact scan"))
        self.scan_button.setText(self.tr("&Scan the pool"))
        self.scan_button.setAccessibleName(self.tr("Scan the pool"))
        self.cancel_button.setText(self.tr("Ca&ncel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the scan"))
        self.progress_bar.setAccessibleName(self.tr("Scan progress"))
        self.search_label.setText(self.tr("Sea&rch:"))
        self.search_edit.setPlaceholderText(self.tr("Part of a username"))
        self.search_edit.setAccessibleName(self.tr("Search users"))
        self.state_label.setText(self.tr("S&tate:"))
        self.state_combo.setAccessibleName(self.tr("Filter by MFA state"))
        current = self.state_combo.currentIndex()
        self.state_combo.blockSignals(True)
        self.state_combo.clear()
        self.state_combo.addItem(self.tr("All states"), "")
        for state in STATES:
            self.state_combo.addItem(state_label(state), state)
        self.state_combo.setCurrentIndex(max(0, current))
        self.state_combo.blockSignals(False)
        self.table.setAccessibleName(self.tr("Users of the pool"))
        self.chart.setAccessibleName(self.tr("Users by MFA state"))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export the shown users as CSV"))
        self.session_button.setText(self.tr("Start a session &with these"))
        self.session_button.setAccessibleName(self.tr("Start an onboarding session with the selected users"))
        self.close_button.setText(self.tr("C&lose"))
        self.close_button.setAccessibleName(self.tr("Close the Migration window"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self.chart.set_counts(self._counts)
        self._show_age()
        self._show_count()

    # -- data ----------------------------------------------------------------------

    def _run(self, function: Any, on_done: Any, on_error: Any, *args: Any) -> None:
        BackgroundTask(lambda: function(*args), owner=self).success(on_done).failure(on_error).run_in_background()

    def reload(self) -> None:
        """Read the stored inventory again (on a worker): counts and first rows, then the rest."""
        self._run(
            load_inventory,
            self._on_first_rows,
            self._on_load_error,
            self.db_path,
            self.pool.user_pool_id,
            PREVIEW_ROWS,
        )

    def _on_first_rows(self, data: dict[str, Any]) -> None:
        self.model.set_rows(data["rows"])
        self._counts = data["counts"]
        self.chart.set_counts(self._counts)
        last = data["last"]
        self._last_finished = last[3] if last else None
        self._last_exact = bool(last[2]) if last else False
        self._show_age()
        self._show_count(sum(self._counts.values()))
        self.first_rows_shown.emit()
        if data["complete"]:
            self._on_loaded(data)
        else:
            self._run(load_inventory, self._on_loaded, self._on_load_error, self.db_path, self.pool.user_pool_id)

    def _on_loaded(self, data: dict[str, Any]) -> None:
        if "counts" not in data:  # the second read: every row
            self.model.set_rows(data["rows"])
        self._show_count()
        self.is_loaded = True
        self.loaded.emit()

    def _on_load_error(self, error: BaseException) -> None:
        self.scan_status.setText(self.tr("The inventory cannot be read: %1").replace("%1", str(error)))
        self.is_loaded = True
        self.loaded.emit()

    def _show_age(self) -> None:
        if self._last_finished is None:
            self.age_label.setText(self.tr("No scan yet: press Scan the pool."))
            return
        minutes = max(0, int((time.time() - self._last_finished) // 60))
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self._last_finished))
        kind = self.tr("exact") if self._last_exact else self.tr("census from the user list")
        if minutes < 1:
            age = self.tr("just now")
        elif minutes < 60:
            age = self.tr("%n minute(s) ago", "", minutes)
        elif minutes < 48 * 60:
            age = self.tr("%n hour(s) ago", "", minutes // 60)
        else:
            age = self.tr("%n day(s) ago", "", minutes // (24 * 60))
        self.age_label.setText(
            self.tr("Last scan: %1 (%2, %3)").replace("%1", when).replace("%2", age).replace("%3", kind)
        )

    def _show_count(self, total: int | None = None) -> None:
        self.count_label.setText(
            self.tr("%1 of %Ln user(s) shown", "", self.model.total() if total is None else total).replace(
                "%1", f"{self.model.rowCount():,}"
            )
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.search_edit.text(), str(self.state_combo.currentData() or ""))
        self._show_count()
        self._update_buttons()

    # -- scan ------------------------------------------------------------------------

    def _make_gateway(self) -> Any:
        if self._gateway_factory is not None:
            return self._gateway_factory(self.pool, self.pool.aws_profile)
        from cogtotp_gui.enrollment.gateway import CognitoGateway

        return CognitoGateway(self.pool, aws_profile=self.pool.aws_profile, max_attempts=1)

    def start_scan(self) -> None:
        if self._cancel is not None:
            return
        exact = self.exact_box.isChecked()
        if exact and self.model.total() >= 1000:
            answer = QMessageBox.question(
                self,
                self.tr("Exact scan"),
                self.tr(
                    "An exact scan reads all %Ln user(s) one by one. AWS warns that per-user reads of a large pool "
                    "can count towards monthly active users and affect the bill. Scan?",
                    "",
                    self.model.total(),
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._cancel = threading.Event()
        self.scan_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress_bar.setVisible(True)
        self.progress_bar.setRange(0, 0)
        # High contrast draws the bar from the style sheet, in one text colour that the
        # highlighted chunk would swallow; the line below says the same in words.
        self.progress_bar.setTextVisible(not high_contrast())
        self.scan_status.setText(self.tr("Reading the user list…"))
        self.cancel_button.setFocus()
        self._run(
            self._scan_job, self._on_scan_done, self._on_scan_error, exact, self._cancel, self._scan_signals.progress
        )

    def _scan_job(self, exact: bool, cancel: threading.Event, progress: Any) -> Any:
        from cogtotp_gui.campaign.inventory import InventoryStore, scan

        gateway = self._make_gateway()
        store = InventoryStore.open(self.db_path)
        try:
            return scan(gateway, store, self.pool.user_pool_id, exact=exact, cancel=cancel, on_progress=progress.emit)
        finally:
            store.close()

    def _on_progress(self, p: Any) -> None:
        if self._cancel is None:  # a report queued before the scan's end arrives after it
            return
        if p.phase == "reading" and p.total:
            self.progress_bar.setRange(0, p.total)
            self.progress_bar.setValue(p.done)
        text = self.tr("%1 of %Ln user(s), %2 a second", "", p.total).replace("%1", f"{p.done:,}")
        text = text.replace("%2", f"{p.rate:.0f}")
        if p.seconds_left is not None and not p.slowed:  # while throttled, nobody knows
            text += " · " + self.tr("about %n second(s) left", "", int(p.seconds_left + 0.5))
        if p.slowed:
            # Otherwise a scan that stands still looks hung, or broken.
            text += "\n" + self.tr(
                "Cognito is slowing the scan down: %n request(s) refused as too many so far. "
                "The scan waits and tries again; nobody is skipped.",
                "",
                p.throttled,
            )
        self.scan_status.setText(text)

    def _scan_ended(self) -> None:
        self._cancel = None
        self.scan_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress_bar.setVisible(False)
        self.scan_button.setFocus()

    def _on_scan_done(self, result: Any) -> None:
        self._scan_ended()
        if result.completed:
            text = self.tr("Scan complete: %Ln user(s).", "", result.total)
            if result.throttled:
                text += " " + self.tr(
                    "Cognito slowed it down: %n request(s) were refused as too many and tried again.",
                    "",
                    result.throttled,
                )
            self.scan_status.setText(text)
        else:
            self.scan_status.setText(self.tr("Scan cancelled. What was read is kept; the next scan resumes."))
        self.reload()
        self.scan_finished.emit(result)

    def _on_scan_error(self, error: BaseException) -> None:
        self._scan_ended()
        action = getattr(error, "action", "")
        if action:
            text = self.tr("Access denied: your AWS credentials lack the IAM permission %1.").replace("%1", action)
        else:
            text = self.tr("The scan stopped: %1").replace("%1", str(error))
        self.scan_status.setText(text + " " + self.tr("What was read is kept; scan again to resume."))
        self.reload()
        self.scan_finished.emit(error)

    def cancel_scan(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.scan_status.setText(self.tr("Cancelling…"))

    def _escape(self) -> None:
        if self._cancel is not None:
            self.cancel_scan()
        else:
            self.close()

    # -- selection, export ----------------------------------------------------------

    def selected_usernames(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row)[0] for row in rows]

    def _update_buttons(self) -> None:
        self.session_button.setEnabled(bool(self.table.selectionModel().hasSelection()))

    def _request_session(self) -> None:
        names = self.selected_usernames()
        if names:
            self.session_requested.emit(names)

    def export_csv(self, path: str) -> int:
        """Write the shown rows (search and filter applied) to ``path``; returns how many."""
        rows = self.model.visible_rows()
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(("username", "enabled", "user_status", "mfa", "preferred", "checked_at"))
            for name, enabled, status, mfa, preferred, checked in rows:
                safe = "'" + name if name[:1] in ("=", "+", "-", "@") else name
                stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(checked))
                writer.writerow((safe, "true" if enabled else "false", status, mfa, preferred, stamp))
        return len(rows)

    def export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), "inventory.csv", self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        try:
            count = self.export_csv(path)
        except OSError as error:
            self.scan_status.setText(
                self.tr("Cannot write %1: %2").replace("%1", path).replace("%2", error.strerror or "")
            )
            return
        self.scan_status.setText(self.tr("%Ln user(s) written to %1", "", count).replace("%1", path))

    def closeEvent(self, event: Any) -> None:
        if self._cancel is not None:
            self._cancel.set()
        super().closeEvent(event)
