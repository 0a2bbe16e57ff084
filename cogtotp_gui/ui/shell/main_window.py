"""The main window: the wizard, a status bar naming the connection, a menu.

Around the wizard: saved connections (``saved_connections``), the settings
dialog (File ▸ Settings…, Ctrl+,), and the helpdesk duties of
``operations``: idle wipe, hiding the QR code when out of sight, and in
admin mode whose AWS credentials are used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QWidget

from cogtotp_gui import __version__
from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode
from cogtotp_gui.ui.common.assets import asset_path
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import ElidedLabel
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.wizard import EnrollmentWizard

if TYPE_CHECKING:
    # Imported where used: PySide builds a type's enum classes when the
    # type is first used, and these are not needed before the first paint.
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog, QMessageBox

    from cogtotp_gui.connections.model import Preferences
    from cogtotp_gui.connections.store import ProfileStore
    from cogtotp_gui.ui.campaign.session_control import SessionControl
    from cogtotp_gui.ui.campaign.team_control import TeamControl
    from cogtotp_gui.ui.campaign.team_runner import TeamJoin
    from cogtotp_gui.ui.common.widgets import MessageBanner
    from cogtotp_gui.ui.connections.saved_connections import SavedConnections
    from cogtotp_gui.ui.shell.config import ShellConfig
    from cogtotp_gui.ui.shell.operations import HelpdeskOperations

DEFAULT_SIZE = (720, 560)
# Margin of the idle warning from the window's content edges.
_OVERLAY_MARGIN = 8
# The widest the status bar's identity may get before it elides.
_IDENTITY_MAX_PX = 240
# How long quitting waits for a Cognito call that is still running.
SHUTDOWN_WAIT_MS = 1500
# If no paint ever arrives (started minimised), build the client anyway.
WARM_UP_FALLBACK_MS = 1000


class MainWindow(QMainWindow):
    """Holds the wizard; owns quitting.

    Args:
        controller: runs the enrollment steps.
        parent: usually None.
        profile_store: saved connections and preferences (``None``: the
            operator's own settings, opened after the first paint).

    Signals:
        first_painted(): the window has been painted once (boto3 may load now).
    """

    first_painted = Signal()

    def __init__(
        self, controller: Controller, parent: QWidget | None = None, *, profile_store: ProfileStore | None = None
    ) -> None:
        super().__init__(parent)
        # Set before anything can deliver an event: a paint or show handled
        # while the wizard is being built must find them.
        self._painted = False
        self._first_paint_reported = False
        self._warm_up_pending = False
        self.setObjectName("mainWindow")
        self.controller = controller
        self.setWindowTitle(self.tr("Move to an authenticator app"))
        # A QWizard is a dialog; here it is the window's content. Made without
        # a parent, it becomes a plain child widget in setCentralWidget()
        # (QWidget.setParent drops the window type), with no Qt.WindowType
        # needed before the first paint (see widgets.set_enum_property).
        self.wizard = EnrollmentWizard(controller)
        self.setCentralWidget(self.wizard)
        self.resize(*DEFAULT_SIZE)

        self._close_confirmed = False
        self._quit_box: QMessageBox | None = None
        self.shutdown_clean: bool | None = None
        self.shutdown_wait_ms = SHUTDOWN_WAIT_MS

        # How the window presents itself (ui/shell/config.py, see configure());
        # None: as the app does (training mode declares its own).
        self.shell: ShellConfig | None = None
        self.connection_label = ElidedLabel(self)
        self.connection_label.setObjectName("connectionStatusLabel")
        self.readiness_label = QLabel(self)
        self.readiness_label.setObjectName("readinessStatusLabel")
        # Admin mode only: whose AWS credentials the calls are signed with.
        self.identity_label = ElidedLabel(self)
        self.identity_label.setObjectName("identityStatusLabel")
        self.identity_label.setVisible(False)
        # Its own text's width (an ElidedLabel otherwise asks for none, and
        # would be laid over its neighbours).
        self.identity_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.connection_label, 1)
        # Short ("AWS: Helpdesk/alice"): as wide as it needs, the connection gets the rest.
        self.statusBar().addWidget(self.identity_label, 0)
        self.statusBar().addPermanentWidget(self.readiness_label)
        # Shown while audit records cannot be written (issue 19): the reason
        # is the audit log's own (the OS's words), the sentence translated.
        # It shares the line with the connection (elided, whole in its tooltip).
        self.audit_label = ElidedLabel(self)
        self.audit_label.setObjectName("auditStatusLabel")
        self.audit_label.setVisible(False)
        self._audit_problem: str | None = None
        self.statusBar().addWidget(self.audit_label, 1)
        # Both made after the first paint (see the properties): the first
        # page need not wait for their modules.
        self._profile_store = profile_store
        self._saved_connections: SavedConnections | None = None
        self._operations: HelpdeskOperations | None = None
        self._idle_banner: MessageBanner | None = None  # built on the first idle warning
        # Onboarding sessions (ui/campaign): made after the first paint.
        self._sessions: SessionControl | None = None
        self._after_first_paint_session: tuple[str, Any] | None = None
        # A team campaign's desk (ui/campaign/team_control.py): made when one is joined.
        self.team: TeamControl | None = None
        self._build_menu()

        controller.connection_changed.connect(self._on_connection_changed)
        controller.connection_ready.connect(self._on_connection_ready)
        controller.failed.connect(self._on_failed)
        controller.audit_written.connect(self._on_audit_written)
        if controller.settings is not None:
            self._on_connection_changed(controller.settings)

    def _build_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.change_connection_action = QAction(self)
        self.change_connection_action.setObjectName("changeConnectionAction")
        self.change_connection_action.triggered.connect(self._on_change_connection_action_triggered)
        self.file_menu.addAction(self.change_connection_action)
        self.settings_action = QAction(self)
        self.settings_action.setObjectName("settingsAction")
        # Ctrl+, everywhere (Cmd+, on macOS): the platforms' Preferences key
        # is missing on Windows and some Linux desktops.
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self._on_settings_action_triggered)
        self.file_menu.addAction(self.settings_action)
        self.migration_action = QAction(self)
        self.migration_action.setObjectName("migrationAction")
        self.migration_action.setEnabled(False)  # admin mode only (see _show_connection)
        self.migration_action.triggered.connect(self.open_migration)
        self.file_menu.addAction(self.migration_action)
        self._migration: QWidget | None = None
        self.campaign_view_action = QAction(self)
        self.campaign_view_action.setObjectName("campaignViewAction")
        self.campaign_view_action.setEnabled(False)  # admin mode only (see _show_connection)
        self.campaign_view_action.triggered.connect(self.open_campaign_view)
        self.file_menu.addAction(self.campaign_view_action)
        self._campaign_view: QWidget | None = None
        self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quitAction")
        # setShortcuts(): setShortcut()'s overloads would build the Qt namespace's enums.
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("")
        self.guide_action = QAction(self)
        self.guide_action.setObjectName("operatorsGuideAction")
        self.guide_action.setShortcuts(QKeySequence.StandardKey.HelpContents)  # F1
        self.guide_action.triggered.connect(self.show_guide)
        self.help_menu.addAction(self.guide_action)
        self._guide: QDialog | None = None
        self.about_action = QAction(self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_action_triggered)
        self.help_menu.addAction(self.about_action)
        self._retranslate_menu()

    def _retranslate_menu(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.change_connection_action.setText(self.tr("Change &connection…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.settings_action.setToolTip(self.tr("Saved connections and preferences (Ctrl+,)"))
        self.quit_action.setText(self.tr("&Quit"))
        self.migration_action.setText(self.tr("&Migration…"))
        self.migration_action.setToolTip(self.tr("Who in the pool is still on SMS (admin mode)"))
        self.campaign_view_action.setText(self.tr("&Team campaign…"))
        self.campaign_view_action.setToolTip(self.tr("A team campaign's progress, live (admin mode)"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.guide_action.setText(self.tr("Operator's &guide"))
        self.guide_action.setToolTip(self.tr("What to say to the user at each step, and what each message means (F1)"))
        self.about_action.setText(self.tr("&About"))

    def configure(self, shell: ShellConfig) -> None:
        """Present the window as ``shell`` declares: its title, the status
        bar's caption and identity, the campaign database, the audit log,
        whether the connection may change, the content around the wizard.
        Called once, before the window is shown (training mode does)."""
        self.shell = shell
        if shell.frame is not None:
            self.takeCentralWidget()  # the wizard, put into the frame now
            content = shell.frame(self.wizard)
            self.setCentralWidget(content)
            grow = content.sizeHint().height() - self.wizard.sizeHint().height()
            self.resize(self.width(), self.height() + max(0, grow))
        self.setWindowTitle(self._title())
        if shell.audit is not None:
            self.controller.use_audit(shell.audit)
        if not shell.connection_switching:
            self.change_connection_action.setEnabled(False)
            self.saved_connections.allow_switching = False  # no saved-connection picker either
        settings = self.controller.settings
        if settings is not None:
            self._show_connection(settings)
        if self._operations is not None:
            self._operations.show_identity()

    def show_readiness(self, text: str) -> None:
        """The status bar's right-hand word on the connection (Ready, Connecting…, training's own)."""
        self.readiness_label.setText(text)

    def _title(self) -> str:
        shell = self.shell
        if shell is not None and shell.title is not None:
            return shell.title()
        return self.tr("Move to an authenticator app")

    @property
    def identity_shown(self) -> bool:
        """Whether the status bar names whose AWS credentials sign the calls."""
        return self.shell is None or self.shell.identity_shown

    @property
    def campaign_database(self) -> Path | None:
        """The Migration window's database (None: the data folder's)."""
        return self.shell.campaign_database if self.shell is not None else None

    @property
    def saved_connections(self) -> SavedConnections:
        """Saved connections and the settings dialog (made on first use)."""
        if self._saved_connections is None:
            from cogtotp_gui.ui.connections.saved_connections import SavedConnections

            self._saved_connections = SavedConnections(self, self, self._profile_store)
            self._saved_connections.preferences_changed.connect(self.apply_preferences)
            self.wizard.saved_connections = self._saved_connections
        return self._saved_connections

    @property
    def operations(self) -> HelpdeskOperations:
        """Idle wipe, hiding the QR code, AWS identity (made on first use)."""
        if self._operations is None:
            from cogtotp_gui.ui.shell.operations import HelpdeskOperations

            self._operations = HelpdeskOperations(self, self)
        return self._operations

    @property
    def sessions(self) -> SessionControl:
        """Onboarding sessions: the Session menu, the queue panel (made on first use)."""
        if self._sessions is None:
            from cogtotp_gui.ui.campaign.session_control import SessionControl

            self._sessions = SessionControl(self, self.wizard, self.controller, folders=self.saved_connections)
        return self._sessions

    def start_session(self, usernames: list[str], source: str = "inventory", *, training: bool = False) -> bool:
        """Start an onboarding session with these users queued (the inventory's
        "Start a session", ``--roster``, training's practice session). Returns
        False if it did not start (a user is half-done, nobody to queue, or
        this desk works on a team campaign: its users come from the campaign)."""
        if self.team is not None:
            self.statusBar().showMessage(
                arg(
                    self.tr(
                        "This desk works on the team campaign %1: its users come from the campaign, not a session."
                    ),
                    self.team.join.campaign,
                ),
                15000,
            )
            return False
        return self.sessions.start(usernames, source=source, training=training)

    @Slot(list)
    def start_session_with(self, usernames: list[str]) -> None:
        """The Migration window's "Start a session with these" (its ``session_requested``)."""
        # The queue is here, beside the wizard; so is the question, if it asks
        # first (activated before it opens, so that it gets the keyboard).
        self.activateWindow()
        self.start_session(list(usernames), "inventory")

    def start_session_after_first_paint(self, usernames: list[str], source: str) -> None:
        """``--roster``: the session starts once the window has painted."""
        self._after_first_paint_session = ("start", (list(usernames), source))
        if self._first_paint_reported:
            self._run_after_first_paint_session()

    def offer_resume_after_first_paint(self) -> None:
        """On a normal start: offer an unfinished session, once the window has painted."""
        self._after_first_paint_session = ("resume", None)
        if self._first_paint_reported:
            self._run_after_first_paint_session()

    def join_campaign_after_first_paint(self, join: TeamJoin) -> None:
        """``--campaign``: the desk joins the team campaign once the window has painted."""
        self._after_first_paint_session = ("team", join)
        if self._first_paint_reported:
            self._run_after_first_paint_session()

    def join_campaign(self, join: TeamJoin, **options: Any) -> TeamControl:
        """Work on a team campaign: the team queue panel, and each user
        claimed from the campaign's table (``options``: see TeamControl)."""
        from cogtotp_gui.ui.campaign.team_control import TeamControl

        if self.team is not None:
            self.team.detach()
            self.team.deleteLater()
        self.team = TeamControl(self, self.wizard, self.controller, join, **options)
        # One queue at a time: the Session menu's rosters would compete for the wizard.
        self.sessions.menu.menuAction().setEnabled(False)
        self.team.start()
        return self.team

    def _run_after_first_paint_session(self) -> None:
        pending, self._after_first_paint_session = self._after_first_paint_session, None
        if pending is None:
            return
        what, value = pending
        if what == "team":
            self.join_campaign(value)
        elif what == "start" and value is not None:
            usernames, source = value
            self.start_session(usernames, source)
        else:
            self.sessions.offer_resume()

    # -- language ----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self._retranslate()
        elif kind == QEvent.Type.WindowStateChange and self._operations is not None:
            self._operations.window_state_changed()  # minimised: the QR code goes
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self._retranslate_menu()
        settings = self.controller.settings
        if settings is not None:
            self._show_connection(settings)
        if self.controller.is_ready:
            self.readiness_label.setText(self.tr("Ready"))
        if self._audit_problem is not None:
            self._show_audit_problem()
        if self._operations is not None:
            self._operations.show_identity()
        if self._sessions is not None:
            self._sessions.retranslate()

    # -- preferences and settings ---------------------------------------------------

    @Slot(object)
    def apply_preferences(self, preferences: Preferences) -> None:
        """Idle time-out and clipboard delay from the settings, at once."""
        self.operations.apply_preferences(preferences)

    def open_settings(self) -> None:
        """The settings dialog: saved connections and preferences."""
        self.saved_connections.open_settings()

    @Slot()
    def _on_settings_action_triggered(self) -> None:
        self.open_settings()

    # -- start-up ------------------------------------------------------------

    def warm_up_after_first_paint(self) -> None:
        """Build the Cognito client on a worker once the window has painted."""
        self._warm_up_pending = True
        if self._painted:
            QTimer.singleShot(0, self, self._warm_up)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Let this paint reach the screen before the import competes for the GIL.
            QTimer.singleShot(0, self, self._on_first_paint_done)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(WARM_UP_FALLBACK_MS, self, self._on_first_paint_done)

    @Slot()
    def _on_first_paint_done(self) -> None:
        if self._first_paint_reported:
            return
        self._first_paint_reported = True
        self._painted = True
        self.first_painted.emit()
        # Only the first page exists so far. The others follow, a page per
        # event-loop turn, and then boto3 on the worker: both at once would
        # share the GIL and make every pause of the window twice as long.
        self.wizard.build_remaining_pages(then=self._warm_up)
        # Then the saved connections, preferences and watchers.
        preferences = self.saved_connections.activate()
        if preferences is not None:
            self.apply_preferences(preferences)
        self.operations.activate()
        self._set_app_icon()
        self.sessions  # noqa: B018 - the Session menu
        if self._after_first_paint_session is not None:
            # After the remaining pages and boto3's warm-up have been queued.
            QTimer.singleShot(0, self, self._run_after_first_paint_session)

    @staticmethod
    def _set_app_icon() -> None:
        """The app's icon for the title bar and task bar (the bundle's .exe
        has it as a resource, but a window only shows it once it is set).
        Set after the first paint: decoding it need not delay the page."""
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        if QApplication.windowIcon().availableSizes():
            return  # set already (another window, or whoever embeds the app)
        QApplication.setWindowIcon(QIcon(asset_path("icons", "cogtotp.png")))

    def _warm_up(self) -> None:
        if self._warm_up_pending:
            self._warm_up_pending = False
            self.controller.warm_up()

    # -- status bar ------------------------------------------------------------------

    @Slot(object)
    def _on_connection_changed(self, settings: ConnectionSettings) -> None:
        self._show_connection(settings)
        self.readiness_label.setText(self.tr("Connecting…"))

    def _show_connection(self, settings: ConnectionSettings) -> None:
        """The status bar's first line: what an operator needs at a glance.

        The connection's name (or, unnamed, its user pool) and the sign-in
        mode; the pool, region and endpoint are in the tooltip. Training
        mode declares a caption (``ShellConfig.caption``) that always says Training.
        """
        mode = self.tr("admin sign-in") if settings.mode is SignInMode.ADMIN else self.tr("user sign-in")
        caption = self.shell.caption if self.shell is not None else None
        if caption is not None:
            text = caption(settings)
        elif settings.name:
            text = arg(self.tr("%1 · %2"), settings.name, mode)
        else:
            text = arg(self.tr("User pool %1 · %2"), settings.user_pool_id, mode)
        details = [arg(self.tr("User pool: %1"), settings.user_pool_id)]
        details.append(arg(self.tr("Region: %1"), settings.effective_region))
        details.append(arg(self.tr("Sign-in: %1"), mode))
        if settings.endpoint_url:
            details.append(arg(self.tr("Endpoint: %1"), settings.endpoint_url))
        self.connection_label.set_full_text(text)
        self.connection_label.setToolTip("\n".join([text, *details]))
        self.connection_label.setAccessibleDescription("; ".join(details))
        self.migration_action.setEnabled(settings.mode is SignInMode.ADMIN)
        self.campaign_view_action.setEnabled(settings.mode is SignInMode.ADMIN)

    def open_migration(self) -> QWidget | None:
        """The Migration window for the connection's pool (admin mode; made on demand).

        Training mode keeps its inventory in a folder of its own
        (``campaign_database``), never in the operator's campaign database.
        """
        settings = self.controller.settings
        if settings is None or settings.mode is not SignInMode.ADMIN:
            return None
        # The pool only (with the AWS profile): the window never signs in,
        # so it gets no app client and no client secret.
        pool = settings.pool(self.controller.aws_profile)
        current = self._migration
        if current is not None and getattr(current, "pool", None) == pool:
            current.show()
            current.raise_()
            current.activateWindow()
            return current
        if current is not None:
            current.close()
            current.deleteLater()
        from cogtotp_gui.ui.campaign.inventory_window import MigrationWindow

        window = MigrationWindow(
            pool,
            self.campaign_database,
            parent=self,
            training=self.shell is not None
            and self.shell.caption is not None,  # training mode names its pool, not the emulator's id
        )
        window.folders = self.saved_connections  # its CSV is offered where the last file went
        window.session_requested.connect(self.start_session_with)
        self._migration = window
        window.show()
        return window

    def open_campaign_view(self) -> QWidget | None:
        """The team campaign view for the connection's pool (admin mode; made on demand)."""
        settings = self.controller.settings
        if settings is None or settings.mode is not SignInMode.ADMIN:
            return None
        current = self._campaign_view
        if current is not None and getattr(current, "pool_id", None) == settings.user_pool_id:
            current.show()
            current.raise_()
            current.activateWindow()
            return current
        campaign = table = ""
        if current is not None:
            campaign, table = current.campaign_edit.text(), current.table_edit.text()  # type: ignore[attr-defined]
            current.close()
            current.deleteLater()
        from cogtotp_gui.ui.campaign.team_view import CampaignView

        view = CampaignView(
            settings.user_pool_id,
            settings.effective_region,
            self.controller.aws_profile,
            parent=self,
            campaign=campaign,
            table=table,
        )
        self._campaign_view = view
        view.show()
        return view

    @Slot()
    def _on_connection_ready(self) -> None:
        self.readiness_label.setText(self.tr("Ready"))

    @Slot(object)
    def _on_failed(self, error: EnrollmentError) -> None:
        if self.controller.operation is None and not self.controller.is_ready:
            self.readiness_label.setText(self.tr("Not connected"))

    @Slot(object)
    def _on_audit_written(self, problem: object) -> None:
        """Show why audit records are not written, until one is again."""
        self._audit_problem = problem if isinstance(problem, str) and problem else None
        self._show_audit_problem()

    def _show_audit_problem(self) -> None:
        from cogtotp_gui.ui.common.messages import audit_not_written

        problem = self._audit_problem
        text = audit_not_written(problem) if problem else ""
        self.audit_label.set_full_text(text)
        self.audit_label.setToolTip(f"{text}\n{self.controller.audit.path}" if problem else "")
        self.audit_label.setVisible(problem is not None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_idle_banner()

    # -- what the helpdesk operations show (ui/shell/operations.py decides, the window lays out) --

    @property
    def idle_banner(self) -> MessageBanner | None:
        """The idle countdown banner over the content (None until the first warning)."""
        return self._idle_banner

    def show_idle_warning(self, render: Callable[[], dict[str, Any]]) -> None:
        """Show (or update) the idle countdown across the top of the content;
        screen readers hear it when it appears, not on every update."""
        if self._idle_banner is None:
            from cogtotp_gui.ui.common.widgets import MessageBanner

            self._idle_banner = MessageBanner(self)
            self._idle_banner.setObjectName("idleWarningBanner")
            self._idle_banner.setAutoFillBackground(True)  # it lies over the wizard's header
        first = self._idle_banner.isHidden()
        self._idle_banner.show_message(**render(), render=render, announce=first)
        self._place_idle_banner()

    def clear_idle_warning(self) -> None:
        if self._idle_banner is not None:
            self._idle_banner.clear()

    def _place_idle_banner(self) -> None:
        """Lay the idle banner across the top of the window's content."""
        banner = self._idle_banner
        if banner is None or banner.isHidden():
            return
        central = self.centralWidget()
        top = central.geometry().top() if central is not None else 0
        width = max(0, self.width() - 2 * _OVERLAY_MARGIN)
        # The height its wrapped text needs at this width (sizeHint guesses a narrow one).
        height = banner.heightForWidth(width) if banner.hasHeightForWidth() else -1
        banner.setGeometry(
            _OVERLAY_MARGIN, top + _OVERLAY_MARGIN, width, height if height > 0 else banner.sizeHint().height()
        )
        banner.raise_()

    def show_identity(self, text: str | None, details: str = "") -> None:
        """The status bar's line on whose AWS credentials sign the calls;
        ``None`` hides it (user mode, training)."""
        label = self.identity_label
        if text is None or not self.identity_shown:
            label.set_full_text("")
            label.setVisible(False)
            return
        label.set_full_text(text)
        # Its own width, up to a third of the default window: the connection
        # label beside it takes the rest (both whole at the default width).
        label.setMinimumWidth(min(label.fontMetrics().horizontalAdvance(text) + 8, _IDENTITY_MAX_PX))
        label.setToolTip(f"{text}\n{details}" if details else text)
        label.setAccessibleDescription(details)
        label.setVisible(True)

    # -- quitting -------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller.enrollment_in_progress and not self._close_confirmed:
            event.ignore()
            self._ask_quit()
            return
        self.shutdown()
        super().closeEvent(event)

    def _ask_quit(self) -> None:
        from cogtotp_gui.ui.common.msgbox import confirm_stop

        if self._quit_box is not None:
            return
        self._quit_box = confirm_stop(
            self,
            title=self.tr("Quit now?"),
            text=self.tr(
                "An enrollment is not finished. If you quit now, the user's account keeps its current sign-in method."
            ),
            stop=self.tr("&Quit"),
            stop_name="confirmQuitButton",
            on_answer=self._on_quit_answered,
            name="quitConfirmBox",
        )

    def _on_quit_answered(self, quit_now: bool) -> None:
        self._quit_box = None
        if quit_now:
            self._close_confirmed = True
            self.close()

    def shutdown(self, wait_ms: int | None = None) -> bool:
        """Wipe the user and stop the controller; True if no call was left running."""
        if self.shutdown_clean is None:
            from cogtotp_gui.ui.privacy import clipboard

            if self._operations is not None:
                self._operations.stop()
            if self._sessions is not None:
                self._sessions.shutdown()
            if self.team is not None:
                self.team.shutdown()
            for page in self.wizard.enrollment_pages():
                page.wipe()
            clipboard.clear_now_if_ours()  # the secret page may never have been built
            wait = self.shutdown_wait_ms if wait_ms is None else wait_ms
            clean = self.controller.shutdown(wait)
            # Every other task (the settings dialog's connection test, the
            # AWS profile list): not started ones never start, running ones
            # are waited for or abandoned like the controller's.
            from cogtotp_gui.ui.common import tasks

            self.shutdown_clean = tasks.shutdown_shared(wait if clean else 0) and clean
        return self.shutdown_clean

    # -- menu ------------------------------------------------------------------------------------

    @Slot()
    def _on_change_connection_action_triggered(self) -> None:
        if self.controller.enrollment_in_progress:
            self.wizard.reject()  # asks first; the menu works again afterwards
            return
        self.wizard.show_connection_page()

    @Slot()
    def show_guide(self) -> None:
        """Help ▸ Operator's guide: the bundled guide, in the UI's language."""
        if self._guide is None:
            from cogtotp_gui.ui.shell.guide import GuideDialog

            self._guide = GuideDialog(self)
        if self._guide.isVisible():
            self._guide.raise_()
            self._guide.activateWindow()
        else:
            self._guide.show()

    @Slot()
    def _on_about_action_triggered(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About cogtotp-gui"),
            arg(
                self.tr(
                    "cogtotp-gui %1\n\nMoves Amazon Cognito users from text-message codes to an authenticator app."
                ),
                __version__,
            ),
        )
