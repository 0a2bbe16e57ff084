"""The connection: which user pool and app client, and how to sign in.

Shown first when the command line did not name a complete connection, and
whenever a configuration error sends the operator back here. Each field is
checked as it is typed, on its own, so every wrong field says so at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QButtonGroup, QLabel, QLineEdit, QRadioButton, QSizePolicy, QVBoxLayout, QWidget, QWizard

from cogtotp_gui.enrollment import inputs
from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError, SignInMode
from cogtotp_gui.names import UNUSABLE_PROFILE
from cogtotp_gui.ui.common import messages
from cogtotp_gui.ui.common.widgets import BannerKind, PasswordLineEdit, error_text_style
from cogtotp_gui.ui.connections.aws_profiles import AwsProfileCombo
from cogtotp_gui.ui.connections.profile_picker import ProfilePicker
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage

# Valid stand-ins for the required fields, so one field can be checked alone.
_STAND_INS = {"user_pool_id": "us-east-1_Example0", "client_id": "example0"}
_TEXT_FIELDS = ("user_pool_id", "client_id", "client_secret", "issuer", "region", "endpoint_url")


def field_error(field: str, value: object) -> SettingsError | None:
    """What is wrong with this one field's value, if anything."""
    try:
        ConnectionSettings.create(**{**_STAND_INS, field: value})
    except SettingsError as error:
        # The page keeps it: without the traceback's frames (and their locals).
        return error.with_traceback(None) if error.field == field else None
    return None


_FORM_FIELDS = ("user_pool_id", "client_id", "client_secret", "mode", "issuer", "region", "endpoint_url")


def _same_form_values(a: ConnectionSettings, b: ConnectionSettings) -> bool:
    """Whether the connection form shows the same for ``a`` and ``b``."""
    return all(getattr(a, name) == getattr(b, name) for name in _FORM_FIELDS)


