"""Saved connections ("profiles") and app preferences.

Two sources, read in this order:

1. **Managed profiles** from IT-provisioned INI files: the file named by
   ``$COGTOTP_PROFILES_INI``, then the system-wide QSettings INI location
   (``QSettings(IniFormat, SystemScope, "cogtotp-gui", "cogtotp-gui")``:
   ``/etc/xdg/cogtotp-gui/cogtotp-gui.ini`` on Linux,
   ``C:\\ProgramData\\cogtotp-gui\\cogtotp-gui.ini`` on Windows) and, on
   macOS, ``/Library/Application Support/cogtotp-gui/cogtotp-gui.ini``
   (see ``docs/it-preconfiguration.md`` for why). They are read-only.
2. **The operator's own profiles** in the user's QSettings (registry,
   plist or ``~/.config/cogtotp-gui/cogtotp-gui.conf``), group
   ``profiles/<name>``; preferences in group ``preferences``.

Client secrets are never written to either: they live in the OS keyring
(service ``cogtotp-gui``, user = profile name), or come from
``$COGTOTP_CLIENT_SECRET``; without a usable keyring they are kept in memory
for this run only. A ``client_secret`` key found in an INI file is ignored
with a warning naming the key, never the value.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices

from cogtotp_gui.enrollment.inputs import normalize_aws_profile
from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError, SignInMode, SmsAfterEnrollment

log = logging.getLogger(__name__)

ORGANIZATION = "cogtotp-gui"
APPLICATION = "cogtotp-gui"
KEYRING_SERVICE = "cogtotp-gui"
ENV_PROFILES_INI = "COGTOTP_PROFILES_INI"
ENV_CLIENT_SECRET = "COGTOTP_CLIENT_SECRET"
# On macOS, QSettings' system INI path is Qt's SettingsPath, which for the
# PySide6 wheel is a folder inside the package (its embedded qt.conf sets
# only the prefix): useless to IT, so a conventional location is read too.
MACOS_MANAGED_INI = "/Library/Application Support/cogtotp-gui/cogtotp-gui.ini"

PROFILES_GROUP = "profiles"
PREFERENCES_GROUP = "preferences"
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
)
PREFERENCE_KEYS = ("language", "idle_timeout_s", "clipboard_clear_s", "last_profile")
# Any key that smells like a credential is refused, not only the exact name:
# "ClientSecret", "secret", "password" in a hand-written INI are as bad.
_SECRET_MARKERS = ("secret", "password", "token")

MAX_NAME = 64
SESSION_TTL_RANGE = (180, 900)  # Cognito's AuthSessionValidity: 3-15 minutes
IDLE_TIMEOUT_RANGE = (30, 3600)
CLIPBOARD_CLEAR_RANGE = (5, 600)
LANGUAGES = ("system", "en", "ja")
# Names as the AWS CLI writes them in ~/.aws/config; no spaces, no brackets.
_AWS_PROFILE = re.compile(r"^[\w.+@-]{1,64}$")


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


# A valid profile to vary one field of at a time (see validate_fields).
_BASELINE: dict[str, Any] = {"name": "n", "user_pool_id": "us-east-1_a", "client_id": "a"}


def validate_fields(values: dict[str, object], client_secret: str | None = None) -> dict[str, SettingsError]:
    """Every invalid field of a form at once, not only the first.

    The core stops at the first bad field; a form wants a message under each
    bad one. The fields are independent, so each is checked on its own
    against a valid baseline.

    Args:
        values: :meth:`Profile.create` keyword arguments, as typed.
        client_secret: the secret as typed (``None``/empty: not checked).

    Returns:
        Field name to its error; empty if the profile is valid.
    """
    errors: dict[str, SettingsError] = {}
    for field, value in values.items():
        try:
            Profile.create(**{**_BASELINE, field: value})
        except SettingsError as error:
            # Kept by forms: without its traceback, which would keep every
            # frame of the call alive (and the widgets in their locals).
            errors.setdefault(error.field, error.with_traceback(None))
    if client_secret:
        try:
            Profile.create(**_BASELINE).to_connection_settings(client_secret)
        except SettingsError as error:
            errors[error.field] = error.with_traceback(None)
    return errors


def _is_secret_key(key: str) -> bool:
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
            default credential chain). A name, never a credential.
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
    managed: bool = False
    source: str | None = None

    def __post_init__(self) -> None:
        check_profile_name(self.name)
        if self.session_ttl_s is not None:
            ttl = _int_in_range(self.session_ttl_s, "session_ttl_s", "settings.session_ttl", SESSION_TTL_RANGE)
            object.__setattr__(self, "session_ttl_s", ttl)
        if self.aws_profile is not None and not _AWS_PROFILE.match(self.aws_profile):
            raise SettingsError(
                "aws_profile", "settings.aws_profile", "an AWS profile name: letters, digits, . _ - + @"
            )
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
    idle_timeout_s: int = 120
    clipboard_clear_s: int = 30
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


def managed_ini_paths() -> list[str]:
    """Every INI file managed profiles are read from, in order (for display).

    The list includes files that do not exist; IT can create any of them.
    """
    paths: list[str] = []
    explicit = os.environ.get(ENV_PROFILES_INI, "").strip()
    if explicit:
        paths.append(explicit)
    if sys.platform == "darwin":
        paths.append(MACOS_MANAGED_INI)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # What QSettings reads for SystemScope on XDG platforms: every
        # $XDG_CONFIG_DIRS entry (default /etc/xdg), app file before org file.
        dirs = QStandardPaths.standardLocations(QStandardPaths.StandardLocation.GenericConfigLocation)[1:]
        paths += [f"{d}/{ORGANIZATION}/{APPLICATION}.ini" for d in dirs]
        paths += [f"{d}/{ORGANIZATION}.ini" for d in dirs]
    else:
        system = QSettings(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, ORGANIZATION, APPLICATION)
        paths.append(system.fileName())
    return paths


def _default_managed_sources() -> list[QSettings]:
    sources: list[QSettings] = []
    explicit = os.environ.get(ENV_PROFILES_INI, "").strip()
    if explicit:
        if not Path(explicit).is_file():
            log.warning("%s names %s, which is not a readable file", ENV_PROFILES_INI, explicit)
        sources.append(QSettings(explicit, QSettings.Format.IniFormat))
    if sys.platform == "darwin":
        sources.append(QSettings(MACOS_MANAGED_INI, QSettings.Format.IniFormat))
    sources.append(QSettings(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, ORGANIZATION, APPLICATION))
    return sources


class ProfileStore:
    """Managed and own profiles, preferences, and where client secrets live.

    Args:
        settings: the operator's own settings; ``None`` uses the platform's
            native user settings for organisation and app ``cogtotp-gui``.
            Tests pass ``QSettings(path, QSettings.IniFormat)``.
        it_ini: managed INI file(s) to read instead of the default
            locations (``$COGTOTP_PROFILES_INI`` and the system-wide ones).

    Attributes:
        problems: managed or stored profiles that were skipped, and why.
    """

    def __init__(
        self,
        settings: QSettings | None = None,
        it_ini: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    ) -> None:
        if settings is None:
            settings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
            # Without this a user-scope read falls back to system scope, and
            # an IT entry would show up as the operator's own, editable one.
            settings.setFallbacksEnabled(False)
        self._settings = settings
        if it_ini is None:
            self._managed_sources = _default_managed_sources()
        else:
            paths = [it_ini] if isinstance(it_ini, (str, os.PathLike)) else list(it_ini)
            self._managed_sources = [QSettings(os.fspath(p), QSettings.Format.IniFormat) for p in paths]
        self._memory_secrets: dict[str, str] = {}
        self._keyring_available: bool | None = None
        self._managed_problems: list[ProfileProblem] = []
        self._own_problems: list[ProfileProblem] = []
        self._managed: list[Profile] = []
        self._managed_preferences: dict[str, Any] = {}
        self._reported_hidden: set[str] = set()
        self.reload()

    # -- reading ------------------------------------------------------------

    def reload(self) -> None:
        """Read the managed INI files again (they change only by IT's hand)."""
        managed: dict[str, Profile] = {}
        preferences: dict[str, Any] = {}
        problems: list[ProfileProblem] = []
        for source in self._managed_sources:
            profiles, skipped = self._read_profiles(source, managed=True)
            problems += skipped
            for profile in profiles:
                managed.setdefault(profile.name.casefold(), profile)
            for key, value in self._read_group(source, PREFERENCES_GROUP, source.fileName()).items():
                preferences.setdefault(key, value)
        self._managed = list(managed.values())
        self._managed_preferences = preferences
        self._managed_problems = problems
        for problem in problems:
            log.warning("skipping profile %r of %s: %s is invalid", problem.profile, problem.source, problem.field)

    @property
    def problems(self) -> list[ProfileProblem]:
        """Profiles that were skipped because a value is invalid, and why."""
        return self._managed_problems + self._own_problems

    def _read_group(self, source: QSettings, group: str, label: str) -> dict[str, Any]:
        """One group's keys, lower-cased, with credential-like keys dropped."""
        source.beginGroup(group)
        try:
            values: dict[str, object] = {}
            for key in source.childKeys():
                if _is_secret_key(key):
                    log.warning(
                        "ignoring key %r in [%s] of %s: client secrets belong in the OS keyring or %s, never in a settings file",
                        key,
                        group,
                        label,
                        ENV_CLIENT_SECRET,
                    )
                    continue
                values[key.lower()] = source.value(key)
            return values
        finally:
            source.endGroup()

    def _read_profiles(self, source: QSettings, *, managed: bool) -> tuple[list[Profile], list[ProfileProblem]]:
        """The valid profiles of ``source``, and a problem for each invalid one."""
        label = source.fileName()
        profiles: list[Profile] = []
        problems: list[ProfileProblem] = []
        # Not beginGroup("profiles") + childGroups(): QSettings parses INI
        # sections lazily and misses "[profiles/Name]" sections (the form
        # IT writes by hand) until something parses the whole file.
        prefix = PROFILES_GROUP + "/"
        names = sorted(
            {
                key[len(prefix) :].split("/", 1)[0]
                for key in source.allKeys()
                if key.startswith(prefix) and key.count("/") >= 2
            }
        )
        for raw_name in names:
            values = self._read_group(source, f"{PROFILES_GROUP}/{raw_name}", label)
            unknown = sorted(set(values) - set(PROFILE_KEYS))
            if unknown:
                log.warning("ignoring unknown keys %s in profile %r of %s", unknown, raw_name, label)
            fields = {key: _text(values.get(key)) for key in PROFILE_KEYS if key in values}
            try:
                profiles.append(
                    Profile.create(name=raw_name, managed=managed, source=label if managed else None, **fields)
                )
            except SettingsError as error:
                problems.append(ProfileProblem(label, raw_name, error.field, error.message_key, error.expected))
        return profiles, problems

    def _own_profiles(self) -> list[Profile]:
        profiles, problems = self._read_profiles(self._settings, managed=False)
        for problem in problems:
            if problem not in self._own_problems:  # once, not on every lookup
                log.warning("skipping own profile %r: %s is invalid", problem.profile, problem.field)
        self._own_problems = problems
        return profiles

    def list(self) -> list[Profile]:
        """Managed profiles first, then the operator's own, each sorted by name.

        An own profile whose name a managed one already uses is hidden: IT's
        definition wins, so a helpdesk cannot drift from it by accident.
        """
        taken = {p.name.casefold() for p in self._managed}
        own = []
        for profile in self._own_profiles():
            if profile.name.casefold() in taken:
                if profile.name not in self._reported_hidden:  # once, not on every lookup
                    self._reported_hidden.add(profile.name)
                    log.warning("own profile %r is hidden by a managed profile of the same name", profile.name)
                continue
            own.append(profile)
        key = lambda p: p.name.casefold()  # noqa: E731  # a sort key, used twice below
        return sorted(self._managed, key=key) + sorted(own, key=key)

    def get(self, name: str) -> Profile | None:
        folded = name.strip().casefold()
        return next((p for p in self.list() if p.name.casefold() == folded), None)

    # -- writing ------------------------------------------------------------

    def _sync(self) -> None:
        self._settings.sync()
        if self._settings.status() != QSettings.Status.NoError:
            raise OSError(f"could not write settings to {self._settings.fileName()}")

    def save(self, profile: Profile, client_secret: str | None = None, *, previous_name: str | None = None) -> None:
        """Save an own profile, and its secret in the keyring.

        Args:
            profile: what to save (``managed`` profiles are refused).
            client_secret: ``None`` keeps the stored secret, ``""`` forgets
                it, anything else replaces it.
            previous_name: the name the profile had, when it is renamed.

        Raises:
            SettingsError: the name is taken or managed, or the secret has
                the wrong shape (``field`` says which).
            OSError: the settings could not be written.
        """
        if profile.managed:
            raise SettingsError("name", "settings.name_managed", "a name not used by a managed profile")
        folded = profile.name.casefold()
        if any(p.name.casefold() == folded for p in self._managed):
            raise SettingsError("name", "settings.name_managed", "a name not used by a managed profile")
        previous = previous_name.casefold() if previous_name else None
        if folded != previous and any(p.name.casefold() == folded for p in self._own_profiles()):
            raise SettingsError("name", "settings.name_taken", "a name no other profile uses")
        # A change of case is a rename too: INI keys are case-sensitive.
        renaming_from = previous_name if previous_name and previous_name != profile.name else None
        if client_secret:
            profile.to_connection_settings(client_secret)  # refuse a malformed secret before writing anything

        carried_secret = None
        if renaming_from is not None:
            carried_secret = self._stored_secret(renaming_from)
            self._settings.remove(f"{PROFILES_GROUP}/{renaming_from}")
            self._forget_secret(renaming_from)
        group = f"{PROFILES_GROUP}/{profile.name}"
        self._settings.remove(group)  # drops any stale or hand-added key
        self._settings.beginGroup(group)
        for key, value in profile.stored_values().items():
            self._settings.setValue(key, value)
        self._settings.endGroup()
        if renaming_from is not None and self.preferences().last_profile == renaming_from:
            self._settings.setValue(f"{PREFERENCES_GROUP}/last_profile", profile.name)
        self._sync()

        if client_secret == "":
            self._forget_secret(profile.name)
        elif client_secret is not None:
            self.set_client_secret(profile.name, client_secret)
        elif carried_secret is not None:
            self.set_client_secret(profile.name, carried_secret)

    def delete(self, name: str) -> None:
        """Remove an own profile and its stored secret.

        Raises:
            SettingsError: the profile is managed (IT removes those).
        """
        profile = self.get(name)
        if profile is None:
            return
        if profile.managed:
            raise SettingsError("name", "settings.name_managed", "an own profile")
        self._settings.remove(f"{PROFILES_GROUP}/{profile.name}")
        if self.preferences().last_profile == profile.name:
            self._settings.remove(f"{PREFERENCES_GROUP}/last_profile")
        self._sync()
        self._forget_secret(profile.name)

    # -- secrets ------------------------------------------------------------

    @property
    def keyring_available(self) -> bool:
        """Whether secrets can be kept in the OS keyring (checked lazily:
        importing keyring costs start-up time the first paint should not pay)."""
        if self._keyring_available is None:
            self._keyring_available = _keyring_usable()
        return self._keyring_available

    def _keyring_failed(self, action: str, exc: Exception) -> None:
        # The exception text of some backends quotes what they were given.
        log.warning("keyring %s failed (%s); keeping client secrets in memory for this run", action, type(exc).__name__)
        self._keyring_available = False

    def _canonical(self, name: str) -> str:
        profile = self.get(name)
        return profile.name if profile is not None else name

    def _stored_secret(self, name: str) -> str | None:
        name = self._canonical(name)
        if name in self._memory_secrets:
            return self._memory_secrets[name]
        if self.keyring_available:
            import keyring

            try:
                return keyring.get_password(KEYRING_SERVICE, name) or None
            except Exception as exc:
                self._keyring_failed("read", exc)
        return None

    def client_secret(self, name: str) -> str | None:
        """The client secret for ``name``: keyring (or this run's memory),
        else ``$COGTOTP_CLIENT_SECRET``, else ``None``."""
        return self._stored_secret(name) or os.environ.get(ENV_CLIENT_SECRET, "").strip() or None

    def has_stored_secret(self, name: str) -> bool:
        return self._stored_secret(name) is not None

    def set_client_secret(self, name: str, secret: str | None) -> bool:
        """Keep ``secret`` for profile ``name`` (managed ones too: IT cannot
        ship secrets in the INI, so the operator enters them once).

        Returns:
            ``True`` if it went to the keyring, ``False`` if it is kept in
            memory for this run only (or was forgotten).

        Raises:
            SettingsError: the profile is unknown or the secret malformed.
        """
        if not secret:
            self._forget_secret(name)
            return False
        profile = self.get(name)
        if profile is None:
            raise SettingsError("name", "settings.profile_unknown", "a saved profile")
        profile.to_connection_settings(secret)  # shape check, field "client_secret"
        if self.keyring_available:
            import keyring

            try:
                keyring.set_password(KEYRING_SERVICE, profile.name, secret)
            except Exception as exc:
                self._keyring_failed("write", exc)
            else:
                self._memory_secrets.pop(profile.name, None)
                return True
        self._memory_secrets[profile.name] = secret
        return False

    def _forget_secret(self, name: str) -> None:
        self._memory_secrets.pop(name, None)
        if self.keyring_available:
            import keyring
            from keyring.errors import PasswordDeleteError

            try:
                keyring.delete_password(KEYRING_SERVICE, name)
            except PasswordDeleteError:
                pass  # nothing was stored
            except Exception as exc:
                self._keyring_failed("delete", exc)

    # -- connection settings --------------------------------------------------

    def to_connection_settings(self, profile: Profile, client_secret: str | None) -> ConnectionSettings:
        return profile.to_connection_settings(client_secret)

    def load_profile(self, name: str) -> ConnectionSettings:
        """The connection for ``--profile NAME``, secret included if known.

        Raises:
            SettingsError: no such profile (``field`` is ``profile``).
        """
        profile = self.get(name)
        if profile is None:
            names = ", ".join(p.name for p in self.list()) or "none saved"
            raise SettingsError("profile", "settings.profile_unknown", f"one of: {names}")
        return profile.to_connection_settings(self.client_secret(profile.name))

    # -- preferences ------------------------------------------------------------

    def preferences(self) -> Preferences:
        """The operator's preferences, else IT's defaults, else built-ins.

        A stored value that is out of range is ignored (with a warning)
        rather than stopping the app from starting.
        """
        own = self._read_group(self._settings, PREFERENCES_GROUP, self._settings.fileName())
        defaults = Preferences()
        values: dict[str, Any] = {}
        for key in PREFERENCE_KEYS:
            for layer in (own, self._managed_preferences):
                if key not in layer:
                    continue
                try:
                    values[key] = getattr(dataclasses.replace(defaults, **{key: layer[key]}), key)
                except SettingsError as error:
                    log.warning("ignoring preference %s: %s", key, error)
                    continue
                break
        return dataclasses.replace(defaults, **values)

    def save_preferences(self, preferences: Preferences) -> None:
        """Write all preferences (validated on construction).

        Raises:
            OSError: the settings could not be written.
        """
        self._settings.beginGroup(PREFERENCES_GROUP)
        self._settings.setValue("language", preferences.language)
        self._settings.setValue("idle_timeout_s", preferences.idle_timeout_s)
        self._settings.setValue("clipboard_clear_s", preferences.clipboard_clear_s)
        if preferences.last_profile:
            self._settings.setValue("last_profile", preferences.last_profile)
        else:
            self._settings.remove("last_profile")
        self._settings.endGroup()
        self._sync()

    def set_last_profile(self, name: str | None) -> None:
        self.save_preferences(dataclasses.replace(self.preferences(), last_profile=name or None))


def _keyring_usable() -> bool:
    """Whether the default keyring backend can actually hold a secret."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception as exc:
        log.warning("no keyring backend (%s)", type(exc).__name__)
        return False
    # fail.Keyring raises on every call; null.Keyring silently forgets.
    return not isinstance(backend, (fail.Keyring, null.Keyring))


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
