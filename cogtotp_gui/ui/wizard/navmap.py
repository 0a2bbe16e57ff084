"""The wizard's navigation, as one table (after Electrum's ``navmap``). No Qt.

One row per page: the flow step whose page it is, the module and class that
build it, what Next does, what Back does, what Cancel (and Escape) does,
and how the page recovers when Cognito says its session has expired. The
Qt wizard (``wizard.py``) looks rows up and carries out what they say; it
has no navigation rule of its own. This module imports no Qt, so the rules
are tested without a display (``tests/unit/test_navmap.py``).

Adding a page is adding a row (docs/contributing.md).

The table is read before the first paint: its kinds of move are string
constants and its row a slotted class, not enums and a dataclass (each
``Enum`` class costs ~0.3 ms to create, a dataclass more: see README,
Benchmarks).
"""

from __future__ import annotations

import enum
from typing import Final, Literal

from cogtotp_gui.enrollment.steps import Step

__all__ = [
    "NAVIGATION",
    "PAGE_FOR_STEP",
    "PASSWORD_NOT_NEEDED",
    "USER_PAGES",
    "Back",
    "Cancel",
    "Nav",
    "Next",
    "PageId",
    "Recovery",
    "back_of",
    "cancel_of",
    "page_class_modules",
    "recovery_of",
    "resolve_back",
    "resolve_next",
]


class PageId(enum.IntEnum):
    """The wizard's pages (QWizard's page ids)."""

    CONNECTION = 0
    CREDENTIALS = 1
    NEW_PASSWORD = 2
    SMS_CODE = 3
    EXISTING_TOTP = 4
    SECRET = 5
    CONFIRM = 6
    DONE = 7
    UNSUPPORTED = 8
    LOST_AUTHENTICATOR = 9
    REHEARSAL = 10  # after Done: try the new sign-in


NextMove = Literal["answer", "page", "next_user"]
BackMove = Literal["none", "connection", "sign_in_again", "previous", "cancel_reset", "leave_rehearsal"]
CancelMove = Literal["abandon", "keep_connection", "back"]
RecoveryMove = Literal["none", "sign_in_again", "start_again", "new_code"]


class Next:
    """What Next (Enter) does. The page's ``submit()`` runs first: False
    means it started a call (or refused what was typed) and the wizard waits;
    True means the page has nothing (more) to call, and the row decides."""

    ANSWER: Final = "answer"  # never moves by itself: Cognito's answer (a step) shows its page
    PAGE: Final = "page"  # on to the row's ``next_to`` page, nothing waited for
    NEXT_USER: Final = "next_user"  # wipe this user and start an empty sign-in


class Back:
    """What Back does (``NONE``: no Back button)."""

    NONE: Final = "none"
    # To the connection page; the typed username and password are kept. No
    # Back while there is no connection to come back to.
    CONNECTION: Final = "connection"
    # To the credentials, same username and password, a new Cognito session:
    # the sessions before cannot be reused.
    SIGN_IN_AGAIN: Final = "sign_in_again"
    # To the row's ``back_to`` page; nothing is called, nothing is wiped.
    PREVIOUS: Final = "previous"
    # To the row's ``back_to`` page, and the flow returns there too (the
    # lost-authenticator confirmation changes nothing in Cognito).
    CANCEL_RESET: Final = "cancel_reset"
    # To the row's ``back_to`` page (Done), the rehearsal dropped; recorded
    # as not rehearsed if it had no verdict yet.
    LEAVE_REHEARSAL: Final = "leave_rehearsal"


class Cancel:
    """What Cancel and Escape do (the wizard never closes)."""

    # Ask "Stop enrolling NAME?" while a user is half-way; nothing otherwise.
    ABANDON: Final = "abandon"
    # Leave the connection page for the sign-in, the connection unchanged
    # (only while there is a connection and nothing runs).
    KEEP_CONNECTION: Final = "keep_connection"
    # Same as the row's Back.
    BACK: Final = "back"


class Recovery:
    """The banner's button when Cognito says the page's session expired."""

    NONE: Final = "none"  # nothing of its own: Retry or the connection settings, as for any error
    SIGN_IN_AGAIN: Final = "sign_in_again"  # "Sign in again" (username and password kept)
    START_AGAIN: Final = "start_again"  # "Start again with this user": the same, said past the QR code
    NEW_CODE: Final = "new_code"  # "Send a new code" while the flow can resend; else "Sign in again"


