"""The main window's helpdesk duties, apart from the wizard itself.

* **Nothing left behind**: after ``idle_timeout_s`` without key or mouse
  input on a page that shows a secret or a finished user, the wizard wipes
  the user and goes back to the start; the last seconds are announced in a
  banner over the top of the window. The copied key leaves the clipboard
  then too (and on "next user" and quitting).
* **Out of sight, off the screen**: the QR code and the setup key are taken
  away while the window is minimised or the screen is locked.
* **Whose AWS credentials**: in admin mode the status bar names the ARN
  that STS reports for them.
* **Preferences**: idle time-out and clipboard delay take effect at once.

:class:`HelpdeskOperations` is made with the window but does nothing until
:meth:`activate` (after the first paint): the watchers and the profile
store are not what the first page should wait for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QObject, Slot

from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode
from cogtotp_gui.ui.common import messages

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

    from cogtotp_gui.connections.model import Preferences
    from cogtotp_gui.ui.common.widgets import MessageBanner
    from cogtotp_gui.ui.privacy.conceal import ConcealWatcher
    from cogtotp_gui.ui.privacy.idle import IdleWatcher
    from cogtotp_gui.ui.wizard.controller import Controller

log = logging.getLogger(__name__)


def short_identity(arn: str) -> str:
    """The part of an ARN an operator recognises: the role and session of
    ``arn:aws:sts::123456789012:assumed-role/Helpdesk/alice`` (Helpdesk/alice),
    the name of an IAM user (alice). The full ARN is in the tooltip."""
    resource = arn.split(":", 5)[5] if arn.count(":") >= 5 else arn
    kind, _, rest = resource.partition("/")
    if not rest:
        return resource
    if kind == "user":
        return rest.rsplit("/", 1)[-1]  # an IAM path is noise here
    return rest


class OperationsWizardPort(Protocol):
    """The wizard, as the helpdesk duties use it (``EnrollmentWizard`` is
    one): whether it holds a user, wiping it, a word on its page, and
    concealing the secret; never a page or a field of it.

    ``holding_changed()`` is emitted when ``holds_user()`` may answer otherwise.
    """

    @property
    def holding_changed(self) -> SignalInstance: ...

    def holds_user(self) -> bool:
        """The page shown holds something of a user: the idle time-out runs."""

    def close_open_questions(self) -> None: ...

    def start_next_user(self) -> None: ...

    def tell(self, render: Callable[[], dict[str, Any]]) -> None:
        """A message in the current page's message area."""

    def set_concealed(self, concealed: bool) -> None: ...


class OperationsHost(Protocol):
    """What the helpdesk duties need of the window around them (the main
    window is one): its wizard and controller, where the idle warning and
    the AWS identity are shown. The window itself is watched as a widget."""

    @property
    def wizard(self) -> OperationsWizardPort: ...

    @property
    def controller(self) -> Controller: ...

    @property
    def idle_banner(self) -> MessageBanner | None: ...

    def show_idle_warning(self, render: Callable[[], dict[str, Any]]) -> None: ...

    def clear_idle_warning(self) -> None: ...

    def show_identity(self, text: str | None, details: str = "") -> None: ...


