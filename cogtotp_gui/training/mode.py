"""Training mode on the main window: banner, title, menu, waiting panel, guard.

:func:`install_training` turns an ordinary :class:`MainWindow` into the
training wizard. The wizard itself is unchanged; around it come

* the amber "TRAINING MODE" banner and the window title "TRAINING — …";
* a "Training" menu (and banner buttons): training users, phone, reset;
* a panel that stands in for the wizard while the training pool starts or
  resets, so Next cannot be pressed before the connection exists;
* a guard: a connection that is not on this computer is refused, both by
  the gateway factory (no client is ever built for it) and by switching
  straight back to the training pool with an explanation.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QStackedWidget, QVBoxLayout, QWidget

from cogtotp_gui.enrollment.audit import AuditLog
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.training.banner import TrainingBanner
from cogtotp_gui.training.environment import (
    TRAINING_PROFILE_NAME,
    TrainingEnvironment,
    TrainingRefused,
    is_training_endpoint,
)
from cogtotp_gui.training.session import TrainingSession
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import BannerKind, menu_action
from cogtotp_gui.ui.shell.config import ShellConfig

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.gateway import CognitoGateway
    from cogtotp_gui.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


class TrainingWizardPort(Protocol):
    """The wizard, as training mode uses it (``EnrollmentWizard`` is one):
    its connection, its fields wiped on a reset, a word on its page and the
    keyboard back in it; never a page or a field of it."""

    def use_connection(self, settings: ConnectionSettings | None) -> None: ...

    def wipe_pages(self) -> None: ...

    def tell(self, render: Callable[[], dict[str, Any]]) -> None:
        """A message in the current page's message area (it goes with the next step)."""

    def focus_current_field(self) -> None: ...


def training_gateway_factory(settings: ConnectionSettings, aws_profile: str | None = None) -> CognitoGateway:
    """The controller's gateways in training mode.

    The AWS profile is ignored (training uses the dummy keys in the
    environment only). For a connection that is not on this computer the
    gateway can never build a client, so no request can leave the machine.
    """
    from cogtotp_gui.enrollment.gateway import CognitoGateway

    if is_training_endpoint(settings):
        return CognitoGateway(settings)

    def refuse() -> Any:
        raise TrainingRefused("training mode only connects to the emulator on this computer")

    return CognitoGateway(settings, client_factory=refuse)


