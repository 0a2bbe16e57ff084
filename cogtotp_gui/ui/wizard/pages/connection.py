"""The connection: which user pool and app client, and how to sign in.

Shown first when the command line did not name a complete connection, and
whenever a configuration error sends the operator back here. Each field is
checked as it is typed, on its own, so every wrong field says so at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QWidget, QWizard

from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode
from cogtotp_gui.names import UNUSABLE_PROFILE
from cogtotp_gui.ui.common import messages
from cogtotp_gui.ui.common.widgets import BannerKind
from cogtotp_gui.ui.connections.connection_form import ConnectionForm
from cogtotp_gui.ui.connections.profile_picker import ProfilePicker
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage

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

        # The one connection form (the settings dialog shows it too).
        self.connection_form = form = ConnectionForm(self)
        self.content.addWidget(form)
        self.fields.update(form.inputs)
        self.error_labels = form.error_labels
        self.user_pool_id = form.user_pool_id
        self.client_id = form.client_id
        self.client_secret = form.client_secret
        self.user_mode, self.admin_mode = form.user_mode, form.admin_mode
        self.aws_profile_combo, self.aws_profile = form.aws_profile_combo, form.aws_profile
        self.issuer, self.region, self.endpoint_url = form.issuer, form.region, form.endpoint_url
        form.secret_trimmed.connect(self._say_secret_trimmed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Connect to the user pool"))
        self.setSubTitle(
            self.tr("Which Cognito user pool and app client the users belong to. IT can give you these values.")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Co&nnect"))
        super().retranslate()

    # -- values ------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        return self.connection_form.values()

    def prefill(self, values: dict[str, object], aws_profile: str | None = None) -> None:
        """Show a (possibly incomplete) connection; errors show at once."""
        self.connection_form.set_values({**values, "aws_profile": aws_profile or None})
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
        return self.connection_form.check(all_fields)

    # -- wizard hooks ----------------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        for name in ("user_pool_id", "client_id"):
            if not self.fields[name].text().strip():  # type: ignore[attr-defined]  # a text field: a QLineEdit
                return self.fields[name]
        wrong = self._check(all_fields=False)
        return self.fields[wrong] if wrong else self.user_pool_id

    def submit(self) -> bool:
        self.connection_form.trim_secret()
        wrong = self._check(all_fields=True)
        if wrong is not None:
            self.fields[wrong].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        settings = ConnectionSettings.create(**self.values())
        prefilled = self._prefilled
        if prefilled is not None and prefilled.name and _same_form_values(prefilled, settings):
            settings = prefilled
        profile = self.connection_form.aws_profile_name()
        self.controller.connect_to(settings, profile if settings.mode is SignInMode.ADMIN else None)
        return True

    def wipe(self) -> None:
        self.banner.clear()  # the connection outlives any one user

    def entered(self) -> None:
        self.profile_picker.refresh()
        super().entered()

    def left(self) -> None:
        self.client_secret.conceal()
        # The connection holds the secret now; the field need not (it is
        # filled again whenever the page is shown: show_connection_page).
        self.client_secret.setText("")

    # -- slots ---------------------------------------------------------------------------

    @Slot()
    def _say_secret_trimmed(self) -> None:
        self.banner.show_translated(lambda: {"kind": BannerKind.INFO, "text": messages.pasted_secret_trimmed()})
