"""The training phone: the end user's phone, played beside the wizard.

A narrow window with two "apps": the text messages the emulator sends (the
SMS codes, newest on top) and an authenticator that can "scan" the QR code
the wizard shows (it takes the pending secret from the emulator) and then
shows the running 6-digit code with its 30-second countdown ring.

The window knows nothing of threads or of the emulator's internals: it is
given a clock and a way to read the pending secret, and it is told about
each SMS on the UI thread (:class:`TrainingSession` marshals the emulator's
listener calls with a queued signal). Everything a test needs to read is a
named widget: ``smsMessage`` cards with an ``smsCode`` label,
``authenticatorEntry`` rows with a ``totpCode`` label and a
``totpCountdown`` ring.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QDateTime, QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.emulator.totp import TIME_STEP_SECONDS, totp_code
from cogtotp_gui.ui.common.messages import arg

PHONE_WIDTH = 360
PHONE_HEIGHT = 700
_ALL_USERS = ""  # combo data of the "every training user" entry
_URGENT_SECONDS = 5  # the ring turns red (and says so) this close to the change
_ACCENT = QColor("#1a73e8")
_URGENT = QColor("#c5221f")


class PhoneUser(Protocol):
    """What the phone needs to know of a training user (a ``SeedUser`` fits)."""

    username: str
    phone: str


class SmsLike(Protocol):
    """An SMS as the emulator reports it (``SmsMessage`` fits)."""

    username: str
    destination: str
    code: str | None
    sent_at: float
    delivered: bool
    pool_id: str


def group_code(code: str) -> str:
    """``123456`` -> ``123 456``: easier to read out and to type."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


def _scaled_font(widget: QWidget, scale: float, *, bold: bool = False, fixed: bool = False) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if fixed else QFont(widget.font())
    base = widget.font().pointSizeF()
    if base > 0:
        font.setPointSizeF(base * scale)
    font.setBold(bold)
    return font


def _muted(label: QLabel, muted: bool = True) -> QLabel:
    """Secondary text: softer than the main text, still easy to read
    (about 7:1 on the default light background, where Qt's "disabled"
    grey is barely 2:1)."""
    palette = QApplication.palette(label)
    text = palette.color(QPalette.ColorRole.WindowText)
    if muted:
        background = palette.color(QPalette.ColorRole.Window)
        text = QColor.fromRgbF(
            text.redF() * 0.62 + background.redF() * 0.38,
            text.greenF() * 0.62 + background.greenF() * 0.38,
            text.blueF() * 0.62 + background.blueF() * 0.38,
        )
    own = label.palette()
    own.setColor(QPalette.ColorRole.WindowText, text)
    label.setPalette(own)
    return label


