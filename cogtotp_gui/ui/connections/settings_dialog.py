"""The settings dialog: saved connections and app preferences.

Left, the profiles (IT-managed ones first, read-only); right, the selected
profile's form, checked as it is typed with a message under each wrong
field, and "Test connection", which asks Cognito on a worker thread; below,
the preferences (language, idle timeout, clipboard clearing) and the audit
folder.

Every visible string goes through ``QCoreApplication.translate("Settings",
...)`` and is set again on ``QEvent.LanguageChange``, so switching the
language here re-labels this dialog at once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui import i18n
from cogtotp_gui.connections.model import (
    CLIPBOARD_CLEAR_RANGE,
    IDLE_TIMEOUT_RANGE,
    Preferences,
    Profile,
    profile_field_error,
)
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.enrollment.audit import default_audit_dir
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError
from cogtotp_gui.names import LANGUAGE_CHOICES
from cogtotp_gui.ui.common import messages
from cogtotp_gui.ui.common.tasks import BackgroundTask, SingleFlight
from cogtotp_gui.ui.connections.connection_form import ConnectionForm

log = logging.getLogger(__name__)

GatewayFactory = Callable[[ConnectionSettings, "str | None"], Any]

# lupdate finds calls named "translate" with a literal context and text.
translate = QCoreApplication.translate


class SavedSecret(NamedTuple):
    """What the keyring said of the connection shown (never the secret itself)."""

    stored: bool  # a secret is kept for it (keyring, or this run's memory)
    keyring: bool  # where: the keyring (else memory, until the app closes)


NO_SAVED_SECRET = SavedSecret(stored=False, keyring=False)


def settings_message(error: SettingsError) -> str:
    """The sentence for a settings error, for the line under its field.

    Sentences live in ``messages.py`` (one wording per key across the app);
    only where this form needs other words is there an override here: it
    asks for the session validity in seconds, the sentence there in minutes.
    """
    if error.message_key == "settings.session_ttl":
        return translate(
            "Settings", "Type a number of seconds from 180 to 900, or leave it empty for Cognito's default (180)."
        )
    return messages.error_message(error)


class SettingsDialog(QDialog):
    """Edit saved connections and preferences.

    Args:
        store: where profiles, secrets and preferences live.
        audit_dir: the audit folder to open (``None``: the default one).
        gateway_factory: builds the gateway "Test connection" uses, from the
            settings and the AWS profile name; tests pass a stub.
        apply_language: install the chosen language at once (the app's
            normal case); tests of other behaviour may turn it off.
        parent: the owning widget.

    Signals:
        profiles_changed(): a profile was saved or deleted.
        profile_saved(str): the profile of this name was saved (so the
            window can reconnect if it is the one in use).
        preferences_changed(object): new :class:`Preferences` were saved.
        connection_checked(bool): a connection test finished (True: it worked).
    """

    profiles_changed = Signal()
    profile_saved = Signal(str)
    preferences_changed = Signal(object)
    connection_checked = Signal(bool)

    def __init__(
        self,
        store: ProfileStore,
        *,
        audit_dir: str | os.PathLike[str] | None = None,
        gateway_factory: GatewayFactory | None = None,
        apply_language: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.store = store
        self.audit_dir = Path(audit_dir) if audit_dir is not None else default_audit_dir()
        self._gateway_factory = gateway_factory or (
            lambda settings, aws_profile: CognitoGateway(settings, aws_profile=aws_profile)
        )
        self._apply_language = apply_language
        self._profiles: dict[str, Profile] = {}  # as listed, by name
        self._editing: Profile | None = None  # the saved profile the form shows, if any
        self._errors: dict[str, SettingsError] = {}
        self._test = SingleFlight()  # "Test connection": one at a time
        # The keyring's answer for the connection shown (None: still asking,
        # on a worker: a backend can block for seconds) and the question.
        self._saved_secret: SavedSecret | None = NO_SAVED_SECRET
        self._secret_question: BackgroundTask[SavedSecret] | None = None
        self._unsaved_box: QMessageBox | None = None  # "Save the changes?" while it is open
        self._status: Callable[[], str] | None = None  # renders the status line in the current language
        # The form as last loaded or saved; None while the list is being
        # reloaded on purpose (nothing to guard then).
        self._clean: dict[str, object] | None = None

        self._build()
        self._retranslate()
        self._load_preferences()
        self._reload_list(select=self.store.preferences().last_profile)
        if self.profile_list.currentItem() is None:
            self._start_new()

    # -- construction -------------------------------------------------------------

    def _build(self) -> None:
        self.profile_list = QListWidget(self)
        self.profile_list.setObjectName("profileList")
        self.profile_list.currentItemChanged.connect(self._on_current_item_changed)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newProfileButton")
        self.new_button.clicked.connect(self._start_new)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("deleteProfileButton")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setWordWrap(True)

        left = QVBoxLayout()
        self.list_label = QLabel(self)
        self.list_label.setBuddy(self.profile_list)
        left.addWidget(self.list_label)
        left.addWidget(self.profile_list, 1)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)
        left.addLayout(list_buttons)
        left.addWidget(self.problems_label)

        # -- the profile form: the one connection form, with this dialog's rows --
        self.managed_label = QLabel(self)
        self.managed_label.setObjectName("managedLabel")
        self.managed_label.setWordWrap(True)
        self.connection_form = form = ConnectionForm(self, message=settings_message)
        form.check_aws_profile_name = True  # stored in the settings: a name's shape is checked
        form.secret_placeholder = self._secret_placeholder
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.sms_combo = QComboBox(self)
        self.sms_combo.setObjectName("smsAfterCombo")
        self.sms_combo.addItem("", "disable")
        self.sms_combo.addItem("", "keep")
        self.ttl_edit = QLineEdit(self)
        self.ttl_edit.setObjectName("sessionTtlEdit")
        # A team campaign this connection's desk works on (docs/team-campaigns.md).
        self.campaign_edit = QLineEdit(self)
        self.campaign_edit.setObjectName("campaignEdit")
        self.campaign_table_edit = QLineEdit(self)
        self.campaign_table_edit.setObjectName("campaignTableEdit")
        self.forget_secret_check = QCheckBox(self)
        self.forget_secret_check.setObjectName("forgetSecretCheck")
        # Pasted secrets often bring a space or line break along: trimmed, and said.
        self.secret_trimmed_note = QLabel(self)
        self.secret_trimmed_note.setObjectName("secretTrimmedNote")
        self.secret_trimmed_note.setWordWrap(True)
        self.secret_trimmed_note.hide()
        form.add_row(
            "name",
            self.name_edit,
            lambda: (translate("Settings", "Na&me:"), translate("Settings", "Connection name")),
            self._check_name,
            first=True,
        )
        form.add_below_secret(self.forget_secret_check, self.secret_trimmed_note)
        form.add_row(
            "sms_after",
            self.sms_combo,
            lambda: (
                translate("Settings", "SMS a&fter enrollment:"),
                translate("Settings", "What happens to SMS after enrollment"),
            ),
        )
        form.add_row(
            "session_ttl_s",
            self.ttl_edit,
            lambda: (
                translate("Settings", "SMS cod&e valid for (s):"),
                translate("Settings", "How many seconds an SMS code is valid, optional"),
            ),
            lambda text: profile_field_error("session_ttl_s", text),
        )
        form.add_row(
            "campaign",
            self.campaign_edit,
            lambda: (
                translate("Settings", "Team campaign to &join (optional):"),
                translate("Settings", "Team campaign this desk works on, optional"),
            ),
            lambda text: profile_field_error("campaign", text),
        )
        form.add_row(
            "campaign_table",
            self.campaign_table_edit,
            lambda: (
                translate("Settings", "Table that trac&ks the campaign:"),
                translate("Settings", "The team campaign's DynamoDB table"),
            ),
            lambda text: profile_field_error("campaign_table", text),
        )
        self.inputs = form.inputs
        self.error_labels = form.error_labels
        self.pool_edit, self.client_edit, self.secret_edit = form.user_pool_id, form.client_id, form.client_secret
        self.region_edit, self.issuer_edit, self.endpoint_edit = form.region, form.issuer, form.endpoint_url
        self.user_mode, self.admin_mode = form.user_mode, form.admin_mode
        self.aws_profile_combo, self.aws_profile_edit = form.aws_profile_combo, form.aws_profile
        form.edited.connect(self._on_edited)
        form.secret_trimmed.connect(self._on_secret_trimmed)
        self.forget_secret_check.toggled.connect(self._validate)

        self.test_button = QPushButton(self)
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self._on_test_clicked)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveProfileButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)

        self.profile_box = QGroupBox(self)
        profile_layout = QVBoxLayout(self.profile_box)
        profile_layout.addWidget(self.managed_label)
        profile_layout.addWidget(form)
        profile_layout.addLayout(actions)
        profile_layout.addWidget(self.status_label)

        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.profile_box, 2)

        # -- preferences --
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("languageCombo")
        for code in LANGUAGE_CHOICES:
            self.language_combo.addItem("", code)
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setObjectName("idleTimeoutSpin")
        self.idle_spin.setRange(*IDLE_TIMEOUT_RANGE)
        self.clipboard_spin = QSpinBox(self)
        self.clipboard_spin.setObjectName("clipboardClearSpin")
        self.clipboard_spin.setRange(*CLIPBOARD_CLEAR_RANGE)
        self.audit_button = QPushButton(self)
        self.audit_button.setObjectName("openAuditFolderButton")
        self.audit_button.clicked.connect(self._on_open_audit_clicked)
        self.audit_path_label = QLabel(str(self.audit_dir), self)
        self.audit_path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.audit_path_label.setWordWrap(True)
        self.preferences_box = QGroupBox(self)
        preferences_form = QFormLayout(self.preferences_box)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.idle_label = QLabel(self)
        self.idle_label.setBuddy(self.idle_spin)
        self.clipboard_label = QLabel(self)
        self.clipboard_label.setBuddy(self.clipboard_spin)
        preferences_form.addRow(self.language_label, self.language_combo)
        preferences_form.addRow(self.idle_label, self.idle_spin)
        preferences_form.addRow(self.clipboard_label, self.clipboard_spin)
        # Shown when a policy (Group Policy, managed preferences) locks some of the above.
        self.policy_label = QLabel(self)
        self.policy_label.setObjectName("policyNote")
        self.policy_label.setWordWrap(True)
        self.policy_label.hide()
        preferences_form.addRow(self.policy_label)
        audit_row = QHBoxLayout()
        audit_row.addWidget(self.audit_button)
        audit_row.addWidget(self.audit_path_label, 1)
        preferences_form.addRow(audit_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(self.preferences_box)
        outer.addWidget(self.buttons)

    def _retranslate(self) -> None:
        """Set every visible text (again, after a language change)."""
        self.setWindowTitle(translate("Settings", "Settings"))
        self.list_label.setText(translate("Settings", "Sa&ved connections:"))
        self.profile_list.setAccessibleName(translate("Settings", "Saved connections"))
        self.new_button.setText(translate("Settings", "&New"))
        self.new_button.setAccessibleName(translate("Settings", "New connection"))
        self.delete_button.setText(translate("Settings", "&Delete"))
        self.delete_button.setAccessibleName(translate("Settings", "Delete connection"))
        self.profile_box.setTitle(translate("Settings", "Connection"))
        self.forget_secret_check.setText(translate("Settings", "Forget the saved secret"))
        self.forget_secret_check.setAccessibleName(translate("Settings", "Forget the saved client secret"))
        self.sms_combo.setItemText(0, translate("Settings", "Switch SMS off"))
        self.sms_combo.setItemText(1, translate("Settings", "Keep SMS as a fallback"))
        self.ttl_edit.setPlaceholderText(translate("Settings", "180 (Cognito's default)"))
        self.test_button.setText(translate("Settings", "&Test connection"))
        self.test_button.setAccessibleName(translate("Settings", "Test connection"))
        self.save_button.setAccessibleName(translate("Settings", "Save connection"))
        self.status_label.setAccessibleName(translate("Settings", "Status"))
        self.managed_label.setAccessibleName(translate("Settings", "Managed connection"))
        self.problems_label.setAccessibleName(translate("Settings", "Connections that could not be read"))
        self.preferences_box.setTitle(translate("Settings", "Preferences"))
        self.language_label.setText(translate("Settings", "Lan&guage:"))
        self.language_combo.setAccessibleName(translate("Settings", "Language"))
        self.language_combo.setItemText(0, translate("Settings", "System"))
        # Each language names itself, so it can be found whatever is shown now.
        self.language_combo.setItemText(1, "English")
        self.language_combo.setItemText(2, "日本語")
        self.idle_label.setText(translate("Settings", "Wipe after inactivit&y:"))
        self.idle_spin.setAccessibleName(
            translate("Settings", "Seconds of inactivity before the wizard wipes the current user")
        )
        self.idle_spin.setSuffix(translate("Settings", " s"))
        self.clipboard_label.setText(translate("Settings", "Clear the clip&board after:"))
        self.clipboard_spin.setAccessibleName(
            translate("Settings", "Seconds before a copied setup key is removed from the clipboard")
        )
        self.clipboard_spin.setSuffix(translate("Settings", " s"))
        self.audit_button.setText(translate("Settings", "S&how audit folder"))
        self.audit_button.setAccessibleName(translate("Settings", "Show audit folder"))
        self.audit_path_label.setAccessibleName(translate("Settings", "Audit folder"))
        self._show_locked_preferences()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(translate("Settings", "Close"))
        self._refresh_list_texts()
        self._refresh_form_state()
        self._show_status_again()

    def reject(self) -> None:
        """Close, Escape or the window's close button: unsaved edits are
        saved, discarded or kept open, as the operator chooses."""
        self._after_unsaved_changes(super().reject)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- the list -------------------------------------------------------------------

    def _reload_list(self, select: str | None = None) -> None:
        self._profiles = {profile.name: profile for profile in self.store.list()}
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for name in self._profiles:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.profile_list.addItem(item)
        self.profile_list.blockSignals(False)
        self._refresh_list_texts()
        wanted = (select or "").casefold()
        for row, name in enumerate(self._profiles):
            if name.casefold() == wanted:
                self.profile_list.setCurrentRow(row)  # shows it, via currentItemChanged
                break

    def _refresh_list_texts(self) -> None:
        for index in range(self.profile_list.count()):
            item = self.profile_list.item(index)
            profile = self._profiles[item.data(Qt.ItemDataRole.UserRole)]
            if profile.managed:
                item.setText(messages.arg(translate("Settings", "%1 (managed by IT)"), profile.name))
                item.setToolTip(
                    messages.arg(translate("Settings", "Provided by IT in %1; read-only."), profile.source or "")
                )
            else:
                item.setText(profile.name)
                item.setToolTip("")
        problems = self.store.problems
        if problems:
            lines = [
                messages.arg(
                    translate("Settings", "The managed connection “%1” in %2 was skipped: %3"),
                    p.profile,
                    p.source,
                    settings_message(SettingsError(p.field, p.message_key, p.expected)),
                )
                for p in problems
            ]
            self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(bool(problems))

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_item_changed(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        target = current.data(Qt.ItemDataRole.UserRole)
        if self.has_unsaved_changes():
            # Back to the row being edited while the operator decides (the
            # question is modal), so a Cancel leaves everything as it was.
            self.profile_list.blockSignals(True)
            if previous is not None:
                self.profile_list.setCurrentItem(previous)
            else:
                self.profile_list.setCurrentRow(-1)
                self.profile_list.clearSelection()
            self.profile_list.blockSignals(False)

            def go() -> None:
                self._clean = None  # saved or discarded: now go where the operator asked
                self._reload_list(select=target)

            self._after_unsaved_changes(go)
            return
        self._show_profile(self._profiles.get(target))

    # -- the form ---------------------------------------------------------------------

    def _set_form(self, profile: Profile | None) -> None:
        values = {
            "name": profile.name if profile else "",
            "user_pool_id": profile.user_pool_id if profile else "",
            "client_id": profile.client_id if profile else "",
            "client_secret": "",
            "region": (profile.region or "") if profile else "",
            "mode": profile.mode.value if profile else "user",
            "aws_profile": (profile.aws_profile or "") if profile else "",
            "issuer": profile.issuer if profile else Profile.issuer,
            "endpoint_url": (profile.endpoint_url or "") if profile else "",
            "sms_after": profile.sms_after.value if profile else "disable",
            "session_ttl_s": str(profile.session_ttl_s) if profile and profile.session_ttl_s else "",
            "campaign": (profile.campaign or "") if profile else "",
            "campaign_table": (profile.campaign_table or "") if profile else "",
        }
        self.connection_form.set_values(values, touched=False)
        self.forget_secret_check.setChecked(False)
        self._clean = self._form_snapshot()

    def _form_snapshot(self) -> dict[str, object]:
        return {
            **self.form_values(),
            "client_secret": self.secret_edit.text(),
            "forget": self.forget_secret_check.isChecked(),
        }

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from the connection as loaded or saved."""
        return self._clean is not None and self._form_snapshot() != self._clean

    def _after_unsaved_changes(self, proceed: Callable[[], object]) -> None:
        """Before the form is replaced: ``proceed()`` at once if nothing is
        unsaved; else ask (Save, Discard, Cancel) and proceed once saved or
        discarded. Cancel, or a save that fails (the form shows why), leaves
        everything as it was. One question at a time."""
        if not self.has_unsaved_changes():
            proceed()
            return
        if self._unsaved_box is not None:
            self._unsaved_box.raise_()
            return
        from cogtotp_gui.ui.common.msgbox import Choice, Role, confirm

        name = self.name_edit.text().strip() or (self._editing.name if self._editing else "")
        question = (
            messages.arg(translate("Settings", "Save the changes to “%1”?"), name)
            if name
            else translate("Settings", "Save the new connection?")
        )

        def answered(role: QMessageBox.ButtonRole | None) -> None:
            self._unsaved_box = None
            if role == Role.DestructiveRole or (role == Role.AcceptRole and self._save()):
                proceed()

        self._unsaved_box = confirm(
            self,
            title=translate("Settings", "Unsaved changes"),
            text=question + "\n\n" + translate("Settings", "If you don't, what you typed here is lost."),
            choices=(
                Choice(QMessageBox.StandardButton.Save, Role.AcceptRole),
                Choice(QMessageBox.StandardButton.Discard, Role.DestructiveRole),
                Choice(QMessageBox.StandardButton.Cancel, Role.RejectRole),
            ),
            default=Role.RejectRole,
            escape=Role.RejectRole,
            on_answer=answered,
            name="unsavedChangesBox",
        )

    def _show_profile(self, profile: Profile | None) -> None:
        if profile is None:
            return
        self._editing = profile
        self._look_up_saved_secret()
        self._set_form(profile)
        self.connection_form.touch()  # a saved profile's problems are worth showing at once
        self._set_status(None)
        self._refresh_form_state()

    @Slot()
    def _start_new(self) -> None:
        self._after_unsaved_changes(self._show_new)

    def _show_new(self) -> None:
        self.profile_list.blockSignals(True)
        self.profile_list.setCurrentRow(-1)
        self.profile_list.clearSelection()
        self.profile_list.blockSignals(False)
        self._editing = None
        self._look_up_saved_secret()
        self._set_form(None)
        self.connection_form.untouch()
        self._set_status(None)
        self._refresh_form_state()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def managed(self) -> bool:
        return self._editing is not None and self._editing.managed

    def form_values(self) -> dict[str, Any]:
        """What the form says, as :meth:`Profile.create` takes it."""
        values = self.connection_form.values()
        del values["client_secret"]  # never part of a Profile
        return {
            "name": self.name_edit.text(),
            **values,
            "aws_profile": self.aws_profile_edit.text(),
            "sms_after": self.sms_combo.currentData(),
            "session_ttl_s": self.ttl_edit.text(),
            "campaign": self.campaign_edit.text(),
            "campaign_table": self.campaign_table_edit.text(),
        }

    @Slot(str)
    def _on_edited(self, field: str) -> None:
        self._set_status(None)
        self._refresh_form_state()

    @Slot()
    def _on_secret_trimmed(self) -> None:
        self.secret_trimmed_note.setText(messages.pasted_secret_trimmed())
        self.secret_trimmed_note.show()

    def _refresh_form_state(self) -> None:
        """Read-only for managed profiles, placeholders, then validate."""
        managed = self.managed
        # IT cannot ship secrets: the operator may enter one.
        self.connection_form.set_read_only(managed, except_=("client_secret",))
        self.delete_button.setEnabled(self._editing is not None and not managed)
        if managed and self._editing is not None:
            self.managed_label.setText(
                messages.arg(
                    translate(
                        "Settings",
                        "IT provides this connection (%1). It cannot be changed here; only its client secret can be entered.",
                    ),
                    self._editing.source or "",
                )
            )
        self.managed_label.setVisible(managed)
        self.save_button.setText(translate("Settings", "Save secret") if managed else translate("Settings", "Save"))
        self.secret_edit.setPlaceholderText(self._secret_placeholder())
        self.forget_secret_check.setVisible(self._saved_secret is not None and self._saved_secret.stored)
        self._validate()

    def _look_up_saved_secret(self) -> None:
        """Ask the keyring, on a worker, whether the connection shown has a
        saved secret (the placeholder and "Forget" say so once it answers;
        the form stays usable meanwhile)."""
        if self._editing is None:
            self._secret_known(NO_SAVED_SECRET)
            return
        lookup = self.store.secret_lookup(self._editing.name)

        def ask() -> SavedSecret:
            state = lookup()
            return SavedSecret(stored=state.stored is not None, keyring=state.keyring)

        self._secret_known(None)
        self._secret_question = (
            BackgroundTask(ask, owner=self)
            .success(self._secret_known)
            .failure(lambda _error: self._secret_known(NO_SAVED_SECRET))
            .run_in_background()
        )

    def _secret_known(self, saved: SavedSecret | None) -> None:
        """The connection shown has (or, None: may have) a saved secret; a
        question still on its way for another connection is dropped."""
        question, self._secret_question = self._secret_question, None
        if question is not None and question.running:
            question.abandon()
        self._saved_secret = saved
        self.secret_edit.setPlaceholderText(self._secret_placeholder())
        self.forget_secret_check.setVisible(saved is not None and saved.stored)

    def _secret_placeholder(self) -> str:
        saved = self._saved_secret
        if saved is None:
            return translate("Settings", "looking in the keyring…")
        if saved.stored and saved.keyring:
            return translate("Settings", "saved in the keyring; type to replace")
        if saved.stored:
            return translate("Settings", "kept until the app closes; type to replace")
        return translate("Settings", "only if the app client has one")

    def _check_name(self, name: str) -> SettingsError | None:
        """The name's shape, and that no other connection has it."""
        error = profile_field_error("name", name)
        if error is None and not self.managed:
            error = self._name_error(name)
        return error

    def _name_error(self, name: str) -> SettingsError | None:
        folded = name.strip().casefold()
        existing = next((p for p in self._profiles.values() if p.name.casefold() == folded), None) if folded else None
        if existing is None or (self._editing is not None and existing.name == self._editing.name):
            return None
        if existing.managed:
            return SettingsError("name", "settings.name_managed", "a name not used by a managed profile")
        return SettingsError("name", "settings.name_taken", "a name no other profile uses")

    @Slot()
    def _validate(self) -> bool:
        """Show a message under each wrong, touched field (the secret's at
        once); enable Save when nothing is wrong. Returns whether the form
        is valid."""
        form = self.connection_form
        form.touch("client_secret")
        form.check()
        errors = form.errors()
        if self.managed:
            # Only the secret is editable; the rest is IT's business.
            errors = {k: v for k, v in errors.items() if k == "client_secret"}
        self._errors = errors
        valid = not errors
        if self.managed:
            self.save_button.setEnabled(valid and bool(self.secret_edit.text()))
        else:
            self.save_button.setEnabled(valid)
        connection_fields_ok = not (set(errors) - {"name"})
        self.test_button.setEnabled(connection_fields_ok and not self._test.busy)
        return valid

    def errors(self) -> dict[str, SettingsError]:
        """The current form's problems, by field (for tests and the status bar)."""
        return dict(self._errors)

    # -- status line ------------------------------------------------------------------

    def _set_status(self, render: Callable[[], str] | None) -> None:
        """Show a status sentence. It is kept as a function, not as text, so
        that a language change can render it again in the new language."""
        self._status = render
        self._show_status_again()

    def _show_status_again(self) -> None:
        self.status_label.setText(self._status() if self._status is not None else "")

    # -- saving and deleting ------------------------------------------------------------

    @Slot()
    def _on_save_clicked(self) -> None:
        self._save()

    def _save(self) -> bool:
        """Save the form; returns whether it was saved (if not, the form
        shows why)."""
        self.connection_form.touch()
        if not self._validate():
            return False
        secret = self.secret_edit.text()
        forget = False
        try:
            if self.managed and self._editing is not None:
                persisted = self.store.set_client_secret(self._editing.name, secret)
                name = self._editing.name
            else:
                profile = Profile.create(**self.form_values())
                forget = self.forget_secret_check.isChecked() and not secret
                self.store.save(
                    profile,
                    client_secret="" if forget else (secret or None),
                    previous_name=self._editing.name if self._editing else None,
                )
                persisted = bool(secret) and self.store.keyring_available
                name = profile.name
        except SettingsError as error:
            error = error.with_traceback(None)  # kept: no frames with it
            self._errors[error.field] = error
            if error.field in self.inputs:
                self.connection_form.set_error(error.field, error)
            self.save_button.setEnabled(False)
            return False
        except OSError as error:
            self._show_save_failure(error)
            return False
        self._clean = None  # reloading shows the saved connection (and takes a new snapshot)
        self._reload_list(select=name)
        if secret or forget:  # what the keyring now holds is known: no need to ask it
            self._secret_known(SavedSecret(stored=bool(secret), keyring=persisted))
        self.secret_edit.setText("")
        self._refresh_form_state()
        self._clean = self._form_snapshot()
        if secret and not persisted:
            self._set_status(
                lambda: translate(
                    "Settings",
                    "Saved. This computer has no usable keyring, so the client secret is kept only until the app closes.",
                )
            )
        else:
            self._set_status(lambda: translate("Settings", "Saved."))
        self.profiles_changed.emit()
        self.profile_saved.emit(name)
        return True

    def _show_save_failure(self, error: OSError) -> None:
        reason = error.strerror or str(error)
        self._set_status(lambda: messages.arg(translate("Settings", "The settings could not be saved: %1"), reason))

    @Slot()
    def _on_delete_clicked(self) -> None:
        if self._editing is None or self._editing.managed:
            return
        from cogtotp_gui.ui.common.msgbox import confirm_yes

        confirm_yes(
            self,
            title=translate("Settings", "Delete connection"),
            text=messages.arg(
                translate("Settings", "Delete the connection “%1” and its saved client secret?"), self._editing.name
            ),
            on_yes=self._delete_shown,
            name="deleteConnectionBox",
        )

    def _delete_shown(self) -> None:
        if self._editing is None or self._editing.managed:
            return
        self.store.delete(self._editing.name)
        self._clean = None  # the edits went with the connection
        self._reload_list()
        self._start_new()
        self.profiles_changed.emit()

    # -- test connection ---------------------------------------------------------------

    @Slot()
    def _on_test_clicked(self) -> None:
        if self._test.busy:
            return
        form = self.connection_form
        typed = self.secret_edit.text() or None
        try:
            settings = ConnectionSettings.create(
                **{**form.values(), "client_secret": typed}, sms_after=self.sms_combo.currentData()
            )
        except SettingsError:
            self._validate()
            return
        # Nothing typed: the saved secret, which the worker asks the keyring for.
        saved = None
        if typed is None and self._editing is not None and not self.forget_secret_check.isChecked():
            saved = self.store.secret_lookup(self._editing.name)
        factory, aws_profile = self._gateway_factory, form.aws_profile_name()

        def check() -> object:
            secret = saved().secret if saved is not None else None
            checked = settings.replace(client_secret=secret) if secret else settings
            return factory(checked, aws_profile).check_connection()

        self._test.run(
            BackgroundTask(check, owner=self)
            .success(self._on_test_returned)
            .failure(self._on_test_errored)
            .finally_(self._validate)  # the button again
        )
        self.test_button.setEnabled(False)
        self._set_status(lambda: translate("Settings", "Testing the connection…"))

    @Slot(object)
    def _on_test_returned(self, facts: object) -> None:
        facts = facts if isinstance(facts, dict) else {}
        client_name = str(facts.get("client_name", ""))
        if facts.get("admin_flow") == "False":
            self._set_status(
                lambda: messages.arg(
                    translate(
                        "Settings",
                        "Connected to app client “%1”, but it does not allow admin sign-in. "
                        "Turn on ALLOW_ADMIN_USER_PASSWORD_AUTH for it, or use user sign-in.",
                    ),
                    client_name,
                )
            )
            self.connection_checked.emit(False)
            return
        if client_name:
            self._set_status(
                lambda: messages.arg(
                    translate("Settings", "Connected. The user pool and app client “%1” answered."), client_name
                )
            )
        else:
            self._set_status(lambda: translate("Settings", "Connected. The user pool and app client answered."))
        self.connection_checked.emit(True)

    @Slot(object)
    def _on_test_errored(self, error: object) -> None:
        if isinstance(error, EnrollmentError):
            known, code = error, error.code or error.kind.value
        elif isinstance(error, SettingsError):  # the saved secret has the wrong shape
            reason = settings_message(error)
            self._set_status(lambda: messages.arg(translate("Settings", "The connection test failed: %1"), reason))
            self.connection_checked.emit(False)
            return
        else:  # a bug, not a service answer: name its type, never its text
            known, code = EnrollmentError(ErrorKind.UNEXPECTED, "error.unexpected"), type(error).__name__
        self._set_status(
            lambda: messages.arg(
                translate("Settings", "The connection test failed: %1 (%2)"), messages.error_message(known), code
            )
        )
        self.connection_checked.emit(False)

    # -- preferences -------------------------------------------------------------------

    def _load_preferences(self) -> None:
        preferences = self.store.preferences()
        for widget in (self.language_combo, self.idle_spin, self.clipboard_spin):
            widget.blockSignals(True)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(preferences.language)))
        self.idle_spin.setValue(preferences.idle_timeout_s)
        self.clipboard_spin.setValue(preferences.clipboard_clear_s)
        for widget in (self.language_combo, self.idle_spin, self.clipboard_spin):
            widget.blockSignals(False)
        self._show_locked_preferences()
        self.language_combo.currentIndexChanged.connect(self._on_language_changed)
        self.idle_spin.valueChanged.connect(self._save_preferences)
        self.clipboard_spin.valueChanged.connect(self._save_preferences)

    def _show_locked_preferences(self) -> None:
        """A preference a policy enforces (Group Policy, managed preferences) cannot be changed here."""
        locked = self.store.locked_preferences()
        for key, widget in (
            ("language", self.language_combo),
            ("idle_timeout_s", self.idle_spin),
            ("clipboard_clear_s", self.clipboard_spin),
        ):
            widget.setEnabled(key not in locked)
            widget.setToolTip(translate("Settings", "Set by your organization's policy") if key in locked else "")
        self.policy_label.setText(
            translate("Settings", "Preferences shown greyed out are set by your organization's policy.")
        )
        self.policy_label.setVisible(bool(locked))

    def current_preferences(self) -> Preferences:
        return Preferences(
            language=self.language_combo.currentData(),
            idle_timeout_s=self.idle_spin.value(),
            clipboard_clear_s=self.clipboard_spin.value(),
            last_profile=self.store.preferences().last_profile,
        )

    @Slot()
    def _save_preferences(self) -> None:
        preferences = self.current_preferences()
        try:
            self.store.save_preferences(preferences)
        except OSError as error:
            self._show_save_failure(error)
            return
        self.preferences_changed.emit(preferences)

    @Slot()
    def _on_language_changed(self) -> None:
        self._save_preferences()
        if self._apply_language:
            app = QCoreApplication.instance()
            if app is not None:
                language = self.language_combo.currentData()
                # Installing translators sends LanguageChange to every widget,
                # this dialog included (see changeEvent).
                i18n.install_translations(app, None if language == "system" else language)

    @Slot()
    def _on_open_audit_clicked(self) -> None:
        if not open_folder(self.audit_dir):
            folder = str(self.audit_dir)
            self._set_status(
                lambda: messages.arg(translate("Settings", "The audit folder could not be opened: %1"), folder)
            )


def open_folder(path: str | os.PathLike[str]) -> bool:
    """Show ``path`` in the platform's file manager, creating it if needed.

    Returns:
        Whether the desktop accepted the request.
    """
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("cannot create %s: %s", folder, exc.strerror)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
