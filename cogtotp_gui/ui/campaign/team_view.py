"""The "Team campaign" window: the lead sees the team's progress live.

For one campaign of a shared DynamoDB table (docs/team-campaigns.md): the
users per state, each operator's finished users and pace, a burn-down over
days with the estimated finish at the current pace (the inventory's
:class:`TrendChart` and :mod:`cogtotp_gui.campaign.trend`), and the late
outcomes that overlapped another desk's work. Every refresh is one
strongly consistent read of the campaign's own item (its counters), on a
:class:`BackgroundTask`, on a timer: the window never waits for AWS, and
the table is never scanned. The list of late outcomes is read only when
their counter moves.

Figures: :mod:`cogtotp_gui.campaign.team.progress` (Qt-free).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.model import TeamError, TeamErrorKind, TeamUser
from cogtotp_gui.campaign.team.progress import TeamProgress, progress
from cogtotp_gui.ui.campaign.labels import state_label
from cogtotp_gui.ui.campaign.team_labels import team_error_message
from cogtotp_gui.ui.campaign.trend_chart import TrendChart
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.tasks import BackgroundTask
from cogtotp_gui.ui.common.widgets import BannerKind, MessageBanner

REFRESH_MS = 30_000
_ARN = re.compile(r"arn:aws[\w-]*:[^\s()]+")
# How the store words a late outcome (TeamStore.record_late), read back to say it in the user's language.
_NOTE = re.compile(r"^late outcome (\w+) from (.+?)(?:; kept (\w+))?(?:; (.+) held the user)?$")
# A refresh that fails with one of these keeps the timer going: the next one may work.
_PASSING = frozenset({TeamErrorKind.THROTTLED, TeamErrorKind.OFFLINE, TeamErrorKind.CONFLICT})

StoreFactory = Callable[[str | None, str | None, str, str], Any]


def default_store(region: str | None, aws_profile: str | None, table: str, campaign: str) -> Any:
    """A read-only desk on the campaign (no STS call: the view writes nothing)."""
    from cogtotp_gui.campaign.team.dynamo import TeamStore, dynamodb_client, local_desk
    from cogtotp_gui.campaign.team.model import Identity

    client = dynamodb_client(region, aws_profile)
    return TeamStore(client, table, campaign, Identity(operator="", desk=local_desk()))


def short_operator(operator: str) -> str:
    """An ARN's last part (the user, or an assumed role's session name)."""
    return operator.rsplit("/", 1)[-1] or operator


def short_note(note: str) -> str:
    """A late outcome's note with each ARN cut to its last part (the full note is the tooltip)."""
    return _ARN.sub(lambda match: short_operator(match.group(0)), note)