class _WaitingPanel(QWidget):
    """Stands in for the wizard while the training pool starts or resets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingWaitingPanel")
        self.title = QLabel()
        self.title.setObjectName("trainingWaitingTitle")
        font = self.title.font()
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(320)
        self._render: Callable[[], tuple[str, str, bool]] | None = None
        self.detail = QLabel()
        self.detail.setObjectName("trainingWaitingDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.detail)
        layout.addStretch(2)

    def show_progress(self, render: Callable[[], tuple[str, str]]) -> None:
        """Show ``render()``'s (title, detail) with a busy bar; it is called
        again after a language change."""
        self._render = lambda: (*render(), True)
        self.retranslate()

    def show_failure(self, render: Callable[[], tuple[str, str]]) -> None:
        self._render = lambda: (*render(), False)
        self.retranslate()

    def retranslate(self) -> None:
        self.progress.setAccessibleName(self.tr("Preparing the training pool"))
        if self._render is None:
            return
        title, detail, busy = self._render()
        self.title.setText(title)
        self.detail.setText(detail)
        self.progress.setVisible(busy)
        self.setAccessibleName(title)


class TrainingMode(QObject):
    """Training mode installed on a main window (see :func:`install_training`).

    Attributes:
        window: the main window.
        session: the training pool, phone and users dialog.
        banner: the "TRAINING MODE" banner.
        waiting_panel: shown instead of the wizard until the pool is ready.
        users_action, phone_action, reset_action: the "Training" menu.
    """

    def __init__(self, window: MainWindow, *, environment: TrainingEnvironment | None = None) -> None:
        super().__init__(window)
        self.setObjectName("trainingMode")
        # The window and its wizard are taken from the Qt parent (see the
        # properties): an attribute would make the window cyclic garbage.
        self.controller = window.controller
        self.session = TrainingSession(self.controller, window, environment=environment, parent=self)
        self._refusal_box: QMessageBox | None = None
        self._pending_session: tuple[list[str], str] | None = None  # --demo --roster, until the pool is ready

        self.banner = TrainingBanner()
        self.waiting_panel = _WaitingPanel()
        self.waiting_panel.show_progress(
            lambda: (
                self.tr("Starting the training pool…"),
                self.tr("A Cognito emulator is starting on this computer. Nothing is sent to AWS."),
            )
        )
        self._stack = QStackedWidget()
        self._stack.setObjectName("trainingStack")
        # Training enrollments never reach the operator's real audit trail:
        # they go to a folder of their own, removed when training ends
        # (docs/training.md). The Migration window's inventory of the
        # training pool goes there too.
        self._audit_dir = Path(tempfile.mkdtemp(prefix="cogtotp-gui-training-audit-"))
        self._reset_box: QMessageBox | None = None
        # The window, as training declares it (ui/shell/config.py).
        window.configure(
            ShellConfig(
                title=lambda: self.tr("TRAINING — cogtotp-gui"),
                caption=self._connection_caption,  # always says Training
                identity_shown=False,  # never the emulator's identity
                campaign_database=self._audit_dir / "campaign.sqlite3",
                audit=AuditLog(self._audit_dir),
                connection_switching=False,  # the training pool's; another is refused below
                frame=self._frame,
            )
        )
        window.show_readiness(self.tr("Starting the training pool…"))

        self._build_menu()
        self._retranslate_menu()
        window.installEventFilter(self)

        self.banner.users_requested.connect(self.session.show_training_users)
        self.banner.phone_requested.connect(self.session.show_phone)
        self.banner.reset_requested.connect(self.request_reset)
        self.session.started.connect(self._on_session_started)
        self.session.start_failed.connect(self._on_session_start_failed)
        self.session.reset_started.connect(self._on_session_reset_started)
        self.session.training_reset.connect(self._on_session_training_reset)
        self.session.reset_failed.connect(self._on_session_reset_failed)
        self.controller.connection_changed.connect(self._on_connection_changed)
        if window.isVisible():
            # Installed on a window already on screen: it has painted.
            QTimer.singleShot(0, self.session, self.session.start)
        else:
            window.first_painted.connect(self.session.start)
        self._set_ready(False)

    def _frame(self, wizard: QWidget) -> QWidget:
        """The window's content: the banner above the wizard, the waiting panel in its place until ready."""
        self._stack.addWidget(self.waiting_panel)
        self._stack.addWidget(wizard)
        container = QWidget()
        container.setObjectName("trainingCentralWidget")
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self._stack, 1)
        return container

    # -- API ------------------------------------------------------------------------

    @property
    def window(self) -> MainWindow:
        """The main window: the Qt parent, not an attribute (see SavedConnections.window)."""
        return self.parent()  # type: ignore[return-value]  # QObject.parent() is typed as QObject

    @property
    def wizard(self) -> TrainingWizardPort:
        return self.window.wizard

    @property
    def is_ready(self) -> bool:
        return self.session.is_ready

    @property
    def wizard_shown(self) -> bool:
        """The wizard (not the waiting panel) is on screen."""
        return self._stack.currentIndex() == 1

    @property
    def audit_path(self) -> Path:
        """The training audit file (never the operator's real one)."""
        return self.controller.audit.path

    def shutdown(self) -> bool:
        """Stop the training pool and remove the training audit folder.

        The window is shut down first (idempotent): an enrollment still in
        progress writes its last record ("abandoned") before the folder goes,
        not into a folder created again after it.
        """
        done = self.session.shutdown()
        self.window.shutdown()
        shutil.rmtree(self._audit_dir, ignore_errors=True)
        return done

    @Slot()
    def request_reset(self) -> None:
        """Reset the training data; ask first if an enrollment is half done
        (as Escape, quitting and closing the window do)."""
        if not self.session.is_ready:
            return
        if not self.controller.enrollment_in_progress:
            self.session.reset_training_data()
            return
        if self._reset_box is not None:
            self._reset_box.raise_()
            return
        from cogtotp_gui.ui.common.msgbox import confirm_stop

        self._reset_box = confirm_stop(
            self.window,
            title=self.tr("Reset the training data?"),
            text=self.tr(
                "An enrollment is not finished. Resetting drops it and puts every training user back to the start."
            ),
            stop=self.tr("&Reset"),
            stop_name="confirmTrainingResetButton",
            on_answer=self._on_reset_answered,
            name="trainingResetConfirmBox",
        )

    def _on_reset_answered(self, reset: bool) -> None:
        self._reset_box = None
        if reset:
            self.session.reset_training_data()

    # -- language -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent():
            kind = event.type()
            if kind == QEvent.Type.LanguageChange:
                self.retranslate()
            elif kind in (QEvent.Type.Resize, QEvent.Type.Move):
                # After the window has its new geometry (a docked queue panel grows it).
                QTimer.singleShot(0, self.session, self.session.keep_phone_beside)
        return False

    def retranslate(self) -> None:
        """Everything training mode adds, in the current language (the
        banner and the dialogs retranslate themselves)."""
        self._retranslate_menu()
        self.waiting_panel.retranslate()
        if not self.session.is_ready and not self.wizard_shown:
            self.window.show_readiness(
                self.tr("Resetting the training data…") if self.session.busy else self.tr("Starting the training pool…")
            )

    def _connection_caption(self, settings: ConnectionSettings) -> str:
        return self.tr("Training · practice pool on this computer")

    # -- setup ------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu_bar = self.window.menuBar()
        menu = menu_bar.addMenu("")
        menu.setObjectName("trainingMenu")
        self.menu = menu
        help_menu = menu_bar.actions()[-2] if len(menu_bar.actions()) >= 2 else None
        if help_menu is not None:
            # Before Help, where menus usually end.
            menu_bar.insertMenu(help_menu, menu)
        self.users_action = menu_action(
            menu, self, "trainingUsersAction", self.session.show_training_users, "Ctrl+Shift+U"
        )
        self.phone_action = menu_action(menu, self, "trainingPhoneAction", self.session.show_phone, "Ctrl+Shift+P")
        self.practice_action = menu_action(menu, self, "trainingPracticeSessionAction", self.start_practice_session)
        menu.addSeparator()
        self.reset_action = menu_action(menu, self, "trainingResetAction", self.request_reset)

    def _retranslate_menu(self) -> None:
        self.menu.setTitle(self.tr("&Training"))
        self.users_action.setText(self.tr("Training &users…"))
        self.phone_action.setText(self.tr("Show the training &phone"))
        self.practice_action.setText(self.tr("Practice &session"))
        self.practice_action.setToolTip(
            self.tr("An onboarding session with every training user queued, to rehearse a whole session")
        )
        self.reset_action.setText(self.tr("&Reset training data"))

    def _set_ready(self, ready: bool, message: str = "") -> None:
        self.banner.set_ready(ready, message)
        for action in (self.users_action, self.phone_action, self.practice_action, self.reset_action):
            action.setEnabled(ready)
        self._stack.setCurrentIndex(1 if ready else 0)

    @Slot()
    def start_practice_session(self) -> bool:
        """A session with every training user queued (Training ▸ Practice session)."""
        environment = self.session.environment
        seed = getattr(environment, "seed", None) if environment is not None else None
        if seed is None:
            return False
        usernames = [user.username for user in seed.users.values()]
        return self.window.start_session(usernames, "training", training=True)

    def _show_wizard(self, settings: ConnectionSettings) -> None:
        self.wizard.use_connection(settings)
        self._set_ready(True)
        self.wizard.focus_current_field()

    # -- slots ----------------------------------------------------------------------------

    @Slot(object)
    def _on_session_started(self, settings: ConnectionSettings) -> None:
        self._show_wizard(settings)
        pending, self._pending_session = self._pending_session, None
        if pending is not None:
            usernames, source = pending
            self.window.start_session(usernames, source, training=True)

    def start_session_when_ready(self, usernames: list[str], source: str) -> None:
        """``--demo --roster``: a session of these users, on the training pool
        once it is ready (at once if it is)."""
        if self.is_ready:
            self.window.start_session(list(usernames), source, training=True)
        else:
            self._pending_session = (list(usernames), source)

    @Slot(str)
    def _on_session_start_failed(self, message: str) -> None:
        self.banner.set_ready(False, message)
        self.waiting_panel.show_failure(
            lambda: (
                self.tr("The training pool could not be started"),
                self.tr("Quit and start the training again. If it keeps failing, the installation is incomplete."),
            )
        )
        self.window.show_readiness(self.tr("Not connected"))

    @Slot()
    def _on_session_reset_started(self) -> None:
        self.wizard.wipe_pages()
        self.waiting_panel.show_progress(
            lambda: (
                self.tr("Resetting the training data…"),
                self.tr("Every change is undone. The same users come back with the same passwords."),
            )
        )
        self._set_ready(False)

    @Slot(object)
    def _on_session_training_reset(self, settings: ConnectionSettings) -> None:
        self._show_wizard(settings)
        # In the page's own message area: it goes away with the next step.
        self.wizard.tell(
            lambda: {"kind": BannerKind.INFO, "text": self.tr("Training data reset: every user is back to the start.")}
        )

    @Slot(str)
    def _on_session_reset_failed(self, message: str) -> None:
        self.waiting_panel.show_failure(lambda: (self.tr("Resetting the training data failed"), message))
        self.banner.set_ready(False, message)

    @Slot(object)
    def _on_connection_changed(self, settings: ConnectionSettings) -> None:
        if not self.session.environment.running:
            return
        if is_training_endpoint(settings):
            if settings.name != TRAINING_PROFILE_NAME:
                # Typed on the connection page: still the training pool, and
                # its audit records must say so.
                QTimer.singleShot(
                    0,
                    self,
                    lambda: self.controller.connect_to(dataclasses.replace(settings, name=TRAINING_PROFILE_NAME)),
                )
            return
        log.warning("training mode refused a connection that is not on this computer")
        # Not from inside the controller's own signal: let connect_to finish.
        QTimer.singleShot(0, self, self._restore_training_connection)

    @Slot()
    def _restore_training_connection(self) -> None:
        settings = self.session.settings
        self.controller.connect_to(settings)
        self.wizard.use_connection(settings)
        if self._refusal_box is None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Training mode"),
                self.tr("Training mode only connects to the training pool on this computer."),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setObjectName("trainingRefusalBox")
            box.setInformativeText(
                arg(self.tr("To enroll real users, quit and start %1 without --demo."), "cogtotp-gui")
            )
            box.finished.connect(self._on_refusal_box_finished)
            self._refusal_box = box
            box.open()

    @Slot(int)
    def _on_refusal_box_finished(self, _result: int) -> None:
        box, self._refusal_box = self._refusal_box, None
        if box is not None:
            box.deleteLater()


def install_training(window: MainWindow, *, environment: TrainingEnvironment | None = None) -> TrainingMode:
    """Make ``window`` the training wizard; the pool starts after its first paint.

    The window should have been built with :func:`training_gateway_factory`
    (``start_training`` does). ``environment`` lets tests share one emulator.
    """
    return TrainingMode(window, environment=environment)
