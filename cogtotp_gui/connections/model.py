"""Saved connections ("profiles") and preferences: the Qt-free model.

What a profile and the preferences are, and how their values are checked;
:mod:`cogtotp_gui.connections.store` reads and writes them (QSettings, IT's
INI files) and :mod:`cogtotp_gui.connections.secrets` keeps client secrets.
A profile never holds a client secret.
"""

from __future__ import annotations

import dataclasses
import re

from cogtotp_gui.enrollment.inputs import normalize_aws_profile
from cogtotp_gui.enrollment.settings import (
    ConnectionSettings,
    SettingsError,
    SignInMode,
    SmsAfterEnrollment,
    field_error,
)
from cogtotp_gui.names import DEFAULT_CLIPBOARD_CLEAR_S, DEFAULT_IDLE_TIMEOUT_S, LANGUAGE_CHOICES

PROFILE_KEYS = (
    "user_pool_id",
    "client_id",
    "region",
    "mode",
    "issuer",
    "endpoint_url",
    "sms_after",
    "session_ttl_s",
    "aws_profile",
    "campaign",
    "campaign_table",
)
PREFERENCE_KEYS = ("language", "idle_timeout_s", "clipboard_clear_s", "last_profile")
# Any key that smells like a credential is refused, not only the exact name:
# "ClientSecret", "secret", "password" in a hand-written INI are as bad.
_SECRET_MARKERS = ("secret", "password", "token")

MAX_NAME = 64
SESSION_TTL_RANGE = (180, 900)  # Cognito's AuthSessionValidity: 3-15 minutes
IDLE_TIMEOUT_RANGE = (30, 3600)
CLIPBOARD_CLEAR_RANGE = (5, 600)
LANGUAGES = LANGUAGE_CHOICES
# Names as the AWS CLI writes them in ~/.aws/config; no spaces, no brackets.
_AWS_PROFILE = re.compile(r"^[\w.+@-]{1,64}$")
# A team campaign's name (docs/team-campaigns.md: keys c#<name>, <name>#<state>) and a DynamoDB table's.
_CAMPAIGN = re.compile(r"^[\w .:@+-]{1,64}$")
_TABLE = re.compile(r"^[A-Za-z0-9_.-]{3,255}$")
_CAMPAIGN_EXPECTED = "a campaign name: letters, digits, spaces and . : @ + - _"
_TABLE_EXPECTED = "a DynamoDB table name: 3-255 of letters, digits, . _ -"


