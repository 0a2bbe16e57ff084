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
from urllib.parse import urlsplit

# Shapes from the Cognito API reference.
_POOL_ID = re.compile(r"^(?P<region>[a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]{1,45}$")
_REGION = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$")
_CLIENT_ID = re.compile(r"^[0-9A-Za-z]{1,128}$")
_CLIENT_SECRET = re.compile(r"^[\w+/=]{1,128}$")
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


def _has_control(text: str) -> bool:
    return any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text)


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
        clean: dict[str, object] = {}
        for key, value in values.items():
            if isinstance(value, str):
                value = value.strip()
                if value == "" and key not in ("user_pool_id", "client_id", "issuer", "name"):
                    value = None
            clean[key] = value
        if isinstance(clean.get("mode"), str):
            try:
                clean["mode"] = SignInMode(str(clean["mode"]).lower())
            except ValueError:
                raise SettingsError("mode", "settings.mode", "admin or user") from None
        if isinstance(clean.get("sms_after"), str):
            try:
                clean["sms_after"] = SmsAfterEnrollment(str(clean["sms_after"]).lower())
            except ValueError:
                raise SettingsError("sms_after", "settings.sms_after", "disable or keep") from None
        if clean.get("issuer") is None:
            clean.pop("issuer", None)
        return cls(**clean)  # type: ignore[arg-type]

    def validate(self) -> None:
        pool = self.user_pool_id
        if not isinstance(pool, str) or not _POOL_ID.match(pool):
            raise SettingsError("user_pool_id", "settings.user_pool_id", "<region>_<id>, e.g. eu-west-1_AbCdEf123")
        if not isinstance(self.client_id, str) or not _CLIENT_ID.match(self.client_id):
            raise SettingsError("client_id", "settings.client_id", "1-128 letters and digits")
        if self.client_secret is not None and not _CLIENT_SECRET.match(self.client_secret):
            raise SettingsError("client_secret", "settings.client_secret", "1-128 letters, digits, + / =")
        if self.region is not None and not _REGION.match(self.region):
            raise SettingsError("region", "settings.region", "an AWS region, e.g. eu-west-1")
        if not isinstance(self.mode, SignInMode):
            raise SettingsError("mode", "settings.mode", "admin or user")
        if not isinstance(self.sms_after, SmsAfterEnrollment):
            raise SettingsError("sms_after", "settings.sms_after", "disable or keep")
        issuer = self.issuer
        if not isinstance(issuer, str) or not issuer.strip() or len(issuer) > _ISSUER_MAX or _has_control(issuer):
            raise SettingsError("issuer", "settings.issuer", f"1-{_ISSUER_MAX} printable characters")
        if ":" in issuer:
            raise SettingsError("issuer", "settings.issuer_colon", "no colon (authenticator apps split on it)")
        if self.endpoint_url is not None:
            try:
                # urlsplit raises for an unbalanced "[" (an IPv6 host half typed).
                parts = urlsplit(self.endpoint_url)
                port_ok = parts.port is None or parts.port > 0
            except ValueError:
                raise SettingsError("endpoint_url", "settings.endpoint_url", "http(s)://host[:port]") from None
            if (
                parts.scheme not in ("http", "https")
                or not parts.hostname
                or not port_ok
                or _has_control(self.endpoint_url)
            ):
                raise SettingsError("endpoint_url", "settings.endpoint_url", "http(s)://host[:port]")

    @property
    def effective_region(self) -> str:
        return self.region or region_from_pool_id(self.user_pool_id) or "us-east-1"

    @property
    def is_local_endpoint(self) -> bool:
        if not self.endpoint_url:
            return False
        host = urlsplit(self.endpoint_url).hostname or ""
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:  # a name such as 127.0.0.1.example.com is not local
            return False

    def replace(self, **changes: object) -> ConnectionSettings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