class CountdownRing(QWidget):
    """A ring that empties as the current TOTP code ages, seconds inside.

    Painted with QPainter so it stays crisp at any scale. Colour is only a
    second cue: the number of seconds is always written in the middle.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totpCountdown")
        self._remaining = TIME_STEP_SECONDS
        self._period = TIME_STEP_SECONDS
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Time left for this code"))

    @property
    def remaining(self) -> int:
        return self._remaining

    def sizeHint(self) -> QSize:
        side = max(40, self.fontMetrics().height() * 3)
        return QSize(side, side)

    def set_remaining(self, seconds: int, period: int = TIME_STEP_SECONDS) -> None:
        seconds = max(0, min(int(seconds), period))
        if (seconds, period) == (self._remaining, self._period):
            return
        self._remaining, self._period = seconds, period
        self.setAccessibleDescription(self.tr("%n second(s) until the code changes", "", seconds))
        self.setToolTip(self.accessibleDescription())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen_width = max(3.0, self.width() / 12)
        side = min(self.width(), self.height()) - pen_width
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        track = self.palette().color(QPalette.ColorRole.Mid)
        track.setAlpha(90)
        painter.setPen(QPen(track, pen_width))
        painter.drawEllipse(rect)
        colour = _URGENT if self._remaining <= _URGENT_SECONDS else _ACCENT
        pen = QPen(colour, pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        # Qt angles: 1/16 degree, counter-clockwise from 3 o'clock. Start at
        # 12 o'clock and run clockwise, like a clock hand sweeping away.
        span = -round(360 * 16 * self._remaining / self._period)
        painter.drawArc(rect, 90 * 16, span)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(9, math.floor(side * 0.38)))
        painter.setFont(font)
        painter.setPen(
            colour if self._remaining <= _URGENT_SECONDS else self.palette().color(QPalette.ColorRole.WindowText)
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self._remaining))
        painter.end()


class SmsCard(QFrame):
    """One text message (or e-mail, for email MFA): recipient, time, the text
    and the code in large digits."""

    def __init__(self, message: SmsLike, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smsMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.username = message.username
        self.pool_id = message.pool_id
        self.code = message.code if message.delivered else None
        # An e-mail (EmailMessage) is shown as such: the phone's mail app.
        self.is_email = type(message).__name__ == "EmailMessage"
        self.setProperty("username", message.username)
        self.setProperty("code", self.code or "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(2)
        self._message = message
        header = QHBoxLayout()
        sender = QLabel()
        self._sender = sender
        sender.setObjectName("smsRecipient")
        sender.setFont(_scaled_font(self, 0.9, bold=True))
        sent = QDateTime.fromMSecsSinceEpoch(round(message.sent_at * 1000)).time()
        when = _muted(QLabel(sent.toString("HH:mm:ss")))
        when.setObjectName("smsTime")
        when.setFont(_scaled_font(self, 0.9))
        header.addWidget(sender, 1)
        header.addWidget(when)
        layout.addLayout(header)

        if self.code is not None:
            body = QLabel()
            code = QLabel(group_code(self.code))
            code.setObjectName("smsCode")
            code.setFont(_scaled_font(self, 2.2, bold=True, fixed=True))
            code.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            self._code_label: QLabel | None = code
            layout.addWidget(body)
            layout.addWidget(code)
        else:
            self._code_label = None
            body = _muted(QLabel())
            body.setObjectName("smsLost")
            body.setWordWrap(True)
            font = _scaled_font(self, 1.0)
            font.setItalic(True)
            body.setFont(font)
            layout.addWidget(body)
        self._body = body
        self.retranslate()

    def retranslate(self) -> None:
        message = self._message
        if self.is_email:
            self._sender.setText(arg(self.tr("Email to %1 (%2)"), message.username, message.destination))
        else:
            self._sender.setText(arg(self.tr("To %1 (%2)"), message.username, message.destination))
        if self.code is not None and self._code_label is not None:
            self._body.setText(self.tr("Your verification code is"))
            self._code_label.setAccessibleName(arg(self.tr("Verification code for %1"), message.username))
            if self.is_email:
                self.setAccessibleName(
                    arg(self.tr("Email to %1: verification code %2"), message.username, " ".join(self.code))
                )
            else:
                self.setAccessibleName(
                    arg(self.tr("Message to %1: verification code %2"), message.username, " ".join(self.code))
                )
        else:
            self._body.setText(
                self.tr("Not delivered: this phone has no signal. The code was sent, but it never arrives.")
            )
            self.setAccessibleName(arg(self.tr("Message to %1 was not delivered"), message.username))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AuthenticatorEntry(QFrame):
    """One account in the phone's authenticator app: issuer, account, code, ring."""

    def __init__(self, issuer: str, username: str, secret: str, pool_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authenticatorEntry")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.issuer = issuer
        self.username = username
        self.pool_id = pool_id
        self._secret = secret
        self.setProperty("username", username)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        text = QVBoxLayout()
        text.setSpacing(0)
        title = QLabel(issuer)
        title.setObjectName("authenticatorIssuer")
        title.setFont(_scaled_font(self, 0.9, bold=True))
        account = _muted(QLabel(username))
        account.setObjectName("authenticatorAccount")
        account.setFont(_scaled_font(self, 0.9))
        self._code = QLabel()
        self._code.setObjectName("totpCode")
        self._code.setFont(_scaled_font(self, 2.2, bold=True, fixed=True))
        self._code.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._code.setAccessibleName(arg(self.tr("Authenticator code for %1"), username))
        text.addWidget(title)
        text.addWidget(account)
        text.addWidget(self._code)
        layout.addLayout(text, 1)
        self.ring = CountdownRing(self)
        layout.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignVCenter)
        self._current = ""
        self._highlighted = False

    @property
    def highlighted(self) -> bool:
        return self._highlighted

    def set_highlighted(self, highlighted: bool) -> None:
        """Mark the account just added (an accent border, and said in words
        to screen readers)."""
        self._highlighted = highlighted
        if highlighted:
            self.setAccessibleDescription(self.tr("Just added"))
        else:
            self.setAccessibleDescription("")
        self.update()

    def replace_secret(self, secret: str) -> None:
        self._secret = secret
        self._current = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._highlighted:
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(_ACCENT, 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)
            painter.end()

    def code(self) -> str:
        """The 6-digit code on display (no grouping space)."""
        return self._current

    def refresh(self, now: float) -> None:
        current = totp_code(self._secret, now)
        if current != self._current:
            self._current = current
            self._code.setText(group_code(current))
        self.ring.set_remaining(TIME_STEP_SECONDS - int(now) % TIME_STEP_SECONDS)


