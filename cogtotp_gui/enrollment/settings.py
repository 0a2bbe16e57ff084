"""Connection settings as an immutable, validated value.

Persistence (QSettings, keyring) lives in the UI layer; this module only
knows what a valid connection looks like and says precisely what is wrong
with an invalid one.
"""

from __future__ import annotations

import dataclasses
import enum
import ipaddress
import re
from typing import ClassVar
from urllib.parse import urlsplit

# Shapes from the Cognito API reference.
_POOL_ID = re.compile(r"^(?P<region>[a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]{1,45}$")
_REGION = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$")
_CLIENT_ID = re.compile(r"^[0-9A-Za-z]{1,128}$")
# Cognito's own secrets are [\w+]+, but emulators issue others (stock moto:
# UUIDs with hyphens): any printable ASCII without whitespace is accepted.
_CLIENT_SECRET = re.compile(r"^[\x21-\x7e]{1,128}$")
_ISSUER_MAX = 64


class SignInMode(enum.Enum):
    ADMIN = "admin"  # AdminInitiateAuth with the operator's AWS credentials
    USER = "user"  # InitiateAuth, no AWS credentials at all


class SmsAfterEnrollment(enum.Enum):
    DISABLE = "disable"  # the point of the migration: stop depending on SMS
    KEEP = "keep"  # keep SMS enabled as a non-preferred fallback


class SettingsError(ValueError):
    """A field holds a value of the wrong shape.

    Attributes:
        field: the field's name (``user_pool_id``, ``client_id``…).
        message_key: names the sentence the UI shows.
        expected: a human-readable example of the expected shape.
    """

    def __init__(self, field: str, message_key: str, expected: str) -> None:
        self.field = field
        self.message_key = message_key
        self.expected = expected
        super().__init__(f"{field}: expected {expected}")


def region_from_pool_id(pool_id: str) -> str | None:
    match = _POOL_ID.match(pool_id.strip())
    return match.group("region") if match else None


_ENDPOINT_SHAPE = "http(s)://host[:port]"

# An endpoint URL of this plain shape (a letters-digits-dots-hyphens name, an
# optional port and a plain path; nothing either parser could read
# differently: no userinfo, backslash, percent-escape, IPv6 literal,
# non-ASCII name or trailing dot) is parsed alike by ``urlsplit`` and by
# urllib3, so its host is read without importing urllib3: that import (the
# whole package, ~40 ms) would otherwise land before the first paint whenever
# a connection with an endpoint URL is opened (bench/run.py measured start-up
# at 1.60x the bare QWizard instead of 1.30x).
# tests/unit/enrollment/test_settings.py checks the shortcut against urllib3
# on generated URLs of this shape.
PLAIN_ENDPOINT_URL = re.compile(
    r"^(?P<scheme>[Hh][Tt][Tt][Pp][Ss]?)://"
    r"(?P<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
    r"(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?$"
)


class _Connecting:
    """What urllib3 reads from an URL: the parts the checks compare."""

    def __init__(self, scheme: str | None, auth: str | None, host: str) -> None:
        self.scheme, self.auth, self.host = scheme, auth, host


def _as_urllib3_parses(url: str) -> _Connecting:
    """Scheme, userinfo and host (lower case, without brackets) as urllib3,
    which makes the connection under botocore, parses ``url``.

    Raises:
        ValueError: urllib3 cannot parse it.
    """
    plain = PLAIN_ENDPOINT_URL.match(url)
    if plain is not None:
        return _Connecting(plain["scheme"].lower(), None, plain["host"].lower())
    from urllib3.util import parse_url

    parsed = parse_url(url)  # urllib3's LocationParseError is a ValueError
    return _Connecting(parsed.scheme, parsed.auth, (parsed.host or "").strip("[]").lower())


def endpoint_host(url: str) -> str:
    """The host ``url`` really connects to, as the HTTP library that makes
    the connection (urllib3, under botocore) parses it; ``""`` if none.

    ``urlsplit`` and urllib3 disagree on odd URLs: for
    ``http://host.example\\@127.0.0.1:9229`` the first sees 127.0.0.1,
    the second connects to host.example. :func:`check_endpoint_url` refuses
    such URLs outright; this is what every host check asks.
    """
    try:
        return _as_urllib3_parses(url).host
    except ValueError:
        return ""