class CampaignView(QWidget):
    """The team campaign window.

    Args:
        pool_id: the connection's user pool: a campaign of another pool is refused.
        region: the connection's region (the table's, unless the profile says otherwise).
        aws_profile: the AWS profile of admin mode.
        campaign, table: filled in (a saved connection's campaign settings).
        store_factory: ``(region, profile, table, campaign) -> TeamStore``.
        clock: wall-clock seconds (the burn-down's "now").
        refresh_ms: the timer's interval.

    Signals:
        refreshed(object): a :class:`TeamProgress`, or the exception a refresh met.
        conflicts_loaded(list): the users with a late outcome (:class:`TeamUser`).
    """

    refreshed = Signal(object)
    conflicts_loaded = Signal(list)

    def __init__(
        self,
        pool_id: str | None,
        region: str | None = None,
        aws_profile: str | None = None,
        parent: QWidget | None = None,
        *,
        campaign: str = "",
        table: str = "",
        store_factory: StoreFactory | None = None,
        clock: Callable[[], float] = time.time,
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("campaignView")
        self.pool_id = pool_id
        self.region = region
        self.aws_profile = aws_profile
        self._factory = store_factory or default_store
        self._clock = clock
        self.store: Any = None
        self.progress: TeamProgress | None = None
        self.closed_at: float | None = None
        self._task: BackgroundTask[Any] | None = None
        self._conflict_task: BackgroundTask[Any] | None = None
        self._conflicts_seen = 0
        self._updated_at: float | None = None
        self._error: Exception | None = None
        self._reading = False

        self.heading = QLabel()
        self.heading.setObjectName("campaignHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)

        self.campaign_edit = QLineEdit(campaign)
        self.campaign_edit.setObjectName("campaignNameEdit")
        self.table_edit = QLineEdit(table)
        self.table_edit.setObjectName("campaignTableEdit")
        self.campaign_label = QLabel()
        self.campaign_label.setBuddy(self.campaign_edit)
        self.table_label = QLabel()
        self.table_label.setBuddy(self.table_edit)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openCampaignButton")
        self.open_button.clicked.connect(self.open_campaign)
        self.campaign_edit.returnPressed.connect(self.open_campaign)
        self.table_edit.returnPressed.connect(self.open_campaign)

        self.banner = MessageBanner(self)
        self.banner.setObjectName("campaignBanner")
        self.banner.hide()

        self.summary_label = QLabel()
        self.summary_label.setObjectName("campaignSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.finish_label = QLabel()
        self.finish_label.setObjectName("campaignFinish")
        self.finish_label.setTextFormat(Qt.TextFormat.PlainText)
        self.finish_label.setWordWrap(True)

        self.states_table = self._table("campaignStates", 2)
        self.states_label = QLabel()
        self.states_label.setBuddy(self.states_table)
        self.operators_table = self._table("campaignOperators", 3)
        self.operators_label = QLabel()
        self.operators_label.setBuddy(self.operators_table)

        self.chart = TrendChart()
        self.chart.setObjectName("burnDownChart")
        self.chart.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # its description reaches a screen reader

        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("conflictsLabel")
        self.conflicts_list = QListWidget()
        self.conflicts_list.setObjectName("conflictsList")
        self.conflicts_list.setMaximumHeight(110)
        # A note is a sentence or two: wrapped to the list's width, never a sideways scroll.
        self.conflicts_list.setWordWrap(True)
        self.conflicts_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.conflicts_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conflicts_label.setBuddy(self.conflicts_list)

        self.updated_label = QLabel()
        self.updated_label.setObjectName("campaignUpdated")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshCampaignButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_button.setEnabled(False)
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeCampaignViewButton")
        self.close_button.clicked.connect(self.close)

        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)

        chooser = QHBoxLayout()
        chooser.addWidget(self.campaign_label)
        chooser.addWidget(self.campaign_edit, 2)
        chooser.addWidget(self.table_label)
        chooser.addWidget(self.table_edit, 2)
        chooser.addWidget(self.open_button)
        grid = QGridLayout()
        grid.addWidget(self.states_label, 0, 0)
        grid.addWidget(self.operators_label, 0, 1)
        grid.addWidget(self.states_table, 1, 0)
        grid.addWidget(self.operators_table, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.updated_label, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(chooser)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.finish_label)
        layout.addLayout(grid)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts_list)
        layout.addLayout(bottom)

        self.setTabOrder(self.campaign_edit, self.table_edit)
        self.setTabOrder(self.table_edit, self.open_button)
        self.setTabOrder(self.open_button, self.states_table)
        self.setTabOrder(self.states_table, self.operators_table)
        self.setTabOrder(self.operators_table, self.chart)
        self.setTabOrder(self.chart, self.conflicts_list)
        self.setTabOrder(self.conflicts_list, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.close_button)
        self.resize(760, 640)
        self._retranslate()
        (self.table_edit if campaign and not table else self.campaign_edit).setFocus()

    @staticmethod
    def _table(name: str, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setObjectName(name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, columns):
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        rows = len(UserState) + 1  # every state without a scroll bar, and the header
        row_height = table.fontMetrics().height() + 8
        table.verticalHeader().setDefaultSectionSize(row_height)
        table.setMinimumHeight(row_height * rows + 4)
        return table

    # -- words -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Team campaign"))
        self.campaign_label.setText(self.tr("&Campaign:"))
        self.table_label.setText(self.tr("&Table:"))
        self.campaign_edit.setAccessibleName(self.tr("Campaign name"))
        self.table_edit.setAccessibleName(self.tr("DynamoDB table"))
        self.campaign_edit.setPlaceholderText(self.tr("e.g. spring-migration"))
        self.table_edit.setPlaceholderText(self.tr("e.g. cogtotp-campaigns"))
        self.open_button.setText(self.tr("&Open"))
        self.open_button.setToolTip(self.tr("Show this campaign's progress (Enter)"))
        self.states_label.setText(self.tr("Users per &state"))
        self.states_table.setAccessibleName(self.tr("Users per state"))
        self.states_table.setHorizontalHeaderLabels([self.tr("State"), self.tr("Users")])
        self.operators_label.setText(self.tr("Per o&perator"))
        self.operators_table.setAccessibleName(self.tr("Users finished per operator"))
        self.operators_table.setHorizontalHeaderLabels([self.tr("Operator"), self.tr("Finished"), self.tr("A day")])
        self.chart.setAccessibleName(self.tr("Burn-down: users left over the days"))
        self.chart.set_legend(self.tr("Users left"), self.tr("Finished a day"))
        self.chart.set_empty_text(self.tr("The burn-down appears once the team has finished its first users."))
        self.conflicts_list.setAccessibleName(self.tr("Late outcomes"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(
            arg(self.tr("Read the campaign's counters now (F5); they are also read every %1 seconds"), self._seconds())
        )
        self.close_button.setText(self.tr("C&lose"))
        self.banner.setAccessibleName(self.tr("Campaign message"))
        self._show_texts()

    def _seconds(self) -> int:
        return max(1, self.timer.interval() // 1000)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self._error is not None:
                self._show_error(self._error)
        super().changeEvent(event)

    def _show_texts(self) -> None:
        """Everything that depends on the figures, in the current language."""
        name = self.store.campaign if self.store is not None else ""
        self.heading.setText(arg(self.tr("Team campaign %1"), name) if name else self.tr("Team campaign"))
        p = self.progress
        if p is None:
            self.summary_label.setText(self.tr("Type the campaign's name and its table's name, then press Enter."))
            self.finish_label.setText("")
            self.conflicts_label.setText(self.tr("Late o&utcomes: none"))
            self.updated_label.setText("")
            return
        finished = p.total - p.left
        summary = arg(
            self.tr("%1 users: %2 finished, %3 left (%4 in progress)."),
            f"{p.total:,}",
            f"{finished:,}",
            f"{p.left:,}",
            f"{p.counts.get(UserState.IN_PROGRESS, 0):,}",
        )
        if self.closed_at is not None:
            summary += " " + self.tr("The campaign is closed.")
        self.summary_label.setText(summary)
        self.finish_label.setText(self._finish_text(p))
        self.chart.setAccessibleDescription(" ".join([summary, self._finish_text(p)]))
        self.states_table.setRowCount(len(UserState))
        for row, state in enumerate(UserState):
            self._set_row(self.states_table, row, [state_label(state), f"{p.counts.get(state, 0):,}"])
        self.operators_table.setRowCount(len(p.operators))
        for row, pace in enumerate(p.operators):
            self._set_row(
                self.operators_table, row, [short_operator(pace.operator), f"{pace.finished:,}", f"{pace.per_day:.1f}"]
            )
            item = self.operators_table.item(row, 0)
            if item is not None:
                item.setToolTip(pace.operator)
        self.conflicts_label.setText(
            self.tr("Late o&utcomes: %n outcome(s) came after another desk had taken the user", "", p.conflicts)
            if p.conflicts
            else self.tr("Late o&utcomes: none")
        )
        if self._updated_at is not None:
            self.updated_label.setText(
                arg(
                    self.tr("Updated at %1; next in %2 s"),
                    time.strftime("%H:%M:%S", time.localtime(self._updated_at)),
                    self._seconds(),
                )
                if self.timer.isActive()
                else arg(self.tr("Updated at %1"), time.strftime("%H:%M:%S", time.localtime(self._updated_at)))
            )

    def _finish_text(self, p: TeamProgress) -> str:
        if p.total == 0:
            return self.tr("No users in the campaign yet.")
        if p.left == 0:
            return self.tr("Every user has an outcome.")
        trend = p.burn_down
        if trend.finish is None or trend.per_day is None:
            return self.tr("No estimated finish yet: the pace is known once the team has worked for a while.")
        return arg(
            self.tr("Estimated finish: %1, at the current pace of %2 users a day."),
            time.strftime("%Y-%m-%d", time.localtime(trend.finish)),
            f"{-trend.per_day:,.1f}",
        )

    @staticmethod
    def _set_row(table: QTableWidget, row: int, values: list[str]) -> None:
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)

    # -- reading ---------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A read is under way (its answer has not been shown yet)."""
        return self._reading

    def open_campaign(self) -> None:
        """Open the campaign the fields name: check the table and read its item (off the UI thread)."""
        campaign = self.campaign_edit.text().strip()
        table = self.table_edit.text().strip()
        if not campaign or not table:
            self._error = None
            self.banner.show_translated(
                lambda: {
                    "kind": BannerKind.WARNING,
                    "text": self.tr("Type the campaign's name and its table's name."),
                }
            )
            (self.table_edit if campaign else self.campaign_edit).setFocus()
            return
        if self.busy:
            return
        self.timer.stop()
        factory, region, profile, pool = self._factory, self.region, self.aws_profile, self.pool_id

        def work() -> tuple[Any, Any]:
            store = factory(region, profile, table, campaign)
            store.check_table()
            info = store.info()
            if pool and info.pool_id != pool:
                raise TeamError(TeamErrorKind.WRONG_POOL, f"campaign {campaign} is for pool {info.pool_id}")
            return store, info

        self.open_button.setEnabled(False)
        self._reading = True
        self._task = (
            BackgroundTask(work, owner=self).success(self._on_opened).failure(self._on_failed).run_in_background()
        )

    def refresh(self) -> None:
        """Read the campaign item again (one read), unless a read is under way."""
        if self.store is None or self.busy:
            return
        self._reading = True
        self._task = (
            BackgroundTask(self.store.info, owner=self)
            .success(self._on_info)
            .failure(self._on_failed)
            .run_in_background()
        )

    def _on_opened(self, result: tuple[Any, Any]) -> None:
        store, info = result
        self._reading = False
        self.open_button.setEnabled(True)
        self.store = store
        self._conflicts_seen = 0
        self.conflicts_list.clear()
        self.refresh_button.setEnabled(True)
        self.timer.start()
        self._on_info(info)
        self.states_table.setFocus()

    def _on_info(self, info: Any) -> None:
        self._reading = False
        self.open_button.setEnabled(True)
        self._error = None
        self.banner.clear()
        self.banner.hide()
        self.closed_at = info.closed_at
        self._updated_at = self._clock()
        self.progress = progress(info, self._updated_at)
        self.chart.set_data(self.progress.burn_down, self.progress.finished_per_day)
        if not self.timer.isActive() and self.isVisible() and self.store is not None:
            self.timer.start()  # a passing fault is over
        self._show_texts()
        if info.conflicts != self._conflicts_seen:
            self._load_conflicts(info.conflicts)
        self.refreshed.emit(self.progress)

    def _load_conflicts(self, count: int) -> None:
        if self._conflict_task is not None and self._conflict_task.running:
            return
        if count == 0:
            self._conflicts_seen = 0
            self.conflicts_list.clear()
            self.conflicts_loaded.emit([])
            return

        def shown(users: list[TeamUser]) -> None:
            self._conflicts_seen = count
            self.conflicts_list.clear()
            for user in users:
                self.conflicts_list.addItem(
                    arg(self.tr("%1 (%2): %3"), user.username, state_label(user.state), self._note(user.conflict))
                )
                self.conflicts_list.item(self.conflicts_list.count() - 1).setToolTip(user.conflict)
            self.conflicts_loaded.emit(users)

        self._conflict_task = (
            BackgroundTask(self.store.conflicted_users, owner=self)
            .success(shown)
            .failure(self._on_failed)
            .run_in_background()
        )

    def _note(self, note: str) -> str:
        """A late outcome's note in the user's language (as stored, ARNs shortened, if not understood)."""
        match = _NOTE.match(note)
        if match is None:
            return short_note(note)
        outcome, source, kept, holder = match.groups()
        parts = [arg(self.tr("late outcome “%1” from %2"), state_label(outcome), short_note(source))]
        if kept:
            parts.append(arg(self.tr("the earlier outcome “%1” was kept"), state_label(kept)))
        if holder:
            parts.append(arg(self.tr("%1 was working with the user"), short_note(holder)))
        return self.tr("; ").join(parts)

    def _on_failed(self, error: Exception) -> None:
        self._reading = False
        self.open_button.setEnabled(True)
        self._error = error
        if not (isinstance(error, TeamError) and error.kind in _PASSING):
            self.timer.stop()
        self._show_error(error)
        self._show_texts()
        self.refreshed.emit(error)

    def _show_error(self, error: Exception) -> None:
        def render() -> dict[str, Any]:
            if isinstance(error, TeamError):
                text, hint = team_error_message(error)
                details = error.code or ""
                passing = error.kind in _PASSING
            else:
                text = self.tr("The campaign could not be read.")
                hint, details, passing = self.tr("Try again; if it keeps failing, show IT the details."), "", False
            if self.progress is not None:
                hint = " ".join(filter(None, [hint, self.tr("The figures below are from the last successful read.")]))
            return {
                "kind": BannerKind.WARNING if passing else BannerKind.ERROR,
                "text": text,
                "hint": hint,
                "details": details,
            }

        self.banner.show_translated(render)

    # -- the window ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.store is not None and self._error is None and not self.timer.isActive():
            self.timer.start()
            self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F5 (the platform's Refresh key) reads now; Escape closes. Keys the
        focused field or table leave alone come here, whichever window is active."""
        if event.matches(QKeySequence.StandardKey.Refresh) or event.key() == Qt.Key.Key_F5:
            self.refresh()
        elif event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()  # a hidden view reads nothing
        super().closeEvent(event)
