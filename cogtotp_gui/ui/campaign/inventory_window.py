"""The "Migration" window: who in the pool is still on SMS, how that moves, and a scan to find out.

Counts by state with a painted bar chart, the SMS count across scans with
enrolments per day and an estimated finish (:class:`TrendChart`), the age of
the data, a scan with progress, rate, time left and Cancel (a
:class:`BackgroundTask` with progress and cancel: the window never
freezes), and a table of users (:class:`InventoryModel`, read from SQLite
as it scrolls) with search, a state filter, sorting, a streamed Export CSV
and "Start a session with these".

Data and every query: ``campaign/inventory.py``, ``campaign/inventory_query.py``,
``campaign/trend.py`` (Qt-free). Rules: docs/inventory.md.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QKeySequence, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.campaign.inventory_query import INDEXED_SEARCH_MIN
from cogtotp_gui.ui.campaign.inventory_model import InventoryModel, header_labels, state_label, status_label
from cogtotp_gui.ui.campaign.trend_chart import TrendChart
from cogtotp_gui.ui.common.tasks import BackgroundTask, TaskContext
from cogtotp_gui.ui.common.theme import high_contrast
from cogtotp_gui.ui.common.widgets import show_plain

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.settings import PoolSettings
    from cogtotp_gui.ui.common.files import FolderMemory

STATES = ("sms", "totp", "email", "none", "unknown")
# Above this many users a search waits for INDEXED_SEARCH_MIN characters (the trigram index's minimum).
SHORT_SEARCH_MAX_USERS = 100_000
_COLOURS = {"sms": "#c0392b", "totp": "#1e8449", "email": "#2874a6", "none": "#7f8c8d", "unknown": "#b7950b"}
# High contrast: the palette's text colour only, told apart by pattern (and by the names beside the bars).
HIGH_CONTRAST_PATTERNS = {
    "sms": Qt.BrushStyle.SolidPattern,  # what the window is about stands out most
    "totp": Qt.BrushStyle.BDiagPattern,
    "email": Qt.BrushStyle.CrossPattern,
    "none": Qt.BrushStyle.HorPattern,
    "unknown": Qt.BrushStyle.Dense6Pattern,
}


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
        number_w = metrics.horizontalAdvance("00,000,000") + 8
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


class MigrationWindow(QWidget):
    """The Migration window.

    Args:
        pool: the user pool shown (a :class:`PoolSettings`: pool, region,
            endpoint and AWS profile; no app client, no secret).
        db_path: the campaign database (``None``: the data folder's).
        gateway_factory: ``(settings, aws_profile) -> gateway`` for the scan
            (default: a :class:`CognitoGateway` with ``max_attempts=1``).
        training: the pool is training mode's practice pool (named so, not by its id).

    Signals:
        session_requested(list[str]): the operator asked for an onboarding
            session with the selected users (at most a roster's worth).
    """

    session_requested = Signal(list)
    first_rows_shown = Signal()  # counts, charts and the first rows are there
    loaded = Signal()  # the stored inventory has been read (rows come as the table scrolls)
    scan_finished = Signal(object)  # ScanResult, or an exception
    export_finished = Signal(object)  # the number of rows written, or an exception

    def __init__(
        self,
        pool: PoolSettings,
        db_path: Path | None = None,
        gateway_factory: Any = None,
        parent: QWidget | None = None,
        *,
        training: bool = False,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("migrationWindow")
        self.pool = pool
        # Where the last file went (the main window's saved connections; None: the home folder).
        self.folders: FolderMemory | None = None
        self.db_path = db_path
        self.training = training
        self._gateway_factory = gateway_factory
        self._scan_task: BackgroundTask[Any] | None = None
        self._load_task: BackgroundTask[Any] | None = None
        self._export_task: BackgroundTask[Any] | None = None
        self._last_finished: float | None = None
        self._last_exact = False
        self._trend: Any = None
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
        self.trend_chart = TrendChart()
        self.trend_chart.setObjectName("trendChart")
        self.trend_label = QLabel()
        self.trend_label.setObjectName("trendLabel")
        self.trend_label.setWordWrap(True)

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
        self.scan_status.setTextFormat(Qt.TextFormat.PlainText)

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
        # Fixed row heights and column widths: no per-row measuring however many rows come.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        # Sorting is the model's (SQL); the header only shows the arrow.
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
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

        charts = QHBoxLayout()
        charts.addWidget(self.chart, 1)
        trend_column = QVBoxLayout()
        trend_column.addWidget(self.trend_chart, 1)
        trend_column.addWidget(self.trend_label)
        charts.addLayout(trend_column, 1)
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
        layout.addLayout(charts)
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
        self._counts: dict[str, int] = dict.fromkeys(STATES, 0)
        self.resize(980, 720)
        self._retranslate()
        self.reload()

    # -- language --------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Migration"))
        if self.training:
            self.heading.setText(self.tr("Who is still on SMS in the practice pool"))
        else:
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
        self.trend_chart.setAccessibleName(self.tr("Users on SMS across scans, and users enrolled a day"))
        self.trend_chart.set_empty_text(self.tr("The trend shows after two scans."))
        self.trend_chart.set_legend(self.tr("On SMS after each scan"), self.tr("Enrolled a day"))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export the shown users as CSV"))
        self.session_button.setText(self.tr("Start a session &with these"))
        self.session_button.setAccessibleName(self.tr("Start an onboarding session with the selected users"))
        self.close_button.setText(self.tr("C&lose"))
        self.close_button.setAccessibleName(self.tr("Close the Migration window"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self._size_columns()
        self.chart.set_counts(self._counts)
        self._show_age()
        self._show_count()
        self._show_trend()

    def _size_columns(self) -> None:
        """Wide enough for each column's header and longest value in this language (no per-row measuring)."""
        metrics = self.table.fontMetrics()
        samples: list[list[str]] = [
            ["person.name@example.com"],
            [QCoreApplication.translate("InventoryModel", n) for n in ("Enabled", "Disabled")],
            [status_label(code) for code in ("CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED", "DELETED")],
            [state_label(state) for state in STATES],
            [state_label(state) for state in STATES],
            ["0000-00-00 00:00"],
        ]
        headers = header_labels()
        for column, values in enumerate(samples):
            widest = max(metrics.horizontalAdvance(text) for text in [*values, headers[column]])
            self.table.setColumnWidth(column, widest + 28)  # padding and the sort arrow

    # -- data ----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored inventory again (on a worker: it may migrate a big file), then show it."""
        from cogtotp_gui.campaign.inventory_query import load_summary

        db_path, pool_id, view = self.db_path, self.pool.user_pool_id, self.model.view

        def load() -> Any:
            summary = load_summary(db_path, pool_id, view)
            return summary, summary.history

        if self._load_task is not None:
            self._load_task.abandon()
        self._load_task = (
            BackgroundTask(load, owner=self).success(self._on_summary).failure(self._on_load_error).run_in_background()
        )

    def _on_summary(self, loaded: Any) -> None:
        from cogtotp_gui.campaign.database import DatabaseUnavailable
        from cogtotp_gui.campaign.inventory_query import InventoryQuery

        summary, history = loaded
        self._load_task = None
        try:
            # Read-only, on this thread: a page is an index walk of a few milliseconds.
            self.model.set_source(InventoryQuery.open_reader(self.db_path, self.pool.user_pool_id), summary.first_page)
        except DatabaseUnavailable as error:
            self._on_load_error(error)
            return
        self._counts = summary.counts
        self.chart.set_counts(self._counts)
        last = summary.last_scan
        self._last_finished = last[2] if last else None
        self._last_exact = bool(last[1]) if last else False
        self._trend = history
        self._show_age()
        self._show_count()
        self._show_trend()
        self.is_loaded = True
        self.first_rows_shown.emit()
        self.loaded.emit()

    def _on_load_error(self, error: BaseException) -> None:
        self._load_task = None
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

    def _show_trend(self) -> None:
        history = self._trend
        if history is None:
            return
        self.trend_chart.set_data(history.sms, history.enrolled)
        self.trend_label.setText(self.trend_text(history))

    def _show_count(self) -> None:
        self.count_label.setText(
            # %1 in the same digits as %Ln (the locale's, as Qt writes %Ln).
            self.tr("%1 of %Ln user(s) shown", "", self.model.total()).replace(
                "%1", QLocale().toString(self.model.matching())
            )
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        search = self.search_edit.text().strip()
        if 0 < len(search) < INDEXED_SEARCH_MIN and self.model.total() > SHORT_SEARCH_MAX_USERS:
            # One or two characters cannot use the search index: in a big pool that is a
            # scan of every user for each key pressed. Wait for a third.
            search = ""
            self.model.set_filter(search, str(self.state_combo.currentData() or ""))
            self.count_label.setText(
                self.tr("Type %1 or more characters to search %2 users.")
                .replace("%1", str(INDEXED_SEARCH_MIN))
                .replace("%2", f"{self.model.total():,}")
            )
            self._update_buttons()
            return
        self.model.set_filter(search, str(self.state_combo.currentData() or ""))
        self._show_count()
        self._update_buttons()

    # -- scan ------------------------------------------------------------------------

    @property
    def scanning(self) -> bool:
        return self._scan_task is not None

    def start_scan(self) -> None:
        if self._scan_task is not None:
            return
        exact = self.exact_box.isChecked()
        if exact and self.model.total() >= 1000:
            from cogtotp_gui.ui.common.msgbox import confirm_yes

            confirm_yes(
                self,
                title=self.tr("Exact scan"),
                text=self.tr(
                    "An exact scan reads all %Ln user(s) one by one. AWS warns that per-user reads of a large pool "
                    "can count towards monthly active users and affect the bill. Scan?",
                    "",
                    self.model.total(),
                ),
                on_yes=lambda: self._begin_scan(exact),
                name="exactScanQuestion",
            )
            return
        self._begin_scan(exact)

    def _begin_scan(self, exact: bool) -> None:
        if self._scan_task is not None:
            return
        self.scan_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress_bar.setVisible(True)
        self.progress_bar.setRange(0, 0)
        # High contrast draws the bar from the style sheet, in one text colour that the
        # highlighted chunk would swallow; the line below says the same in words.
        self.progress_bar.setTextVisible(not high_contrast())
        self.scan_status.setText(self.tr("Reading the user list…"))
        self.cancel_button.setFocus()
        factory, settings, aws_profile = self._gateway_factory, self.pool, self.pool.aws_profile
        db_path, pool_id, known = self.db_path, self.pool.user_pool_id, self.model.total()

        def job(context: TaskContext) -> Any:
            from cogtotp_gui.campaign.inventory import estimate_users, scan
            from cogtotp_gui.campaign.inventory_store import InventoryStore

            gateway = make_gateway(factory, settings, aws_profile)
            # The total shown from the start: the pool's estimate or what is stored (no jumps).
            expected = max(known, estimate_users(gateway) or 0) or None
            store = InventoryStore.open(db_path)
            try:
                return scan(
                    gateway,
                    store,
                    pool_id,
                    exact=exact,
                    cancel=context.cancel_event,
                    on_progress=context.progress,
                    expected_total=expected,
                )
            finally:
                store.close()

        self._scan_task = (
            BackgroundTask.with_context(job, owner=self)
            .on_progress(self._on_progress)
            .success(self._on_scan_done)
            .failure(self._on_scan_error)
            .run_in_background()
        )

    def _on_progress(self, p: Any) -> None:
        if self._scan_task is None:  # a report queued before the scan's end arrives after it
            return
        if p.total:
            self.progress_bar.setRange(0, p.total)
            self.progress_bar.setValue(min(p.done, p.total))
        if p.counts is not None:  # counts and chart as the scan commits them
            self._counts = p.counts
            self.chart.set_counts(self._counts)
        text = self.tr("%1 of %Ln user(s), %2 a second", "", p.total).replace("%1", QLocale().toString(p.done))
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
        self._scan_task = None
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
        if self._scan_task is not None:
            self._scan_task.cancel()
            self.scan_status.setText(self.tr("Cancelling…"))

    def _escape(self) -> None:
        if self._scan_task is not None:
            self.cancel_scan()
        else:
            self.close()

    # -- selection, sessions ----------------------------------------------------------

    def _all_selected(self) -> bool:
        """Every row shown is selected (Ctrl+A): then the selection means every user the filter shows."""
        loaded = self.model.loaded_rows()
        return loaded > 0 and len(self.table.selectionModel().selectedRows()) == loaded

    def selected_usernames(self, limit: int | None = None) -> list[str]:
        """The selected users, in the table's order; with every row selected, all users the filter
        shows, fetched or not yet (the first ``limit``)."""
        if self._all_selected() and self.model.matching() > self.model.loaded_rows():
            return self.model.fetch_all_usernames(limit)
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        names = [self.model.row_at(row)[0] for row in rows]
        return names if limit is None else names[:limit]

    def selected_count(self) -> int:
        if self._all_selected():
            return self.model.matching()
        return len(self.table.selectionModel().selectedRows())

    def _update_buttons(self) -> None:
        self.session_button.setEnabled(bool(self.table.selectionModel().hasSelection()))

    def _request_session(self) -> None:
        from cogtotp_gui.campaign.roster import MAX_ROSTER_USERS

        count = self.selected_count()
        if count > MAX_ROSTER_USERS:
            from cogtotp_gui.ui.common.msgbox import confirm_yes

            confirm_yes(
                self,
                title=self.tr("Start a session"),
                text=self.tr(
                    "A session holds at most %1 users; %2 are selected. "
                    "Start a session with the first %1 (in the table's order)?"
                )
                .replace("%1", f"{MAX_ROSTER_USERS:,}")
                .replace("%2", f"{count:,}"),
                on_yes=lambda: self._emit_session(MAX_ROSTER_USERS),
                name="rosterCapQuestion",
            )
            return
        self._emit_session(MAX_ROSTER_USERS)

    def _emit_session(self, limit: int) -> None:
        names = self.selected_usernames(limit)
        if names:
            self.session_requested.emit(names)

    # -- export ----------------------------------------------------------------------

    def export_csv(self, path: str) -> int:
        """Write the shown rows (search, filter and order applied; every one, not only those
        fetched) to ``path`` here and now; returns how many. The button streams it on a worker."""
        from cogtotp_gui.campaign.inventory_query import InventoryQuery, write_inventory_csv

        with InventoryQuery.open_reader(self.db_path, self.pool.user_pool_id) as query:
            return write_inventory_csv(path, query.rows(self.model.view))

    def export_csv_dialog(self) -> None:
        from cogtotp_gui.ui.common.files import ask_save_path

        path = ask_save_path(self, self.tr("Export CSV"), "inventory.csv", self.tr("CSV files (*.csv)"), self.folders)
        if path:
            self.start_export(path)

    def start_export(self, path: str) -> None:
        """Stream the shown rows to ``path`` on a worker, with a progress dialog and Cancel."""
        from cogtotp_gui.campaign.inventory_query import InventoryQuery, write_inventory_csv

        if self._export_task is not None:
            return
        db_path, pool_id, view, total = self.db_path, self.pool.user_pool_id, self.model.view, self.model.matching()
        dialog = QProgressDialog(self.tr("Writing %1…").replace("%1", path), self.tr("Cancel"), 0, max(1, total), self)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Export CSV"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self._export_dialog = dialog

        def job(context: TaskContext) -> int:
            with InventoryQuery.open_reader(db_path, pool_id) as query:
                return write_inventory_csv(
                    path, query.rows(view), on_progress=context.progress, cancelled=lambda: context.cancelled
                )

        task = BackgroundTask.with_context(job, owner=self)
        dialog.canceled.connect(task.cancel)
        self._export_task = (
            task.on_progress(lambda done: dialog.setValue(min(int(done), dialog.maximum())))
            .success(lambda count: self._export_done(path, count))
            .failure(lambda error: self._export_failed(path, error))
            .run_in_background()
        )

    def _export_ended(self) -> None:
        self._export_task = None
        self._export_dialog.reset()
        self._export_dialog.deleteLater()

    def _export_done(self, path: str, count: int) -> None:
        self._export_ended()
        self.scan_status.setText(self.tr("%Ln user(s) written to %1", "", count).replace("%1", path))
        self.export_finished.emit(count)

    def _export_failed(self, path: str, error: BaseException) -> None:
        from cogtotp_gui.campaign.export import ExportCancelled, ExportTargetError

        self._export_ended()
        if isinstance(error, ExportCancelled):
            self.scan_status.setText(self.tr("Export cancelled; %1 was left as it was.").replace("%1", path))
        elif isinstance(error, ExportTargetError):
            self.scan_status.setText(
                self.tr("Not written: %1 is a link or not a regular file. Choose another name.").replace("%1", path)
            )
        elif isinstance(error, OSError):
            self.scan_status.setText(
                self.tr("Cannot write %1: %2").replace("%1", path).replace("%2", error.strerror or str(error))
            )
        else:
            self.scan_status.setText(self.tr("The inventory cannot be read: %1").replace("%1", str(error)))
        self.export_finished.emit(error)

    def trend_text(self, history: Any) -> str:
        """The line under the trend chart: SMS users now, the pace, the estimated finish."""
        sms = history.sms
        last = sms.last
        if last is None:
            return ""
        text = self.tr("On SMS now: %1.").replace("%1", f"{int(last.value):,}")
        if sms.per_day is not None and sms.per_day < 0:
            text += " " + self.tr("%n fewer a day", "", max(1, round(-sms.per_day)))
            if sms.finish is not None:
                text += " · " + self.tr("at this pace, none left by %1").replace(
                    "%1", time.strftime("%Y-%m-%d", time.localtime(sms.finish))
                )
        elif len(sms.points) >= 2:
            text += " " + self.tr("Not falling yet: no finish date.")
        return text

    def closeEvent(self, event: Any) -> None:
        for task in (self._scan_task, self._export_task):
            if task is not None:
                task.cancel()
        super().closeEvent(event)


def make_gateway(factory: Any, settings: Any, aws_profile: str | None) -> Any:
    """The scan's gateway (on the worker): ``factory``'s, or a :class:`CognitoGateway` without retries."""
    if factory is not None:
        return factory(settings, aws_profile)
    from cogtotp_gui.enrollment.gateway import CognitoGateway

    return CognitoGateway(settings, aws_profile=aws_profile, max_attempts=1)