class HelpdeskOperations(QObject):
    """Idle wipe, concealing, caller identity and preferences for a window.

    Args:
        window: the window watched (its Qt parent).
        host: the same window, as the port the duties use (read through
            the Qt parent afterwards: a reference back would be a cycle).

    Attributes:
        idle: the idle watcher (after :meth:`activate`).
        conceal: the minimise/lock watcher (after :meth:`activate`).
        idle_banner: the countdown banner (built on the first warning).
        identity: the last caller identity (``arn``, ``account``…), or None.
        wiped_for_idle: how many users were wiped for want of input.
    """

    def __init__(self, window: QWidget, host: OperationsHost) -> None:
        super().__init__(window)
        self.setObjectName("helpdeskOperations")
        self.controller = host.controller
        self.idle: IdleWatcher | None = None
        self.conceal: ConcealWatcher | None = None
        self.identity: dict[str, str] | None = None
        self._identity_error: EnrollmentError | None = None
        self._idle_timeout_s: float | None = None  # preference, applied on activate
        self.wiped_for_idle = 0
        self.controller.connection_changed.connect(self._on_connection_changed)
        self.controller.connection_ready.connect(self._on_connection_ready)
        self.controller.caller_identity_found.connect(self._on_caller_identity_found)
        self.controller.caller_identity_failed.connect(self._on_caller_identity_failed)
        self.controller.failed.connect(self._on_failed)

    @property
    def window(self) -> OperationsHost:
        """The window: the Qt parent, not an attribute (see SavedConnections.window)."""
        return cast("OperationsHost", self.parent())

    @property
    def _widget(self) -> QWidget:
        """The same window, as the widget the watchers watch."""
        return cast("QWidget", self.parent())

    @property
    def idle_banner(self) -> MessageBanner | None:
        """The window's idle countdown banner (None until the first warning)."""
        return self.window.idle_banner

    # -- start-up ----------------------------------------------------------------

    def activate(self) -> None:
        """Start watching (after the first paint)."""
        if self.idle is not None:
            return
        from cogtotp_gui.ui.privacy.conceal import ConcealWatcher
        from cogtotp_gui.ui.privacy.idle import IdleWatcher

        self.idle = IdleWatcher(self._widget)
        if self._idle_timeout_s is not None:
            self.idle.set_timeout(self._idle_timeout_s)
        self.idle.warning.connect(self._on_idle_warning)
        self.idle.warning_cleared.connect(self._on_idle_warning_cleared)
        self.idle.timed_out.connect(self._on_idle_timed_out)
        self.conceal = ConcealWatcher(self._widget)
        self.conceal.concealed_changed.connect(self._on_concealed_changed)
        self.window.wizard.holding_changed.connect(self._update_idle)
        self._update_idle()
        self.show_identity()  # the connection was chosen before this object existed

    def stop(self) -> None:
        """Stop watching (the window is shutting down): no app-wide event
        filter may outlive the window."""
        if self.idle is not None:
            self.idle.disarm()
        if self.conceal is not None:
            self.conceal.stop()

    def window_state_changed(self) -> None:
        """The window's ``changeEvent`` saw a ``WindowStateChange``."""
        if self.conceal is not None:
            self.conceal.window_state_changed()

    def apply_preferences(self, preferences: Preferences) -> None:
        """Idle time-out and clipboard delay, effective at once."""
        from cogtotp_gui.ui.privacy import clipboard

        clipboard.guard().clear_after_s = preferences.clipboard_clear_s
        self._idle_timeout_s = preferences.idle_timeout_s
        if self.idle is not None:
            self.idle.set_timeout(preferences.idle_timeout_s)

    # -- idle -----------------------------------------------------------------------

    @Slot()
    def _update_idle(self) -> None:
        """Arm the idle time-out where something is worth wiping."""
        if self.idle is None:
            return
        if self.window.wizard.holds_user():
            self.idle.arm()  # counting from now: a page change or typing
        else:
            self.idle.disarm()

    @Slot(int)
    def _on_idle_warning(self, seconds: int) -> None:
        from cogtotp_gui.ui.common.widgets import BannerKind

        def render() -> dict[str, Any]:
            return {
                "kind": BannerKind.WARNING,
                "text": self.tr(
                    "Nobody has used this window for a while: in %n second(s) this user's details are wiped. "
                    "Move the mouse or press a key to keep them.",
                    "",
                    seconds,
                ),
            }

        self.window.show_idle_warning(render)

    @Slot()
    def _on_idle_warning_cleared(self) -> None:
        self.window.clear_idle_warning()

    @Slot()
    def _on_idle_timed_out(self) -> None:
        if self.controller.busy:
            # A call is on its way (verifying, say): wipe once it has answered.
            if self.idle is not None:
                self.idle.arm()
            return
        self.wipe_after_idle()

    def wipe_after_idle(self) -> None:
        """Forget the user, as "next user" does, and say why on the first page."""
        from cogtotp_gui.ui.common.widgets import BannerKind
        from cogtotp_gui.ui.privacy import clipboard

        self._on_idle_warning_cleared()
        wizard = self.window.wizard
        wizard.close_open_questions()
        wizard.start_next_user()
        clipboard.clear_now_if_ours()
        self.wiped_for_idle += 1
        wizard.tell(
            lambda: {
                "kind": BannerKind.INFO,
                "text": self.tr("The previous user's details were wiped because nobody used the window for a while."),
            }
        )

    # -- concealing ---------------------------------------------------------------------

    @Slot(bool)
    def _on_concealed_changed(self, concealed: bool) -> None:
        self.window.wizard.set_concealed(concealed)

    # -- caller identity -------------------------------------------------------------------

    @Slot(object)
    def _on_connection_changed(self, settings: ConnectionSettings) -> None:
        self.identity = None
        self._identity_error = None
        self.show_identity()

    @Slot()
    def _on_connection_ready(self) -> None:
        settings = self.controller.settings
        if settings is not None and settings.mode is SignInMode.ADMIN:
            self.controller.check_caller_identity()

    @Slot(object)
    def _on_caller_identity_found(self, identity: object) -> None:
        self.identity = dict(identity) if isinstance(identity, dict) else None
        self._identity_error = None
        self.show_identity()

    @Slot(object)
    def _on_caller_identity_failed(self, error: object) -> None:
        self._identity_error = error.with_traceback(None) if isinstance(error, EnrollmentError) else None
        self.show_identity()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        # Building the client or any call can be the first to find the
        # credentials expired (an SSO session ends mid-day): say it here too.
        from cogtotp_gui.enrollment.errors import ErrorKind

        if isinstance(error, EnrollmentError) and error.kind is ErrorKind.CREDENTIALS:
            self.identity = None
            self._identity_error = error.with_traceback(None)
            self.show_identity()

    def show_identity(self) -> None:
        """Render the status bar's identity line (again, after a language change)."""
        settings = self.controller.settings
        if settings is None or settings.mode is not SignInMode.ADMIN:
            self.window.show_identity(None)
            return
        if self.identity is not None:
            arn = self.identity.get("arn", "")
            text = messages.arg(self.tr("AWS: %1"), short_identity(arn))
            tooltip = "\n".join(
                [
                    messages.arg(self.tr("Signed with the AWS credentials of %1"), arn),
                    messages.arg(self.tr("AWS account %1"), self.identity.get("account", "")),
                ]
            )
        elif self._identity_error is not None:
            text = self.tr("AWS credentials not usable")
            tooltip = messages.error_message(self._identity_error)
        else:
            text = self.tr("Checking the AWS credentials…")
            tooltip = ""
        self.window.show_identity(text, tooltip)
