"""Saved connections in the window: choosing one, editing them, reconnecting.

:class:`SavedConnections` belongs to the main window. It owns the
:class:`~cogtotp_gui.connections.store.ProfileStore` (opened after the first
paint: reading settings is not what the first page should wait for), opens
the settings dialog, and turns "use this profile" into a new connection:

* while an enrollment is in progress it asks first, and wipes that user if
  the operator agrees;
* where the computer has no usable keyring, it asks for the app client
  secret once per run and keeps it in memory only (``ProfileStore`` does);
  the keyring itself is asked on a worker (a backend can block for
  seconds), so the window stays usable while it answers;
* it remembers the profile as the one to start with next time.

:class:`~cogtotp_gui.ui.connections.profile_picker.ProfilePicker` is the compact row
at the top of the first page that talks to it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QObject, Signal, Slot

from cogtotp_gui.enrollment.settings import SettingsError, SignInMode
from cogtotp_gui.ui.common import messages
from cogtotp_gui.ui.common.widgets import show_plain

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

    from cogtotp_gui.connections.model import Preferences, Profile
    from cogtotp_gui.connections.store import ProfileStore, SecretState
    from cogtotp_gui.enrollment.settings import ConnectionSettings
    from cogtotp_gui.ui.common.tasks import BackgroundTask
    from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog
    from cogtotp_gui.ui.wizard.controller import Controller

log = logging.getLogger(__name__)


# Width of the client-secret prompt: room for the sentence on a few lines.
PROMPT_WIDTH = 480


class ConnectionWizardPort(Protocol):
    """What choosing a connection does to the wizard: the user goes, the new connection's first page comes."""

    def start_next_user(self) -> None: ...

    def use_connection(
        self,
        settings: ConnectionSettings | None,
        prefill: dict[str, object] | None = None,
        aws_profile: str | None = None,
    ) -> None: ...


class ConnectionsHost(Protocol):
    """The window saved connections belong to (the main window is one)."""

    @property
    def controller(self) -> Controller: ...

    @property
    def wizard(self) -> ConnectionWizardPort: ...