class Nav:
    """One page of :data:`NAVIGATION`.

    Attributes:
        module: the module of ``cogtotp_gui.ui.wizard.pages`` that builds it.
        page_class: the page's class in that module.
        step: the flow step whose page this is (the controller's
            ``step_changed`` shows it); None for a page no answer leads to.
        next: what Next does (see :class:`Next`); ``next_to`` for ``PAGE``.
        back: what Back does (see :class:`Back`); ``back_to`` where needed.
        cancel: what Cancel and Escape do.
        recovery: the way on after an expired session.
    """

    __slots__ = ("back", "back_to", "cancel", "module", "next", "next_to", "page_class", "recovery", "step")

    def __init__(
        self,
        module: str,
        page_class: str,
        step: Step | None,
        next: NextMove,
        back: BackMove = Back.NONE,
        *,
        next_to: PageId | None = None,
        back_to: PageId | None = None,
        cancel: CancelMove = Cancel.ABANDON,
        recovery: RecoveryMove = Recovery.NONE,
    ) -> None:
        if (next == Next.PAGE) != (next_to is not None):
            raise ValueError("next_to goes with Next.PAGE, and only with it")
        if (back in (Back.PREVIOUS, Back.CANCEL_RESET, Back.LEAVE_REHEARSAL)) != (back_to is not None):
            raise ValueError(f"back_to goes with {back}")
        self.module = module
        self.page_class = page_class
        self.step = step
        self.next: NextMove = next
        self.back: BackMove = back
        self.next_to = next_to
        self.back_to = back_to
        self.cancel: CancelMove = cancel
        self.recovery: RecoveryMove = recovery

    def __repr__(self) -> str:
        return f"Nav({self.module!r}, next={self.next!r}, back={self.back!r})"


# The rows, in the order the pages are built after the first paint (the
# likeliest next page first; the credentials or connection page, whichever
# the window starts on, is built before).
NAVIGATION: dict[PageId, Nav] = {
    PageId.SMS_CODE: Nav(
        "sms_code", "SmsCodePage", Step.SMS_CODE, Next.ANSWER, Back.SIGN_IN_AGAIN, recovery=Recovery.NEW_CODE
    ),
    # Step.SECRET is shown on two pages: the QR code, then the code typed back
    # to confirm it (Next between them calls nothing; the flow stays at SECRET
    # until Cognito has verified the code). Signed in: no Back to the sign-in.
    PageId.SECRET: Nav("secret", "SecretPage", Step.SECRET, Next.PAGE, next_to=PageId.CONFIRM),
    PageId.CONFIRM: Nav(
        "confirm",
        "ConfirmPage",
        None,
        Next.ANSWER,
        Back.PREVIOUS,
        back_to=PageId.SECRET,
        recovery=Recovery.START_AGAIN,
    ),
    PageId.DONE: Nav("done", "DonePage", Step.DONE, Next.NEXT_USER),
    PageId.NEW_PASSWORD: Nav(
        "new_password",
        "NewPasswordPage",
        Step.NEW_PASSWORD,
        Next.ANSWER,
        Back.SIGN_IN_AGAIN,
        recovery=Recovery.SIGN_IN_AGAIN,
    ),
    # Next: the next user; once the operator chose Re-enroll, the page's call
    # (the current authenticator's code) and Cognito's answer.
    PageId.EXISTING_TOTP: Nav(
        "existing_totp",
        "ExistingTotpPage",
        Step.EXISTING_TOTP,
        Next.NEXT_USER,
        Back.SIGN_IN_AGAIN,
        recovery=Recovery.SIGN_IN_AGAIN,
    ),
    PageId.LOST_AUTHENTICATOR: Nav(
        "lost_authenticator",
        "LostAuthenticatorPage",
        Step.LOST_AUTHENTICATOR,
        Next.ANSWER,
        Back.CANCEL_RESET,
        back_to=PageId.EXISTING_TOTP,
    ),
    PageId.UNSUPPORTED: Nav("unsupported", "UnsupportedPage", Step.UNSUPPORTED, Next.NEXT_USER, Back.SIGN_IN_AGAIN),
    PageId.CREDENTIALS: Nav("credentials", "CredentialsPage", Step.SIGN_IN, Next.ANSWER, Back.CONNECTION),
    # Next checks the form and starts connecting; the sign-in page is shown
    # at once (the client is built on a worker meanwhile).
    PageId.CONNECTION: Nav(
        "connection", "ConnectionPage", None, Next.PAGE, next_to=PageId.CREDENTIALS, cancel=Cancel.KEEP_CONNECTION
    ),
    # From Done ("Try the new sign-in"): the rehearsal's own calls (not the
    # flow's); once it has a verdict, Next takes the next user. Back, Cancel
    # and Escape return to Done.
    PageId.REHEARSAL: Nav(
        "rehearsal",
        "RehearsalPage",
        None,
        Next.NEXT_USER,
        Back.LEAVE_REHEARSAL,
        back_to=PageId.DONE,
        cancel=Cancel.BACK,
    ),
}

