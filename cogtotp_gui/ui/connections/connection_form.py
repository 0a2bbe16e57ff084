"""The connection form: one widget for the wizard's connection page and the
settings dialog.

The fields of a connection (user pool, app client and its secret, sign-in
mode and AWS profile, issuer, region, endpoint), labelled and translated
once, each checked on its own as it is typed with the one per-field check
of :func:`cogtotp_gui.enrollment.settings.field_error`, and a message under
each wrong field. A host adds rows of its own (the settings dialog: the
connection's name, what happens to SMS, the SMS code's validity) with
:meth:`ConnectionForm.add_row`, each with its own check, and they behave
like the built-in ones.

Errors of a field show once it was touched (typed into, or filled from a
saved or command-line value) or when the host asks for all
(:meth:`ConnectionForm.check` with ``all_fields=True``); a fresh form's
empty fields say nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.enrollment import inputs
from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError, field_error, region_from_pool_id
from cogtotp_gui.ui.common import messages
from cogtotp_gui.ui.common.widgets import PasswordLineEdit, error_text_style
from cogtotp_gui.ui.connections.aws_profiles import AwsProfileCombo

# lupdate finds calls named "translate" with a literal context and text.
translate = QCoreApplication.translate

# The text fields of the form, in display order (mode and the AWS profile
# sit between the secret and the issuer).
TEXT_FIELDS = ("user_pool_id", "client_id", "client_secret", "issuer", "region", "endpoint_url")
DEFAULT_ISSUER: str = ConnectionSettings.__dataclass_fields__["issuer"].default  # type: ignore[assignment]  # a str default

FieldCheck = Callable[[str], "SettingsError | None"]


class ConnectionForm(QWidget):
    """The connection's fields with a message under each wrong one.

    Attributes:
        user_pool_id, client_id, issuer, region, endpoint_url: the line edits.
        client_secret: a :class:`PasswordLineEdit` (Alt+S shows it).
        user_mode, admin_mode: the sign-in mode's radio buttons.
        aws_profile_combo, aws_profile: the AWS profile (admin mode) and its line edit.
        inputs: every field's input widget by field name (the hosts' rows too).
        labels: every row's label by field name.
        error_labels: the line under each checked field.

    Signals:
        edited(str): the operator changed this field (typed, chose, toggled).
        secret_trimmed(): spaces or line breaks a paste brought around the
            client secret were taken away (the host says so its own way).
    """

    edited = Signal(str)
    secret_trimmed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        message: Callable[[SettingsError], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectionForm")
        self._message = message or messages.error_message
        self.inputs: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._checks: dict[str, FieldCheck] = {}
        self._errors: dict[str, SettingsError] = {}
        self._touched: set[str] = set()
        self._extra_texts: dict[str, Callable[[], tuple[str, str]]] = {}
        self._descriptions: dict[str, str] = {}
        self._columns: dict[str, QVBoxLayout] = {}
        # Whether the AWS profile's name is checked here (a saved
        # connection stores it); the connection page lets the warm-up say
        # that a profile does not exist, whatever its name.
        self.check_aws_profile_name = False
        # The secret field's placeholder; a host that knows of a stored
        # secret says so instead (the settings dialog).
        self.secret_placeholder: Callable[[], str] = lambda: translate(
            "ConnectionForm", "only if the app client has one"
        )

        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

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
        self.issuer.setText(DEFAULT_ISSUER)
        self.region = QLineEdit(self)
        self.region.setObjectName("regionEdit")
        self.endpoint_url = QLineEdit(self)
        self.endpoint_url.setObjectName("endpointUrlEdit")

        for name in ("user_pool_id", "client_id", "client_secret"):
            self._add(name, getattr(self, name), self._connection_check(name))
        self._add("mode", self.user_mode, None, below=(self.admin_mode,), buddy=False)
        self._add("aws_profile", self.aws_profile, self._aws_profile_check, shown=self.aws_profile_combo)
        for name in ("issuer", "region", "endpoint_url"):
            self._add(name, getattr(self, name), self._connection_check(name))

        for name in TEXT_FIELDS:
            edit = self.inputs[name]
            assert isinstance(edit, QLineEdit)
            edit.textEdited.connect(lambda _text, name=name: self._on_edited(name))
        self.aws_profile.textEdited.connect(lambda _text: self._on_edited("aws_profile"))
        # A name chosen from the list is an edit like a typed one.
        self.aws_profile_combo.textActivated.connect(lambda _text: self._on_edited("aws_profile"))
        self.user_pool_id.textChanged.connect(self._show_region_placeholder)
        # Pasted secrets often bring a space or line break along: trimmed on
        # leaving the field (or on submit, see trim_secret), and said. Not
        # per keystroke: a space typed mid-secret must stay visible (and be
        # refused), not vanish.
        self.client_secret.editingFinished.connect(self.trim_secret)
        self.admin_mode.toggled.connect(self._on_admin_mode_toggled)
        self._on_admin_mode_toggled(False)
        # Chosen by the operator (a click or a key), not set from a value.
        self.mode_group.buttonClicked.connect(lambda _button: self._on_edited("mode"))
        self.retranslate()

    # -- rows ----------------------------------------------------------------------

    def _connection_check(self, name: str) -> FieldCheck:
        return lambda text: field_error(name, text)

    def _aws_profile_check(self, text: str) -> SettingsError | None:
        if not self.admin or not self.check_aws_profile_name:
            return None  # not used in user sign-in; the wizard lets boto3 say
        from cogtotp_gui.connections.model import profile_field_error

        return profile_field_error("aws_profile", text)

    def _add(
        self,
        name: str,
        widget: QWidget,
        check: FieldCheck | None,
        *,
        shown: QWidget | None = None,
        row: int = -1,
        below: tuple[QWidget, ...] = (),
        buddy: bool = True,
    ) -> None:
        label = QLabel(self)
        label.setObjectName(f"{name}Label")
        if buddy:
            label.setBuddy(widget)
        # A layout, not a widget, per row: the connection page is built
        # before the first paint, and every widget there counts.
        column_layout = QVBoxLayout()
        column_layout.setSpacing(2)
        column_layout.addWidget(shown or widget)
        for extra in below:
            column_layout.addWidget(extra)
        self._columns[name] = column_layout
        if check is not None:
            error = QLabel(self)
            error.setObjectName(f"{name}Error")
            error.setWordWrap(True)
            # A word-wrapped label would otherwise keep its narrow size hint.
            error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            error.hide()
            column_layout.addWidget(error)
            self.error_labels[name] = error
            self._checks[name] = check
        self.layout_.insertRow(row, label, column_layout)
        self.inputs[name] = widget
        self.labels[name] = label

    def add_row(
        self,
        name: str,
        widget: QWidget,
        texts: Callable[[], tuple[str, str]],
        check: FieldCheck | None = None,
        *,
        first: bool = False,
        below: tuple[QWidget, ...] = (),
    ) -> None:
        """A host's own row: ``texts()`` gives its label (with its mnemonic)
        and its accessible name in the current language; ``check`` its
        per-field check of the text. ``first`` puts it above the
        connection's fields; ``below`` are widgets under the input."""
        self._add(name, widget, check, row=0 if first else -1, below=below)
        self._extra_texts[name] = texts
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: self._on_edited(name))
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index: self._on_edited(name))
        self.retranslate()

    def add_below_secret(self, *widgets: QWidget) -> None:
        """Widgets under the client secret (the settings dialog's "forget")."""
        layout = self._columns["client_secret"]
        error = self.error_labels["client_secret"]
        for widget in widgets:
            layout.insertWidget(layout.indexOf(error), widget)

    # -- language ----------------------------------------------------------------

    def retranslate(self) -> None:
        self.user_mode.setText(translate("ConnectionForm", "&User sign-in: no AWS credentials needed"))
        self.admin_mode.setText(translate("ConnectionForm", "&Admin sign-in: uses your AWS credentials"))
        self.user_mode.setAccessibleName(translate("ConnectionForm", "User sign-in, no AWS credentials needed"))
        self.admin_mode.setAccessibleName(translate("ConnectionForm", "Admin sign-in, uses your AWS credentials"))
        self.aws_profile.setPlaceholderText(translate("ConnectionForm", "default credentials"))
        self.endpoint_url.setPlaceholderText(translate("ConnectionForm", "AWS (leave empty)"))
        self.client_secret.setPlaceholderText(self.secret_placeholder())
        self._show_region_placeholder()
        rows = {
            "user_pool_id": (
                translate("ConnectionForm", "User &pool ID:"),
                translate("ConnectionForm", "User pool ID"),
            ),
            "client_id": (translate("ConnectionForm", "App &client ID:"), translate("ConnectionForm", "App client ID")),
            "client_secret": (
                translate("ConnectionForm", "C&lient secret:"),
                translate("ConnectionForm", "App client secret"),
            ),
            "mode": (translate("ConnectionForm", "Sign-in mode:"), ""),
            "aws_profile": (
                translate("ConnectionForm", "A&WS profile:"),
                translate("ConnectionForm", "AWS profile for admin sign-in"),
            ),
            "issuer": (
                translate("ConnectionForm", "&Issuer name:"),
                translate("ConnectionForm", "Issuer name shown in the authenticator app"),
            ),
            "region": (
                translate("ConnectionForm", "&Region (optional):"),
                translate("ConnectionForm", "Region, optional"),
            ),
            "endpoint_url": (
                translate("ConnectionForm", "Endp&oint URL (optional):"),
                translate("ConnectionForm", "Endpoint URL, optional"),
            ),
        }
        rows.update({name: texts() for name, texts in self._extra_texts.items()})
        self._descriptions = {"client_secret": translate("ConnectionForm", "Only if the app client has one")}
        for name, (label, accessible) in rows.items():
            self.labels[name].setText(label)
            if accessible:
                self.inputs[name].setAccessibleName(accessible)
        self.aws_profile_combo.setAccessibleName(self.aws_profile.accessibleName())
        self.aws_profile_combo.setAccessibleDescription(
            translate(
                "ConnectionForm",
                "The profiles of this computer's AWS configuration; leave empty for the default credentials",
            )
        )
        self._show_errors(self._shown_fields())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def _show_region_placeholder(self) -> None:
        region = region_from_pool_id(self.user_pool_id.text().strip())
        self.region.setPlaceholderText(
            messages.arg(translate("ConnectionForm", "%1 (from the user pool ID)"), region)
            if region
            else translate("ConnectionForm", "taken from the user pool ID")
        )

    # -- values ------------------------------------------------------------------------

    @property
    def admin(self) -> bool:
        return self.admin_mode.isChecked()

    def values(self) -> dict[str, object]:
        """The connection's fields as typed, as ``ConnectionSettings.create`` takes them."""
        values: dict[str, object] = {name: self._text(name) for name in TEXT_FIELDS}
        values["mode"] = "admin" if self.admin else "user"
        return values

    def aws_profile_name(self) -> str | None:
        """The AWS profile admin sign-in uses (``None``: the default chain, or user sign-in)."""
        return inputs.normalize_aws_profile(self.aws_profile.text()) if self.admin else None

    def _text(self, name: str) -> str:
        widget = self.inputs[name]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        return ""

    def set_values(self, values: Mapping[str, object], *, touched: bool = True) -> None:
        """Show these values (``None`` leaves a field as it is); their
        problems show at once when ``touched``."""
        for name, value in values.items():
            if value is None or name not in self.inputs:
                continue
            if name == "mode":
                admin = (value if isinstance(value, str) else getattr(value, "value", "")).lower() == "admin"
                (self.admin_mode if admin else self.user_mode).setChecked(True)
                continue
            widget = self.inputs[name]
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(getattr(value, "value", value))))
            if touched:
                self._touched.add(name)
        self.check()

    def clear(self) -> None:
        """An empty form (the default issuer), nothing touched."""
        for name in (*TEXT_FIELDS, "aws_profile"):
            edit = self.inputs[name]
            assert isinstance(edit, QLineEdit)
            edit.setText(DEFAULT_ISSUER if name == "issuer" else "")
        self.user_mode.setChecked(True)
        self._touched.clear()
        self.check()

    def set_read_only(self, read_only: bool, *, except_: tuple[str, ...] = ()) -> None:
        """Read-only (an IT-managed connection) but for the fields named."""
        for name, widget in self.inputs.items():
            if name in except_:
                continue
            if isinstance(widget, QLineEdit) and name != "aws_profile":
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
        self.admin_mode.setEnabled(not read_only and "mode" not in except_)
        self.aws_profile_combo.setEnabled(self.admin and not read_only)

    # -- checks -------------------------------------------------------------------------

    def touch(self, *names: str) -> None:
        """Show these fields' problems from now on (all fields: none given)."""
        self._touched.update(names or self._checks)

    def untouch(self) -> None:
        self._touched.clear()

    def check(self, all_fields: bool = False, *, extra: Mapping[str, SettingsError | None] | None = None) -> str | None:
        """Check every field, show the problems of the touched ones (all of
        them with ``all_fields``); ``extra`` adds a host's own findings (a
        name another connection has). Returns the first wrong field's name."""
        self._errors = {}
        for name, check in self._checks.items():
            error = check(self._text(name))
            if error is None and extra:
                error = extra.get(name)
            if error is not None:
                self._errors[name] = error
        if all_fields:
            self._touched.update(self._checks)
        self._show_errors(self._shown_fields())
        return next((name for name in self._checks if name in self._errors), None)

    def errors(self) -> dict[str, SettingsError]:
        """Every wrong field's problem, shown or not."""
        return dict(self._errors)

    def set_error(self, name: str, error: SettingsError) -> None:
        """A problem found elsewhere (the store refused the name): shown at once."""
        self._errors[name] = error
        self._touched.add(name)
        self._show_errors(self._shown_fields())

    def _shown_fields(self) -> set[str]:
        return self._touched & set(self._errors)

    def _show_errors(self, shown: set[str]) -> None:
        for name, label in self.error_labels.items():
            error = self._errors.get(name)
            # The text is there even while the line is hidden (a screen
            # reader's description and the tooltip only while shown).
            label.setText(self._message(error) if error is not None else "")
            visible = name in shown
            if visible and not label.styleSheet():
                # Styled when first shown: asking whether high contrast is on
                # builds Qt's enums, which the first paint does without.
                label.setStyleSheet(error_text_style())
            label.setVisible(visible)
            label.setAccessibleName(
                messages.arg(translate("ConnectionForm", "Problem with %1"), self.inputs[name].accessibleName())
            )
            widget = self.inputs[name]
            widget.setToolTip(label.text() if visible else "")
            # The problem while there is one, else what the field is for.
            widget.setAccessibleDescription(label.text() if visible else self._descriptions.get(name, ""))

    # -- slots -------------------------------------------------------------------------------

    @Slot()
    def trim_secret(self) -> bool:
        """Take away what a paste brought around the secret; say so. Returns
        whether anything was taken."""
        if not messages.trim_pasted(self.client_secret):
            return False
        self._on_edited("client_secret")
        self.secret_trimmed.emit()
        return True

    def _on_edited(self, name: str) -> None:
        self._touched.add(name)
        self.check()
        self.edited.emit(name)

    @Slot(bool)
    def _on_admin_mode_toggled(self, admin: bool) -> None:
        self.aws_profile_combo.setEnabled(admin and self.admin_mode.isEnabled())
        if admin:
            self.aws_profile_combo.load_profiles()