class ConnectionPage(EnrollmentPage):
    page_id = PageId.CONNECTION

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("connectionPage")
        # A saved connection connects at once; the form below is for one typed by hand.
        self.profile_picker = ProfilePicker(controller, self.saved_connections, self)
        self._prefilled: ConnectionSettings | None = None
        self.content.addWidget(self.profile_picker)

        self.user_pool_id = QLineEdit(self)
        self.user_pool_id.setObjectName("userPoolIdEdit")
        self.user_pool_id.setPlaceholderText("eu-west-1_AbCdEf123")
        self.client_id = QLineEdit(self)
        self.client_id.setObjectName("clientIdEdit")
        self.client_secret = PasswordLineEdit(self)
        self.client_secret.setObjectName("clientSecretEdit")
        self.user_mode = QRadioButton(self)
        self.user_mode.setObjectName("userModeRadio")
        self.admin_mode = QRadioButton(self)
        self.admin_mode.setObjectName("adminModeRadio")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.user_mode)
        self.mode_group.addButton(self.admin_mode)
        self.user_mode.setChecked(True)
        # A combo filled from the AWS config (on a worker); typing a name
        # that is not there yet works too.
        self.aws_profile_combo = AwsProfileCombo(self)
        self.aws_profile_combo.setObjectName("awsProfileCombo")
        aws_edit = self.aws_profile_combo.lineEdit()
        assert aws_edit is not None  # an editable combo
        self.aws_profile: QLineEdit = aws_edit
        self.aws_profile.setObjectName("awsProfileEdit")
        self.issuer = QLineEdit(self)
        self.issuer.setObjectName("issuerEdit")
        self.issuer.setText(ConnectionSettings.__dataclass_fields__["issuer"].default)  # type: ignore[arg-type]  # dataclass Field.default is typed as object
        self.region = QLineEdit(self)
        self.region.setObjectName("regionEdit")
        self.endpoint_url = QLineEdit(self)
        self.endpoint_url.setObjectName("endpointUrlEdit")

        self.error_labels: dict[str, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        self._errors: dict[str, SettingsError] = {}
        self._touched: set[str] = set()
        self.form = self.new_form()
        for name, field in (
            ("user_pool_id", self.user_pool_id),
            ("client_id", self.client_id),
            ("client_secret", self.client_secret),
        ):
            self._add_checked_row(name, field)
        modes = QVBoxLayout()
        modes.setSpacing(2)
        modes.addWidget(self.user_mode)
        modes.addWidget(self.admin_mode)
        self.row_labels["mode"] = QLabel(self)
        self.form.addRow(self.row_labels["mode"], modes)
        self.fields["mode"] = self.user_mode
        self.row_labels["aws_profile"] = self.add_row(self.form, "", self.aws_profile_combo, "", "aws_profile")
        for name, field in (("issuer", self.issuer), ("region", self.region), ("endpoint_url", self.endpoint_url)):
            self._add_checked_row(name, field)
        self.content.addLayout(self.form)

        for name in _TEXT_FIELDS:
            edit = self.fields[name]
            assert isinstance(edit, QLineEdit)
            edit.textEdited.connect(lambda _text, name=name: self._on_field_edited(name))
        # Pasted secrets often bring a space or line break along: trimmed on
        # leaving the field (or on Connect), and said (messages.trim_pasted).
        self.client_secret.editingFinished.connect(self._trim_client_secret)
        self.admin_mode.toggled.connect(self._on_admin_mode_toggled)
        self._on_admin_mode_toggled(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Connect to the user pool"))
        self.setSubTitle(
            self.tr("Which Cognito user pool and app client the users belong to. IT can give you these values.")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("C&onnect"))
        self.client_secret.setPlaceholderText(self.tr("only if the app client has one"))
        self.user_mode.setText(self.tr("&User sign-in: no AWS credentials needed"))
        self.admin_mode.setText(self.tr("&Admin sign-in: uses your AWS credentials"))
        self.user_mode.setAccessibleName(self.tr("User sign-in, no AWS credentials needed"))
        self.admin_mode.setAccessibleName(self.tr("Admin sign-in, uses your AWS credentials"))
        self.aws_profile.setPlaceholderText(self.tr("default credentials"))
        self.region.setPlaceholderText(self.tr("taken from the user pool ID"))
        self.endpoint_url.setPlaceholderText(self.tr("AWS (leave empty)"))
        rows = {
            "user_pool_id": (self.tr("User &pool ID:"), self.tr("User pool ID")),
            "client_id": (self.tr("App &client ID:"), self.tr("App client ID")),
            "client_secret": (self.tr("C&lient secret:"), self.tr("App client secret")),
            "mode": (self.tr("Sign-in mode:"), ""),
            "aws_profile": (self.tr("A&WS profile:"), self.tr("AWS profile for admin sign-in")),
            "issuer": (self.tr("&Issuer name:"), self.tr("Issuer name shown in the authenticator app")),
            "region": (self.tr("&Region (optional):"), self.tr("Region, optional")),
            "endpoint_url": (self.tr("&Endpoint URL (optional):"), self.tr("Endpoint URL, optional")),
        }
        for name, (row_text, accessible) in rows.items():
            self.row_labels[name].setText(row_text)
            if accessible:
                self.fields[name].setAccessibleName(accessible)
        self.aws_profile.setAccessibleName(self.tr("AWS profile for admin sign-in"))
        self.aws_profile_combo.setAccessibleDescription(
            self.tr("The profiles of this computer's AWS configuration; leave empty for the default credentials")
        )
        self.client_secret.setAccessibleDescription(self.tr("Only if the app client has one"))
        for name, label in self.error_labels.items():
            error = self._errors.get(name)
            label.setText(messages.error_message(error) if error is not None else "")
            self.fields[name].setToolTip(label.text() if not label.isHidden() else "")
            self.fields[name].setAccessibleDescription(label.text() if not label.isHidden() else "")
        super().retranslate()

    def _add_checked_row(self, name: str, field: QLineEdit) -> None:
        self.row_labels[name] = self.add_row(self.form, "", field, "", name)
        error = QLabel(self)
        error.setObjectName(f"{name}Error")
        error.setWordWrap(True)
        # A word-wrapped label would otherwise keep its narrow size hint.
        error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.form.addRow("", error)
        self.form.setRowVisible(error, False)
        self.error_labels[name] = error

    # -- values ------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        return {
            "user_pool_id": self.user_pool_id.text(),
            "client_id": self.client_id.text(),
            "client_secret": self.client_secret.text(),
            "mode": SignInMode.ADMIN if self.admin_mode.isChecked() else SignInMode.USER,
            "issuer": self.issuer.text(),
            "region": self.region.text(),
            "endpoint_url": self.endpoint_url.text(),
        }

    def prefill(self, values: dict[str, object], aws_profile: str | None = None) -> None:
        """Show a (possibly incomplete) connection; errors show at once."""
        for name in _TEXT_FIELDS:
            value = values.get(name)
            if value is not None:
                edit = self.fields[name]
                assert isinstance(edit, QLineEdit)
                edit.setText(str(value))
                self._touched.add(name)
        mode = values.get("mode")
        if mode is not None:
            admin = (mode if isinstance(mode, str) else getattr(mode, "value", "")).lower() == "admin"
            (self.admin_mode if admin else self.user_mode).setChecked(True)
        if aws_profile:
            self.aws_profile.setText(aws_profile)
        self._check(all_fields=False)
        unusable = values.get(UNUSABLE_PROFILE)
        if unusable:
            self._say_unusable_profile(str(unusable))

    def _say_unusable_profile(self, name: str) -> None:
        """The remembered or named saved connection could not be used as it is."""

        def render() -> dict[str, object]:
            return {
                "kind": BannerKind.WARNING,
                "text": messages.arg(self.tr("The saved connection “%1” cannot be used as it is."), name),
                "hint": self.tr(
                    "A value in it is not valid (marked above). Correct it and connect, or choose another connection."
                ),
            }

        self.banner.show_translated(render)

    def prefill_from(self, settings: ConnectionSettings, aws_profile: str | None) -> None:
        # Connecting again with these very values keeps the connection's
        # name (status bar, audit trail): Back from the sign-in page and
        # Connect must not turn "Production" or "Training" into a nameless one.
        self._prefilled = settings
        self.prefill(
            {
                "user_pool_id": settings.user_pool_id,
                "client_id": settings.client_id,
                "client_secret": settings.client_secret or "",
                "mode": settings.mode,
                "issuer": settings.issuer,
                "region": settings.region or "",
                "endpoint_url": settings.endpoint_url or "",
            },
            aws_profile,
        )

    def _check(self, all_fields: bool) -> str | None:
        """Show each field's problem; return the first wrong field's name."""
        values = self.values()
        first_wrong = None
        for name in _TEXT_FIELDS:
            error = field_error(name, values[name])
            shown = error is not None and (all_fields or name in self._touched)
            if error is not None:
                self._errors[name] = error
            else:
                self._errors.pop(name, None)
            label = self.error_labels[name]
            label.setText(messages.error_message(error) if error is not None else "")
            if shown and not label.styleSheet():
                # Styled when first shown: asking whether high contrast is on
                # builds Qt's enums, which the first paint does without.
                label.setStyleSheet(error_text_style())
            self.form.setRowVisible(label, shown)
            self.fields[name].setToolTip(label.text() if shown else "")
            self.fields[name].setAccessibleDescription(label.text() if shown else "")
            if error is not None and first_wrong is None:
                first_wrong = name
        return first_wrong

    # -- wizard hooks ----------------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        for name in ("user_pool_id", "client_id"):
            if not self.fields[name].text().strip():  # type: ignore[attr-defined]  # a text field: a QLineEdit
                return self.fields[name]
        wrong = self._check(all_fields=False)
        return self.fields[wrong] if wrong else self.user_pool_id

    def submit(self) -> bool:
        self._trim_client_secret()
        wrong = self._check(all_fields=True)
        if wrong is not None:
            self.fields[wrong].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        settings = ConnectionSettings.create(**self.values())
        prefilled = self._prefilled
        if prefilled is not None and prefilled.name and _same_form_values(prefilled, settings):
            settings = prefilled
        profile = inputs.normalize_aws_profile(self.aws_profile.text())
        self.controller.connect_to(settings, profile if settings.mode is SignInMode.ADMIN else None)
        return True

    def wipe(self) -> None:
        self.banner.clear()  # the connection outlives any one user

    def entered(self) -> None:
        self.profile_picker.refresh()
        super().entered()

    def left(self) -> None:
        self.client_secret.conceal()

    # -- slots ---------------------------------------------------------------------------

    @Slot()
    def _trim_client_secret(self) -> None:
        if not messages.trim_pasted(self.client_secret):
            return
        self._touched.add("client_secret")
        self._check(all_fields=False)
        self.banner.show_translated(lambda: {"kind": BannerKind.INFO, "text": messages.pasted_secret_trimmed()})

    def _on_field_edited(self, name: str) -> None:
        self._touched.add(name)
        self._check(all_fields=False)

    @Slot(bool)
    def _on_admin_mode_toggled(self, admin: bool) -> None:
        self.aws_profile_combo.setEnabled(admin)
        if admin:
            self.aws_profile_combo.load_profiles()