def is_loopback_host(host: str) -> bool:
    """``localhost`` or a loopback address literal (not a name that merely
    starts with "127.", which resolves wherever DNS says)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_endpoint_url(url: str) -> None:
    """Refuse an endpoint URL the app must not send credentials to.

    The rules (docs/security.md): ``http`` or ``https`` with a host and an
    optional port; no user information (``user@``), no backslash, no
    whitespace or control character; both URL parsers (``urlsplit`` and
    urllib3's, which makes the connection) must see the same host; and
    plain ``http`` only for this computer (``localhost``, 127.0.0.0/8,
    ``::1``), since passwords and codes would otherwise cross the network
    in clear text.

    Raises:
        SettingsError: ``settings.endpoint_url`` for a malformed URL,
            ``settings.endpoint_url_https`` for plain http to another host.
    """
    malformed = SettingsError("endpoint_url", "settings.endpoint_url", _ENDPOINT_SHAPE)
    if _has_control(url) or "\\" in url or any(ch.isspace() for ch in url) or "@" in url:
        raise malformed
    try:
        # urlsplit raises for an unbalanced "[" (an IPv6 host half typed).
        parts = urlsplit(url)
        port = parts.port
        connecting = _as_urllib3_parses(url)
    except ValueError:
        raise malformed from None
    if (
        parts.scheme not in ("http", "https")
        or connecting.scheme != parts.scheme
        or not parts.hostname
        or (port is not None and port <= 0)
        or parts.username is not None
        or connecting.auth is not None
        or endpoint_host(url) != parts.hostname.lower()
    ):
        raise malformed
    if parts.scheme == "http" and not is_loopback_host(parts.hostname.lower()):
        raise SettingsError("endpoint_url", "settings.endpoint_url_https", "https:// (http only for this computer)")


def _has_control(text: str) -> bool:
    return any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text)


# -- one check per field ----------------------------------------------------------
# ConnectionSettings.validate runs them all; a form asks one field at a time
# (field_error), so every wrong field says so at once, without building
# throwaway settings around it.


def check_user_pool_id(value: object) -> None:
    if not isinstance(value, str) or not _POOL_ID.match(value):
        raise SettingsError("user_pool_id", "settings.user_pool_id", "<region>_<id>, e.g. eu-west-1_AbCdEf123")


def check_client_id(value: object) -> None:
    if not isinstance(value, str) or not _CLIENT_ID.match(value):
        raise SettingsError("client_id", "settings.client_id", "1-128 letters and digits")


def check_client_secret(value: object) -> None:
    """``None`` (no secret) or a secret's shape."""
    if value is not None and not (isinstance(value, str) and _CLIENT_SECRET.match(value)):
        raise SettingsError("client_secret", "settings.client_secret", "1-128 printable characters, no spaces")


def check_region(value: object) -> None:
    if value is not None and not (isinstance(value, str) and _REGION.match(value)):
        raise SettingsError("region", "settings.region", "an AWS region, e.g. eu-west-1")


def _check_mode(value: object) -> None:
    if not isinstance(value, SignInMode):
        raise SettingsError("mode", "settings.mode", "admin or user")


def _check_sms_after(value: object) -> None:
    if not isinstance(value, SmsAfterEnrollment):
        raise SettingsError("sms_after", "settings.sms_after", "disable or keep")


def check_issuer(value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _ISSUER_MAX or _has_control(value):
        raise SettingsError("issuer", "settings.issuer", f"1-{_ISSUER_MAX} printable characters")
    if ":" in value:
        raise SettingsError("issuer", "settings.issuer_colon", "no colon (authenticator apps split on it)")


def _check_endpoint_url(value: object) -> None:
    if value is not None:
        if not isinstance(value, str):
            raise SettingsError("endpoint_url", "settings.endpoint_url", _ENDPOINT_SHAPE)
        check_endpoint_url(value)


_FIELD_CHECKS = {
    "user_pool_id": check_user_pool_id,
    "client_id": check_client_id,
    "client_secret": check_client_secret,
    "region": check_region,
    "mode": _check_mode,
    "sms_after": _check_sms_after,
    "issuer": check_issuer,
    "endpoint_url": _check_endpoint_url,
}
# Fields whose empty text means "not given" (None); the others must be typed.
_OPTIONAL = frozenset({"client_secret", "region", "endpoint_url"})
CONNECTION_FIELDS = tuple(_FIELD_CHECKS)


def _as_given(field: str, value: object) -> object:
    """A loosely typed value (command line, form, INI) as a field holds it:
    stripped, empty optional text as ``None``, enums parsed."""
    if isinstance(value, str):
        text: str | None = value.strip()
        if text == "" and field in _OPTIONAL:
            text = None
        value = text
    if field == "mode" and isinstance(value, str):
        try:
            return SignInMode(value.lower())
        except ValueError:
            raise SettingsError("mode", "settings.mode", "admin or user") from None
    if field == "sms_after" and isinstance(value, str):
        try:
            return SmsAfterEnrollment(value.lower())
        except ValueError:
            raise SettingsError("sms_after", "settings.sms_after", "disable or keep") from None
    return value


def field_error(field: str, value: object) -> SettingsError | None:
    """What is wrong with this one connection field's value, as typed, if
    anything: the same check :class:`ConnectionSettings` makes of it.

    The error comes without its traceback (a form keeps it: the frames
    would keep their locals, widgets included, alive).
    """
    try:
        _FIELD_CHECKS[field](_as_given(field, value))
    except SettingsError as error:
        return error.with_traceback(None)
    return None


@dataclasses.dataclass(frozen=True)
class ConnectionSettings:
    """One Cognito app client the wizard enrolls users of.

    Attributes:
        user_pool_id: ``<region>_<id>``, e.g. ``eu-west-1_AbCdEf123``.
        client_id: the app client id.
        client_secret: the app client secret, if the client has one.
        region: derived from the pool id unless overridden.
        mode: admin (IAM) or user (no AWS credentials) sign-in.
        issuer: the label the authenticator app shows above the code.
        endpoint_url: a non-AWS endpoint (the emulator); ``None`` lets boto3
            decide, so ``AWS_ENDPOINT_URL_COGNITO_IDP`` keeps working.
        sms_after: what happens to SMS MFA once TOTP is verified.
        name: the saved profile's name, for the status bar and audit.
    """

    user_pool_id: str
    client_id: str
    client_secret: str | None = dataclasses.field(default=None, repr=False)
    region: str | None = None
    mode: SignInMode = SignInMode.USER
    issuer: str = "Helpdesk"
    endpoint_url: str | None = None
    sms_after: SmsAfterEnrollment = SmsAfterEnrollment.DISABLE
    name: str = ""

    def __post_init__(self) -> None:
        self.validate()

    @classmethod
    def create(cls, **values: object) -> ConnectionSettings:
        """Build from loosely typed input (command line, form, INI): strips
        whitespace, turns empty strings into ``None``, parses enums."""
        clean = {key: _as_given(key, value) for key, value in values.items()}
        if clean.get("issuer") is None:
            clean.pop("issuer", None)
        return cls(**clean)  # type: ignore[arg-type]  # values checked by __post_init__

    def validate(self) -> None:
        """Every field's own check (:func:`field_error` asks one of them)."""
        for name, check in _FIELD_CHECKS.items():
            check(getattr(self, name))

    @property
    def effective_region(self) -> str:
        return self.region or region_from_pool_id(self.user_pool_id) or "us-east-1"

    @property
    def is_local_endpoint(self) -> bool:
        if not self.endpoint_url:
            return False
        return is_loopback_host(endpoint_host(self.endpoint_url))

    def replace(self, **changes: object) -> ConnectionSettings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]  # values checked by __post_init__

    def pool(self, aws_profile: str | None = None) -> PoolSettings:
        """This connection's user pool, without the app client and its secret."""
        return PoolSettings(
            user_pool_id=self.user_pool_id,
            region=self.region,
            endpoint_url=self.endpoint_url,
            aws_profile=aws_profile,
            name=self.name,
        )


@dataclasses.dataclass(frozen=True)
class PoolSettings:
    """A user pool as the inventory reads it (the Migration window and the
    ``inventory`` command): the pool, its region and endpoint, and the AWS
    profile whose credentials read it. No app client, no client secret: an
    inventory never signs a user in (docs/security.md).

    Attributes:
        user_pool_id, region, endpoint_url: as in :class:`ConnectionSettings`.
        aws_profile: the AWS profile (``None``: the default credential chain).
        name: the saved connection it came from, if any.
    """

    # Read with the operator's AWS credentials (ListUsers, AdminGetUser).
    mode: ClassVar[SignInMode] = SignInMode.ADMIN
    client_secret: ClassVar[None] = None

    user_pool_id: str
    region: str | None = None
    endpoint_url: str | None = None
    aws_profile: str | None = None
    name: str = ""

    def __post_init__(self) -> None:
        for field in ("user_pool_id", "region", "endpoint_url"):
            _FIELD_CHECKS[field](getattr(self, field))

    @classmethod
    def create(cls, **values: object) -> PoolSettings:
        """Build from loosely typed input (command line, a saved connection)."""
        clean = {key: _as_given(key, value) for key, value in values.items()}
        if isinstance(clean.get("aws_profile"), str):
            clean["aws_profile"] = str(clean["aws_profile"]).strip() or None
        return cls(**clean)  # type: ignore[arg-type]  # values checked by __post_init__

    @property
    def effective_region(self) -> str:
        return self.region or region_from_pool_id(self.user_pool_id) or "us-east-1"

    @property
    def is_local_endpoint(self) -> bool:
        return bool(self.endpoint_url) and is_loopback_host(endpoint_host(self.endpoint_url or ""))