@dataclass(frozen=True)
class _Offer:
    username: str
    pool_id: str
    issuer: str


class _Feed(QScrollArea):
    """A scrollable column of cards with a placeholder while it is empty."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setObjectName("phoneFeedContents")
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(0, 0, 4, 0)
        self._layout.setSpacing(6)
        self.placeholder = _muted(QLabel(placeholder))
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.placeholder)
        self._layout.addStretch(1)
        self.setWidget(inner)

    def cards(self) -> list[QWidget]:
        items = (self._layout.itemAt(i) for i in range(self._layout.count()))
        widgets = (item.widget() for item in items if item is not None)
        return [w for w in widgets if w is not None and w is not self.placeholder]

    def insert_top(self, card: QWidget) -> None:
        self._layout.insertWidget(0, card)
        self.verticalScrollBar().setValue(0)

    def append(self, card: QWidget) -> None:
        self._layout.insertWidget(self._layout.count() - 1, card)

    def take(self, card: QWidget) -> None:
        """Remove ``card`` from the column without deleting it."""
        self._layout.removeWidget(card)

    def remove(self, card: QWidget) -> None:
        self._layout.removeWidget(card)
        card.deleteLater()

    def clear(self) -> None:
        for card in self.cards():
            self.remove(card)

    def update_placeholder(self) -> None:
        self.placeholder.setVisible(not any(not card.isHidden() for card in self.cards()))


class SignalBars(QWidget):
    """Four bars, like a phone's status bar: filled with signal, hollow and
    crossed out without. The text beside it says the same in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneSignalBars")
        self._has_signal = True
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().height()
        return QSize(round(height * 1.3), height)

    def set_signal(self, has_signal: bool) -> None:
        self._has_signal = has_signal
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        gap = self.width() / 13
        bar = (self.width() - 3 * gap) / 4
        bottom = self.height() - 1.0
        for index in range(4):
            height = self.height() * (index + 1) / 4 - 1
            rect = QRectF(index * (bar + gap) + 0.5, bottom - height, bar - 1, height)
            if self._has_signal:
                painter.fillRect(rect, colour)
            else:
                painter.setPen(QPen(colour, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
        if not self._has_signal:
            painter.setPen(QPen(_URGENT, 2))
            painter.drawLine(QPointF(1, 1), QPointF(self.width() - 1, self.height() - 1))
        painter.end()


class TrainingPhoneWindow(QWidget):
    """The end user's phone in training mode.

    Args:
        clock: the emulator's clock (Unix seconds); codes are computed on it.
        pending_secret: ``(username, pool_id) -> secret`` of the QR code the
            wizard shows — reading it is this phone's way of scanning.
        parent: the wizard's window (the phone closes with it).

    Attributes:
        user_selector: whose phone this is (or every training user's).
        add_button: "Add to authenticator", enabled while a QR code is
            shown that has not been added yet.

    Signals:
        account_added(str): the authenticator has (or replaced) an account.
    """

    account_added = Signal(str)

    def __init__(
        self,
        clock: Callable[[], float],
        pending_secret: Callable[[str, str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("trainingPhone")
        # Appearing beside the wizard must not take the keyboard from it.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._clock = clock
        self._pending_secret = pending_secret
        self._offer: _Offer | None = None
        self._offer_taken = False
        self._lost_signal: set[str] = set()
        self.resize(PHONE_WIDTH, PHONE_HEIGHT)
        self.setMinimumSize(300, 480)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 12)
        outer.setSpacing(8)

        # A phone's status bar: the time (on the emulator's clock) and the signal.
        status = QHBoxLayout()
        self._time = QLabel()
        self._time.setObjectName("phoneClock")
        self._time.setFont(_scaled_font(self, 1.0, bold=True))
        self._bars = SignalBars()
        self._signal = QLabel()
        self._signal.setObjectName("phoneSignal")
        status.addWidget(self._time)
        status.addStretch(1)
        status.addWidget(self._bars, 0, Qt.AlignmentFlag.AlignVCenter)
        status.addWidget(self._signal)
        outer.addLayout(status)

        whose = QHBoxLayout()
        whose_label = QLabel()
        self._whose_label = whose_label
        self.user_selector = QComboBox()
        self.user_selector.setObjectName("phoneUserSelector")
        self.user_selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        whose_label.setBuddy(self.user_selector)
        whose.addWidget(whose_label)
        whose.addWidget(self.user_selector, 1)
        outer.addLayout(whose)

        self._messages_title = self._section()
        outer.addWidget(self._messages_title)
        self._messages = _Feed("")
        self._messages.setObjectName("phoneMessages")
        outer.addWidget(self._messages, 1)

        self._accounts_title = self._section()
        outer.addWidget(self._accounts_title)
        offer = QHBoxLayout()
        self._offer_label = QLabel()
        self._offer_label.setObjectName("phoneScanHint")
        self._offer_label.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addToAuthenticatorButton")
        self.add_button.clicked.connect(self._on_add_clicked)
        offer.addWidget(self._offer_label, 1)
        offer.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(offer)
        self._accounts = _Feed("")
        self._accounts.setObjectName("phoneAuthenticator")
        outer.addWidget(self._accounts, 1)
        self._outer = outer

        help_text = _muted(QLabel())
        self._help_text = help_text
        help_text.setObjectName("phoneHelp")
        help_text.setWordWrap(True)
        help_text.setFont(_scaled_font(self, 0.85))
        outer.addWidget(help_text)

        # Codes, rings and the clock tick while the phone is on screen.
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self.user_selector.currentIndexChanged.connect(self._apply_filter)
        self._retranslate_labels()
        self.set_users([])
        self._update_offer()
        self.refresh()

    # -- setup -----------------------------------------------------------------

    def _section(self) -> QLabel:
        label = QLabel()
        label.setFont(_scaled_font(self, 1.0, bold=True))
        return label

    def _retranslate_labels(self) -> None:
        self.setWindowTitle(self.tr("Training phone"))
        self.setAccessibleName(self.tr("Training phone"))
        self._whose_label.setText(self.tr("&Phone of:"))
        self.user_selector.setAccessibleName(self.tr("Whose phone this is"))
        self._messages_title.setText(self.tr("Messages and email"))
        self._messages.placeholder.setText(
            self.tr("No messages yet. When the wizard signs in an SMS or email-MFA user, the code arrives here.")
        )
        self._messages.setAccessibleName(self.tr("Text messages"))
        self._accounts_title.setText(self.tr("Authenticator"))
        self.add_button.setText(self.tr("&Add to authenticator"))
        self.add_button.setAccessibleName(self.tr("Add to authenticator (scan the QR code)"))
        self._accounts.placeholder.setText(self.tr("No accounts yet."))
        self._accounts.setAccessibleName(self.tr("Authenticator accounts"))
        self._help_text.setText(
            self.tr(
                "This window plays the user's phone. The QR code in the wizard is a real otpauth code: "
                "you can also scan it with an authenticator app on a real phone. Its codes then work "
                "for this training pool only."
            )
        )

    def retranslate(self) -> None:
        """Every label in the current language (the message cards retranslate themselves)."""
        self._retranslate_labels()
        everyone = self.user_selector.findData(_ALL_USERS)
        if everyone >= 0:
            self.user_selector.setItemText(everyone, self.tr("Every training user"))
        self._update_offer()
        self._update_signal()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_users(self, users: Iterable[PhoneUser]) -> None:
        """The training users to choose from; keeps the choice if still there."""
        previous = self.selected_user()
        self.user_selector.blockSignals(True)
        self.user_selector.clear()
        self.user_selector.addItem(self.tr("Every training user"), _ALL_USERS)
        for user in users:
            self.user_selector.addItem(f"{user.username}  ({user.phone})", user.username)
        index = self.user_selector.findData(previous or _ALL_USERS)
        self.user_selector.setCurrentIndex(max(0, index))
        self.user_selector.blockSignals(False)
        self._apply_filter()

    def set_lost_signal(self, usernames: Iterable[str]) -> None:
        """Users whose phone has no signal (their texts never arrive)."""
        self._lost_signal = set(usernames)
        self._update_signal()

    # -- state -------------------------------------------------------------------

    def selected_user(self) -> str | None:
        """The username whose phone this is, or None for every user."""
        return self.user_selector.currentData() or None

    def select_user(self, username: str | None) -> None:
        index = self.user_selector.findData(username or _ALL_USERS)
        if index >= 0:
            self.user_selector.setCurrentIndex(index)

    def follow_user(self, username: str) -> None:
        """The wizard signed this user in: a single-user phone becomes theirs."""
        if self.selected_user() is not None:
            self.select_user(username)

    def sms_cards(self) -> list[SmsCard]:
        """Every message card, newest first (hidden ones included)."""
        return [card for card in self._messages.cards() if isinstance(card, SmsCard)]

    def accounts(self) -> list[AuthenticatorEntry]:
        """Every authenticator account, most recently added first."""
        return [entry for entry in self._accounts.cards() if isinstance(entry, AuthenticatorEntry)]

    def latest_code(self, username: str | None = None) -> str | None:
        """The code of the newest delivered message on screen (for ``username``)."""
        for card in self.sms_cards():
            if card.code and not card.isHidden() and username in (None, card.username):
                return card.code
        return None

    def authenticator_code(self, username: str) -> str | None:
        """The code the authenticator shows for ``username`` right now."""
        for entry in self.accounts():
            if entry.username == username:
                return entry.code()
        return None

    @property
    def offered_username(self) -> str | None:
        return self._offer.username if self._offer else None

    # -- incoming ----------------------------------------------------------------

    @Slot(object)
    def show_sms(self, message: SmsLike) -> None:
        """A text arrived (or was lost on the way); newest goes on top."""
        card = SmsCard(message)
        self._messages.insert_top(card)
        self._apply_filter()

    def offer_secret(self, username: str, pool_id: str, issuer: str) -> None:
        """The wizard shows a (new) QR code for ``username``: it can be scanned."""
        self._offer = _Offer(username, pool_id, issuer)
        self._offer_taken = False
        self._update_offer()

    def withdraw_offer(self) -> None:
        """No QR code on screen any more."""
        self._offer = None
        self._offer_taken = False
        self._update_offer()

    def add_account(
        self, issuer: str, username: str, secret: str, pool_id: str, *, highlight: bool = False
    ) -> AuthenticatorEntry:
        """Put an account into the authenticator (one per issuer and user).

        Adding the same account again replaces its secret, like scanning a
        new QR code; the old code then no longer verifies. The account goes
        to the top of the list, where it is seen at once.
        """
        entry = next(
            (e for e in self.accounts() if (e.issuer, e.username, e.pool_id) == (issuer, username, pool_id)),
            None,
        )
        if entry is None:
            entry = AuthenticatorEntry(issuer, username, secret, pool_id)
        else:
            entry.replace_secret(secret)
            self._accounts.take(entry)
        self._accounts.insert_top(entry)
        for other in self.accounts():
            other.set_highlighted(highlight and other is entry)
        entry.refresh(self._clock())
        self._apply_filter()
        self.account_added.emit(username)
        return entry

    def clear(self) -> None:
        """Forget every message and account (the training data was reset)."""
        self._messages.clear()
        self._accounts.clear()
        self._offer = None
        self._offer_taken = False
        self._update_offer()
        self._apply_filter()

    @Slot()
    def refresh(self) -> None:
        """Recompute the clock, every code and every ring on the emulator's clock."""
        now = self._clock()
        self._time.setText(QDateTime.fromMSecsSinceEpoch(round(now * 1000)).time().toString("HH:mm"))
        for entry in self.accounts():
            entry.refresh(now)

    # -- plumbing ------------------------------------------------------------------

    @Slot()
    def _on_add_clicked(self) -> None:
        offer = self._offer
        if offer is None or self._offer_taken:
            return
        secret = self._pending_secret(offer.username, offer.pool_id)
        if not secret:
            self._offer_label.setText(self.tr("This QR code is no longer valid. Ask the wizard for a new one."))
            return
        self._offer_taken = True
        entry = self.add_account(offer.issuer, offer.username, secret, offer.pool_id, highlight=True)
        self._update_offer()
        self._accounts.ensureWidgetVisible(entry)

    def _update_offer(self) -> None:
        offer = self._offer
        self.add_button.setEnabled(offer is not None and not self._offer_taken)
        if offer is None:
            text, muted = self.tr("When the wizard shows a QR code, add it here."), True
        elif self._offer_taken:
            text, muted = arg(self.tr("Added %1. Type its code into the wizard."), offer.username), False
        else:
            text, muted = arg(self.tr("The wizard shows a QR code for %1."), offer.username), False
        self._offer_label.setText(text)
        _muted(self._offer_label, muted)
        font = self._offer_label.font()
        font.setBold(not muted)
        self._offer_label.setFont(font)

    @Slot()
    def _apply_filter(self) -> None:
        user = self.selected_user()
        cards: list[SmsCard | AuthenticatorEntry] = [*self.sms_cards(), *self.accounts()]
        for card in cards:
            card.setHidden(user is not None and card.username != user)
        self._messages.update_placeholder()
        self._accounts.update_placeholder()
        self._share_height()
        self._update_signal()

    def _share_height(self) -> None:
        """Each list gets height in proportion to what it shows: three
        authenticator accounts must not scroll while the messages sit empty."""

        def shown(feed: _Feed) -> int:
            return sum(not card.isHidden() for card in feed.cards())

        self._outer.setStretchFactor(self._messages, max(1, shown(self._messages)))
        self._outer.setStretchFactor(self._accounts, max(1, shown(self._accounts)))

    def _update_signal(self) -> None:
        user = self.selected_user()
        has_signal = user is None or user not in self._lost_signal
        self._bars.set_signal(has_signal)
        self._signal.setText(self.tr("Signal") if has_signal else self.tr("No signal"))
        self._bars.setAccessibleName(self._signal.text())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)