PAGE_FOR_STEP: dict[Step, PageId] = {nav.step: page_id for page_id, nav in NAVIGATION.items() if nav.step}

# Steps at which the flow has forgotten the password: past the SMS code (or
# never to sign in with it again), so the credentials field forgets it too.
PASSWORD_NOT_NEEDED = frozenset({Step.SECRET, Step.DONE, Step.UNSUPPORTED})

# The pages that hold something of a user worth wiping when nobody attends
# to the window (docs/security.md, "The password on screen and the idle
# wipe"): every page that shows a secret or a finished user (the QR code,
# the confirmation, Done, the rehearsal, whose password field is typed into
# again) or still holds the user's password (typed on the sign-in page, kept
# by the flow for a new code or a re-sign-in: new password, SMS code,
# already on TOTP, lost authenticator). The sign-in page counts only while
# its password field is not empty (``EnrollmentWizard.holds_user``).
USER_PAGES = frozenset(
    {
        PageId.CREDENTIALS,
        PageId.NEW_PASSWORD,
        PageId.SMS_CODE,
        PageId.EXISTING_TOTP,
        PageId.LOST_AUTHENTICATOR,
        PageId.SECRET,
        PageId.CONFIRM,
        PageId.DONE,
        PageId.REHEARSAL,
    }
)


def page_class_modules() -> dict[str, str]:
    """Page class name -> the module of ``ui/wizard/pages`` defining it."""
    return {nav.page_class: nav.module for nav in NAVIGATION.values()}


def back_of(page_id: PageId, *, has_connection: bool) -> BackMove:
    """What Back does on ``page_id`` now (``NONE``: the button is hidden)."""
    back = NAVIGATION[page_id].back
    if back == Back.CONNECTION and not has_connection:
        return Back.NONE  # nothing to go back to: the connection page would be empty
    return back


def cancel_of(page_id: PageId, *, has_connection: bool, busy: bool, in_progress: bool) -> CancelMove | None:
    """What Cancel and Escape do on ``page_id`` now; None: nothing (the
    button is disabled)."""
    cancel = NAVIGATION[page_id].cancel
    if cancel == Cancel.KEEP_CONNECTION:
        return cancel if has_connection and not busy else None
    if cancel == Cancel.ABANDON:
        return cancel if in_progress else None
    return cancel


def recovery_of(page_id: PageId, *, can_resend: bool) -> RecoveryMove:
    """The way on from ``page_id`` after an expired session."""
    recovery = NAVIGATION[page_id].recovery
    if recovery == Recovery.NEW_CODE and not can_resend:
        return Recovery.SIGN_IN_AGAIN
    return recovery


def resolve_next(page_id: PageId, *, page_done: bool) -> PageId | None:
    """The page Next shows after ``page_id``; None while the wizard waits
    for an answer. ``page_done`` is what the page's ``submit()`` returned."""
    nav = NAVIGATION[page_id]
    if not page_done or nav.next == Next.ANSWER:
        return None
    if nav.next == Next.NEXT_USER:
        return PageId.CREDENTIALS  # wiped, for the next user
    return nav.next_to


def resolve_back(page_id: PageId, *, has_connection: bool) -> PageId | None:
    """The page Back shows after ``page_id``; None: no Back there."""
    back = back_of(page_id, has_connection=has_connection)
    if back == Back.NONE:
        return None
    if back == Back.SIGN_IN_AGAIN:
        return PageId.CREDENTIALS
    if back == Back.CONNECTION:
        return PageId.CONNECTION
    return NAVIGATION[page_id].back_to