class SavedConnections(QObject):
    """The window's saved connections.

    Args:
        window: the main window (the Qt parent).
        host: the same window, as its port (its controller and wizard).
        store: where profiles live; ``None`` opens the operator's own
            settings when first needed (tests pass a store of their own).

    Attributes:
        ready: the first paint is done; the store may be read.

    Signals:
        profiles_changed(): the list of profiles (or the one in use) changed.
        preferences_changed(object): new Preferences were saved.
    """

    profiles_changed = Signal()
    preferences_changed = Signal(object)

    def __init__(self, window: QWidget, host: ConnectionsHost, store: ProfileStore | None = None) -> None:
        super().__init__(window)
        self.setObjectName("savedConnections")
        self.controller = host.controller
        self._store = store
        self.ready = False
        self._allow_switching = True
        self._asked_secret: set[str] = set()  # profiles whose secret was asked for this run
        self._pending: tuple[str, bool] | None = None  # (profile, confirmed) while a box is open
        self._confirm_box: QMessageBox | None = None
        self._secret_prompt: QInputDialog | None = None
        self._secret_question: BackgroundTask[SecretState] | None = None  # the keyring, asked on a worker
        self.dialog: SettingsDialog | None = None

    @property
    def window(self) -> QWidget:
        """The window (the Qt parent; never kept in an attribute: a reference
        back to the window would make it cyclic garbage, which Python's
        collector would then destroy at a random moment)."""
        return cast("QWidget", self.parent())

    @property
    def _host(self) -> ConnectionsHost:
        """The same window, as the port this uses."""
        return cast("ConnectionsHost", self.parent())

    # -- the store -------------------------------------------------------------

    @property
    def store(self) -> ProfileStore:
        if self._store is None:
            from cogtotp_gui.connections.store import ProfileStore

            self._store = ProfileStore()
        return self._store

    @store.setter
    def store(self, store: ProfileStore) -> None:
        self._store = store
        if self.ready:
            self.profiles_changed.emit()
            self.refresh_pickers()

    def last_folder(self) -> str | None:
        """The folder of the last file saved or opened (``ui/common/files.py``)."""
        return self.store.last_folder()

    def set_last_folder(self, folder: str) -> None:
        self.store.set_last_folder(folder)

    def profiles(self) -> list[Profile]:
        return self.store.list() if self.ready else []

    @property
    def current_name(self) -> str | None:
        """The saved profile the window is connected with, if any."""
        settings = self.controller.settings
        if settings is None or not settings.name:
            return None
        if not self.ready:
            return settings.name  # the store is not read before the first paint
        profile = self.store.get(settings.name)
        return profile.name if profile is not None else None

    @property
    def allow_switching(self) -> bool:
        return self._allow_switching

    @allow_switching.setter
    def allow_switching(self, allowed: bool) -> None:
        """Training mode keeps to its own connection: no pickers there."""
        self._allow_switching = allowed
        self.refresh_pickers()

    def refresh_pickers(self) -> None:
        from cogtotp_gui.ui.connections.profile_picker import ProfilePicker

        for picker in self.window.findChildren(ProfilePicker):
            picker.refresh()

    # -- start-up ----------------------------------------------------------------

    def activate(self) -> Preferences | None:
        """After the first paint: read the store, fill the pickers, and ask
        for the secret of the profile in use if it needs one.

        Returns:
            The preferences, for the window to apply (None if unreadable).
        """
        self.ready = True
        preferences = None
        try:
            preferences = self.store.preferences()
            name = self.current_name
            if name is not None:
                self._remember(name)
        except Exception as exc:
            log.warning("could not read the saved connections: %s", type(exc).__name__)
        self.profiles_changed.emit()
        self.refresh_pickers()
        name = self.current_name
        settings = self.controller.settings
        if name is not None and settings is not None and not settings.client_secret:
            # Connected without a secret: one may be needed (no keyring: ask for it).
            self._ask_keyring(
                name, lambda state: self._needs_secret_prompt(name, state) and self.choose(name, reload=True)
            )
        return preferences

    # -- choosing ---------------------------------------------------------------------

    def choose(self, name: str, *, reload: bool = False) -> bool:
        """Connect with the saved profile ``name``.

        Asks first if an enrollment is in progress, and for the client
        secret where there is no keyring; both answers arrive later, so the
        connection may change after this returns.

        Args:
            name: the profile.
            reload: connect again even if it is the profile in use (it was
                edited, or its secret is now known).

        Returns:
            Whether the choice goes ahead (False: refused or nothing to do).
        """
        if not self._allow_switching or self._pending is not None:
            return False
        profile = self.store.get(name)
        if profile is None:
            return False
        if not reload and self.current_name == profile.name:
            return False
        self._pending = (profile.name, False)
        if self.controller.enrollment_in_progress:
            self._ask_to_switch(profile.name)
        else:
            self._continue()
        return True

    def _continue(self) -> None:
        """The next step of a pending choice: the keyring, the secret, then connecting."""
        if self._pending is not None:
            self._ask_keyring(self._pending[0], self._on_keyring_answered)

    def _ask_keyring(self, name: str, then: Callable[[SecretState], object]) -> None:
        """What the store holds of ``name``'s secret; the keyring is asked on
        a worker, ``then(state)`` comes on the UI thread. A question still
        on its way is dropped (its answer would be for an older choice)."""
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        if self._secret_question is not None:
            self._secret_question.abandon()
        self._secret_question = (
            BackgroundTask(self.store.secret_lookup(name), owner=self)
            .success(then)
            .finally_(self._on_keyring_question_done)
            .run_in_background()
        )

    def _on_keyring_question_done(self) -> None:
        self._secret_question = None

    def _on_keyring_answered(self, state: SecretState) -> None:
        if self._pending is None:
            return
        name = self._pending[0]
        if self._needs_secret_prompt(name, state):
            self._ask_secret(name)
        else:
            self._connect(state.secret)

    def _needs_secret_prompt(self, name: str, state: SecretState) -> bool:
        return name not in self._asked_secret and not state.secret and not state.keyring

    def _connect(self, secret: str | None) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        name, _confirmed = pending
        profile = self.store.get(name)
        if profile is None:
            return
        try:
            settings = profile.to_connection_settings(secret)
        except SettingsError as error:
            self._show_problem(messages.error_message(error))
            return
        aws_profile = profile.aws_profile if profile.mode is SignInMode.ADMIN else None
        wizard = self._host.wizard
        if self.controller.enrollment_in_progress:
            wizard.start_next_user()  # the operator agreed: nothing of this user stays
        self.controller.connect_to(settings, aws_profile, session_ttl=profile.session_ttl_s)
        wizard.use_connection(settings, None, aws_profile)
        self._remember(profile.name)
        self.profiles_changed.emit()
        self.refresh_pickers()

    def _remember(self, name: str) -> None:
        try:
            if self.store.preferences().last_profile != name:
                self.store.set_last_profile(name)
        except OSError as exc:
            log.warning("could not remember the last connection: %s", exc.strerror or type(exc).__name__)

    def _cancel_pending(self) -> None:
        self._pending = None
        self.refresh_pickers()  # back to the connection in use

    # -- asking ---------------------------------------------------------------------------

    def _ask_to_switch(self, name: str) -> None:
        from cogtotp_gui.ui.common.msgbox import confirm_stop

        user = self.controller.view.username or ""
        self._confirm_box = confirm_stop(
            self.window,
            title=self.tr("Switch the connection?"),
            text=messages.arg(self.tr("Switch to “%1” and stop enrolling %2?"), name, user)
            if user
            else messages.arg(self.tr("Switch to “%1” and stop this enrollment?"), name),
            informative=self.tr(
                "Everything typed for this user is wiped. The account keeps its current sign-in method."
            ),
            stop=self.tr("&Switch and start over"),
            stop_name="confirmSwitchButton",
            keep_name="keepEnrollingButton",
            on_answer=self._on_switch_answered,
            name="switchConnectionConfirmBox",
        )

    def _on_switch_answered(self, switch: bool) -> None:
        self._confirm_box = None
        if switch and self._pending:
            self._pending = (self._pending[0], True)
            self._continue()
        else:
            self._cancel_pending()

    def _ask_secret(self, name: str) -> None:
        from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit

        prompt = QInputDialog(self.window)
        prompt.setObjectName("clientSecretPrompt")
        prompt.setInputMode(QInputDialog.InputMode.TextInput)
        prompt.setTextEchoMode(QLineEdit.EchoMode.Password)
        prompt.setWindowTitle(self.tr("App client secret"))
        prompt.setLabelText(
            messages.arg(
                self.tr(
                    "Type the app client secret of “%1”. This computer has no keyring, so it is kept only until the "
                    "app closes. Leave it empty if the app client has no secret."
                ),
                name,
            )
        )
        prompt.setOkButtonText(self.tr("&Connect"))
        prompt.setCancelButtonText(self.tr("Cancel"))
        # QInputDialog never wraps its label: the sentence would make the
        # dialog wider than a laptop screen (≈1,400 px in Japanese).
        for label in prompt.findChildren(QLabel):
            label.setWordWrap(True)
        show_plain(prompt)  # the connection's name as typed
        prompt.setMinimumWidth(PROMPT_WIDTH)
        edit = prompt.findChild(QLineEdit)
        if edit is not None:
            edit.setObjectName("clientSecretPromptEdit")
            edit.setAccessibleName(self.tr("App client secret"))
        prompt.finished.connect(self._on_secret_prompt_finished)
        self._secret_prompt = prompt
        prompt.open()

    @Slot(int)
    def _on_secret_prompt_finished(self, result: int) -> None:
        prompt, self._secret_prompt = self._secret_prompt, None
        if prompt is None:
            return
        secret = prompt.textValue().strip()
        prompt.setTextValue("")  # the dialog must not keep the secret
        prompt.deleteLater()
        self.window.activateWindow()
        if not result or self._pending is None:
            self._cancel_pending()
            return
        name = self._pending[0]
        if secret:
            try:
                self.store.set_client_secret(name, secret)
            except SettingsError as error:
                self._show_problem(messages.error_message(error))
                self._ask_secret(name)
                return
        self._asked_secret.add(name)
        self._continue()  # connects: the secret is in the store's memory now (or none is wanted)

    def _show_problem(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Saved connection"), text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setObjectName("savedConnectionProblemBox")
        show_plain(box)  # names and paths as typed
        box.finished.connect(box.deleteLater)
        box.open()

    # -- the settings dialog -------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        """Show the settings dialog (the one already open, if any)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog

        kwargs: dict[str, Any] = {"audit_dir": self.controller.audit.directory, "parent": self.window}
        # "Test connection" builds its gateway the way the window does (training's guard included).
        kwargs["gateway_factory"] = self.controller.gateway_factory
        dialog = SettingsDialog(self.store, **kwargs)
        dialog.profiles_changed.connect(self._on_dialog_profiles_changed)
        dialog.profile_saved.connect(self._on_dialog_profile_saved)
        dialog.preferences_changed.connect(self.preferences_changed)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _on_dialog_profiles_changed(self) -> None:
        self.profiles_changed.emit()
        self.refresh_pickers()

    @Slot(str)
    def _on_dialog_profile_saved(self, name: str) -> None:
        settings = self.controller.settings
        if settings is None or (settings.name and settings.name.casefold() == name.casefold()):
            # No connection yet, or the one in use was edited: use it now.
            self.choose(name, reload=True)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.window.activateWindow()