def _text(value: object) -> str | None:
    """A QSettings value as text. An unquoted INI value with a comma comes
    back as a list; IT writing ``issuer=Acme, Inc.`` means the whole text."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(part) for part in value)
    return str(value)


def _int_in_range(value: object, field: str, key: str, bounds: tuple[int, int]) -> int:
    low, high = bounds
    text = _text(value)
    try:
        number = int(str(text).strip()) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise SettingsError(field, key, f"a whole number of seconds from {low} to {high}")
    return number


def check_profile_name(name: object) -> str:
    """Return the stripped name, or raise :class:`SettingsError` for ``name``."""
    text = name.strip() if isinstance(name, str) else ""
    # A slash would split the QSettings group; control characters have no
    # place in a name shown in a list and written to the audit trail.
    if (
        not text
        or len(text) > MAX_NAME
        or any(ch in text for ch in "/\\")
        or any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text)
    ):
        raise SettingsError("name", "settings.name", f"1-{MAX_NAME} characters, no slash")
    return text


def _check_session_ttl(value: object) -> None:
    if value is not None and (_text(value) or "").strip():
        _int_in_range(value, "session_ttl_s", "settings.session_ttl", SESSION_TTL_RANGE)


def _check_aws_profile(value: object) -> None:
    name = normalize_aws_profile(_text(value))
    if name is not None and not _AWS_PROFILE.match(name):
        raise SettingsError("aws_profile", "settings.aws_profile", "an AWS profile name: letters, digits, . _ - + @")


def _campaign_value(value: object, field: str, pattern: re.Pattern[str], expected: str) -> str | None:
    """A team campaign setting as saved: stripped, ``None`` when empty.

    Raises:
        SettingsError: ``settings.<field>``.
    """
    text = (_text(value) or "").strip()
    if not text:
        return None
    if not pattern.match(text):
        raise SettingsError(field, f"settings.{field}", expected)
    return text


def _check_campaign(value: object) -> None:
    _campaign_value(value, "campaign", _CAMPAIGN, _CAMPAIGN_EXPECTED)


def _check_campaign_table(value: object) -> None:
    _campaign_value(value, "campaign_table", _TABLE, _TABLE_EXPECTED)


_PROFILE_CHECKS = {
    "name": check_profile_name,
    "session_ttl_s": _check_session_ttl,
    "aws_profile": _check_aws_profile,
    "campaign": _check_campaign,
    "campaign_table": _check_campaign_table,
}


def profile_field_error(field: str, value: object) -> SettingsError | None:
    """What is wrong with one field of a saved connection, as typed: the
    profile's own fields here, the connection's in
    :func:`cogtotp_gui.enrollment.settings.field_error` (one check each)."""
    check = _PROFILE_CHECKS.get(field)
    if check is None:
        return field_error(field, value)
    try:
        check(value)
    except SettingsError as error:
        return error.with_traceback(None)  # kept by forms: no frames with it
    return None


def validate_fields(values: dict[str, object], client_secret: str | None = None) -> dict[str, SettingsError]:
    """Every invalid field of a form at once, not only the first.

    Args:
        values: :meth:`Profile.create` keyword arguments, as typed.
        client_secret: the secret as typed (``None``/empty: not checked).

    Returns:
        Field name to its error; empty if the profile is valid.
    """
    errors = {field: error for field, value in values.items() if (error := profile_field_error(field, value))}
    if client_secret:
        error = field_error("client_secret", client_secret)
        if error is not None:
            errors["client_secret"] = error
    return errors


def is_secret_key(key: str) -> bool:
    """Whether a settings key looks like a credential (refused in any file)."""
    lower = key.lower()
    return any(marker in lower for marker in _SECRET_MARKERS)


@dataclasses.dataclass(frozen=True)
class Profile:
    """A named connection as saved; never holds the client secret.

    Attributes:
        name: unique (case-insensitively) across managed and own profiles.
        user_pool_id, client_id, region, mode, issuer, endpoint_url,
        sms_after: as in :class:`ConnectionSettings`.
        session_ttl_s: the pool's auth-session validity, for the SMS-code
            countdown; ``None`` means Cognito's default (3 minutes).
        aws_profile: the AWS profile admin mode signs with (``None``: the
            default credential chain). A name, never a credential. A desk
            of a team campaign signs the table's calls with it in either mode.
        campaign, campaign_table: the team campaign this connection's desk
            works on and its DynamoDB table (docs/team-campaigns.md);
            ``None``: none (the single-desk session, as before).
        managed: provisioned by IT; read-only in the UI.
        source: the INI file a managed profile came from.
    """

    name: str
    user_pool_id: str
    client_id: str
    region: str | None = None
    mode: SignInMode = SignInMode.USER
    issuer: str = "Helpdesk"
    endpoint_url: str | None = None
    sms_after: SmsAfterEnrollment = SmsAfterEnrollment.DISABLE
    session_ttl_s: int | None = None
    aws_profile: str | None = None
    campaign: str | None = None
    campaign_table: str | None = None
    managed: bool = False
    source: str | None = None

    def __post_init__(self) -> None:
        check_profile_name(self.name)
        if self.session_ttl_s is not None:
            ttl = _int_in_range(self.session_ttl_s, "session_ttl_s", "settings.session_ttl", SESSION_TTL_RANGE)
            object.__setattr__(self, "session_ttl_s", ttl)
        _check_aws_profile(self.aws_profile)
        object.__setattr__(self, "campaign", _campaign_value(self.campaign, "campaign", _CAMPAIGN, _CAMPAIGN_EXPECTED))
        object.__setattr__(
            self, "campaign_table", _campaign_value(self.campaign_table, "campaign_table", _TABLE, _TABLE_EXPECTED)
        )
        if self.campaign and not self.campaign_table:
            raise SettingsError("campaign_table", "settings.campaign_table_needed", "the team campaign's table")
        self.to_connection_settings(None)  # validates every connection field

    @classmethod
    def create(cls, *, managed: bool = False, source: str | None = None, **values: object) -> Profile:
        """Build from loosely typed input (a form, an INI group).

        Strips whitespace, turns empty strings into ``None`` and parses
        enums, exactly like :meth:`ConnectionSettings.create`.

        Raises:
            SettingsError: naming the first offending field.
        """
        values = dict(values)
        if "client_secret" in values:
            raise TypeError("a Profile never holds the client secret; pass it to ProfileStore.save")
        name = check_profile_name(values.pop("name", ""))
        ttl = values.pop("session_ttl_s", None)
        if ttl is not None and not (_text(ttl) or "").strip():
            ttl = None  # an empty form field or INI value: Cognito's default
        aws_profile = normalize_aws_profile(_text(values.pop("aws_profile", None)))
        campaign, campaign_table = values.pop("campaign", None), values.pop("campaign_table", None)
        _check_campaign(campaign)
        _check_campaign_table(campaign_table)
        unknown = set(values) - set(PROFILE_KEYS)
        if unknown:
            raise TypeError(f"unknown profile fields: {sorted(unknown)}")
        settings = ConnectionSettings.create(name=name, **values)
        return cls(
            name=name,
            user_pool_id=settings.user_pool_id,
            client_id=settings.client_id,
            region=settings.region,
            mode=settings.mode,
            issuer=settings.issuer,
            endpoint_url=settings.endpoint_url,
            sms_after=settings.sms_after,
            session_ttl_s=ttl,  # type: ignore[arg-type]  # normalised in __post_init__
            aws_profile=aws_profile,
            campaign=_text(campaign),
            campaign_table=_text(campaign_table),
            managed=managed,
            source=source,
        )

    def to_connection_settings(self, client_secret: str | None) -> ConnectionSettings:
        """The connection the wizard uses, with the secret from wherever it came."""
        return ConnectionSettings.create(
            name=self.name,
            user_pool_id=self.user_pool_id,
            client_id=self.client_id,
            client_secret=client_secret,
            region=self.region,
            mode=self.mode,
            issuer=self.issuer,
            endpoint_url=self.endpoint_url,
            sms_after=self.sms_after,
        )

    def stored_values(self) -> dict[str, str | int]:
        """What goes into QSettings: plain strings, ``None`` left out."""
        values: dict[str, str | int | None] = {
            "user_pool_id": self.user_pool_id,
            "client_id": self.client_id,
            "region": self.region,
            "mode": self.mode.value,
            "issuer": self.issuer,
            "endpoint_url": self.endpoint_url,
            "sms_after": self.sms_after.value,
            "session_ttl_s": self.session_ttl_s,
            "aws_profile": self.aws_profile,
            "campaign": self.campaign,
            "campaign_table": self.campaign_table,
        }
        return {key: value for key, value in values.items() if value is not None}


@dataclasses.dataclass(frozen=True)
class Preferences:
    """App-wide preferences.

    Attributes:
        language: ``system`` (follow the OS), ``en`` or ``ja``.
        idle_timeout_s: wipe the wizard after this long without input.
        clipboard_clear_s: clear a copied secret after this long.
        last_profile: the profile selected when the app last closed.
    """

    language: str = "system"
    idle_timeout_s: int = DEFAULT_IDLE_TIMEOUT_S
    clipboard_clear_s: int = DEFAULT_CLIPBOARD_CLEAR_S
    last_profile: str | None = None

    def __post_init__(self) -> None:
        # Normalise in place: values arrive as text from INI files and forms.
        language = (_text(self.language) or "").strip().lower()
        if language not in LANGUAGES:
            raise SettingsError("language", "settings.language", "system, en or ja")
        object.__setattr__(self, "language", language)
        object.__setattr__(
            self,
            "idle_timeout_s",
            _int_in_range(self.idle_timeout_s, "idle_timeout_s", "settings.idle_timeout", IDLE_TIMEOUT_RANGE),
        )
        object.__setattr__(
            self,
            "clipboard_clear_s",
            _int_in_range(
                self.clipboard_clear_s, "clipboard_clear_s", "settings.clipboard_clear", CLIPBOARD_CLEAR_RANGE
            ),
        )
        object.__setattr__(self, "last_profile", (_text(self.last_profile) or "").strip() or None)


@dataclasses.dataclass(frozen=True)
class ProfileProblem:
    """A managed (or hand-edited) profile that could not be used, for the UI."""

    source: str
    profile: str
    field: str
    message_key: str
    expected: str
