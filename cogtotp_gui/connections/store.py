"""Saved connections and preferences on disk: QSettings, policy and IT's INI files.

Three sources, read in this order:

0. **Policy**: Windows Group Policy (``HKLM\\Software\\Policies\\cogtotp-gui``)
   and macOS managed preferences (:mod:`cogtotp_gui.connections.policy`).
   Its connections are managed like the INI files' and come before them;
   the preferences it sets are enforced (the operator's own are ignored).
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

Client secrets are never written to either (see
:mod:`cogtotp_gui.connections.secrets`). A ``client_secret`` key found in an
INI file is ignored with a warning naming the key, never the value.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

from cogtotp_gui.connections import secrets
from cogtotp_gui.connections.model import (
    PREFERENCE_KEYS,
    PROFILE_KEYS,
    Preferences,
    Profile,
    ProfileProblem,
    _text,
    is_secret_key,
)
from cogtotp_gui.connections.policy import (
    ENFORCEABLE_PREFERENCES,
    SettingsSource,
    enforced_preferences,
    policy_sources,
)
from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError, check_client_secret
from cogtotp_gui.names import (
    APP_NAME,
    ENV_CLIENT_SECRET,
    ENV_PROFILES_INI,
    MACOS_MANAGED_INI,
    ORGANIZATION,
    PREFERENCES_GROUP,
)

log = logging.getLogger(__name__)

APPLICATION = APP_NAME
PROFILES_GROUP = "profiles"


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


def _open_registry(key: str) -> SettingsSource:
    """Windows: a registry key through QSettings' native format (subkeys are groups)."""
    return QSettings(key, QSettings.Format.NativeFormat)


def default_policy_sources() -> list[SettingsSource]:
    """This system's policy layers (none on Linux)."""
    return policy_sources(sys.platform, open_registry=_open_registry)


@dataclasses.dataclass(frozen=True)
class SecretState:
    """What is known of one connection's client secret (see :meth:`ProfileStore.secret_lookup`).

    Attributes:
        stored: the secret kept for it (keyring, or this run's memory); None: none.
        keyring: whether this computer's keyring can hold secrets.
        environment: ``$COGTOTP_CLIENT_SECRET``, if set.
    """

    stored: str | None = dataclasses.field(default=None, repr=False)
    keyring: bool = False
    environment: str | None = dataclasses.field(default=None, repr=False)

    @property
    def secret(self) -> str | None:
        """The secret to connect with (:meth:`ProfileStore.client_secret`)."""
        return self.stored or self.environment


class ProfileStore:
    """Managed and own profiles, preferences, and where client secrets live.

    Args:
        settings: the operator's own settings; ``None`` uses the platform's
            native user settings for organisation and app ``cogtotp-gui``.
            Tests pass ``QSettings(path, QSettings.IniFormat)``.
        it_ini: managed INI file(s) to read instead of the default
            locations (``$COGTOTP_PROFILES_INI`` and the system-wide ones).
        policy: the policy layers, most binding first; ``None`` reads this
            system's (:func:`default_policy_sources`). Tests pass
            :func:`cogtotp_gui.connections.policy.policy_sources` with the
            platform they fake.

    Attributes:
        problems: managed or stored profiles that were skipped, and why.
    """

    def __init__(
        self,
        settings: QSettings | None = None,
        it_ini: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        policy: Sequence[SettingsSource] | None = None,
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
        self._policy_sources: list[SettingsSource] = list(policy) if policy is not None else default_policy_sources()
        self._enforced: dict[str, Any] = {}
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
        """Read policy and the managed INI files again (they change only by IT's hand)."""
        managed: dict[str, Profile] = {}
        preferences: dict[str, Any] = {}
        problems: list[ProfileProblem] = []
        # Policy first: its connection of a name hides the INI files' (and
        # the operator's); what it does not enforce is a default like theirs.
        for source in [*self._policy_sources, *self._managed_sources]:
            profiles, skipped = self._read_profiles(source, managed=True)
            problems += skipped
            for profile in profiles:
                managed.setdefault(profile.name.casefold(), profile)
            is_policy = any(source is layer for layer in self._policy_sources)
            for key, value in self._read_group(source, PREFERENCES_GROUP, source.fileName()).items():
                if is_policy and key in ENFORCEABLE_PREFERENCES:
                    continue  # enforced, not a default: an invalid one must not hide the INI's
                preferences.setdefault(key, value)
        self._managed = list(managed.values())
        self._managed_preferences = preferences
        self._enforced = enforced_preferences(self._policy_sources)
        self._managed_problems = problems
        for problem in problems:
            log.warning("skipping profile %r of %s: %s is invalid", problem.profile, problem.source, problem.field)

    @property
    def problems(self) -> list[ProfileProblem]:
        """Profiles that were skipped because a value is invalid, and why."""
        return self._managed_problems + self._own_problems

    def _read_group(self, source: SettingsSource, group: str, label: str) -> dict[str, Any]:
        """One group's keys, lower-cased, with credential-like keys dropped."""
        source.beginGroup(group)
        try:
            values: dict[str, object] = {}
            for key in source.childKeys():
                if is_secret_key(key):
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

    def _read_profiles(self, source: SettingsSource, *, managed: bool) -> tuple[list[Profile], list[ProfileProblem]]:
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
            check_client_secret(client_secret)  # refuse a malformed secret before writing anything

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
            self._keyring_available = secrets.keyring_usable()
        return self._keyring_available

    def _keyring_failed(self, action: str, exc: Exception) -> None:
        # The exception text of some backends quotes what they were given.
        log.warning("keyring %s failed (%s); keeping client secrets in memory for this run", action, type(exc).__name__)
        self._keyring_available = False

    def _canonical(self, name: str) -> str:
        profile = self.get(name)
        return profile.name if profile is not None else name

    def secret_lookup(self, name: str) -> Callable[[], SecretState]:
        """What the store knows of ``name``'s secret, in two halves.

        The settings and this run's memory are read now, on the caller's
        thread (a QSettings object is not shared between threads). The
        keyring is asked when the returned function is called: on a worker,
        from the UI (a backend can block for seconds: Secret Service over
        D-Bus, a macOS Keychain prompt). The function touches nothing of the
        store but its keyring flag, which only ever goes from unknown to
        known, or to False when the keyring fails.
        """
        canonical = self._canonical(name)
        remembered = self._memory_secrets.get(canonical)

        def lookup() -> SecretState:
            stored = remembered
            usable = self.keyring_available
            if stored is None and usable:
                try:
                    stored = secrets.read(canonical)
                except Exception as exc:
                    self._keyring_failed("read", exc)
                    usable = False
            return SecretState(stored=stored, keyring=usable, environment=secrets.from_environment())

        return lookup

    def _stored_secret(self, name: str) -> str | None:
        return self.secret_lookup(name)().stored

    def client_secret(self, name: str) -> str | None:
        """The client secret for ``name``: keyring (or this run's memory),
        else ``$COGTOTP_CLIENT_SECRET``, else ``None``. Asks the keyring
        on this thread: the UI uses :meth:`secret_lookup` on a worker."""
        return self.secret_lookup(name)().secret

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
        check_client_secret(secret)  # field "client_secret"
        if self.keyring_available:
            try:
                secrets.write(profile.name, secret)
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
            try:
                secrets.delete(name)
            except Exception as exc:
                self._keyring_failed("delete", exc)

    # -- connection settings --------------------------------------------------

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

    def locked_preferences(self) -> frozenset[str]:
        """The preferences a policy enforces with a valid value (Settings shows them locked)."""
        locked = set()
        for key, value in self._enforced.items():
            try:
                dataclasses.replace(Preferences(), **{key: value})
            except SettingsError:
                continue
            locked.add(key)
        return frozenset(locked)

    def preferences(self) -> Preferences:
        """Policy's enforced preferences, else the operator's, else IT's
        defaults (policy's, then the INI files'), else built-ins.

        A stored value that is out of range is ignored (with a warning)
        rather than stopping the app from starting.
        """
        own = self._read_group(self._settings, PREFERENCES_GROUP, self._settings.fileName())
        defaults = Preferences()
        values: dict[str, Any] = {}
        for key in PREFERENCE_KEYS:
            for layer in (self._enforced, own, self._managed_preferences):
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
        """Write all preferences (validated on construction) but those a policy enforces.

        Raises:
            OSError: the settings could not be written.
        """
        # What a policy enforces is not the operator's choice: their own
        # value stays as it was, and applies again if the policy goes.
        locked = self.locked_preferences()
        self._settings.beginGroup(PREFERENCES_GROUP)
        for key in ("language", "idle_timeout_s", "clipboard_clear_s"):
            if key not in locked:
                self._settings.setValue(key, getattr(preferences, key))
        if preferences.last_profile:
            self._settings.setValue("last_profile", preferences.last_profile)
        else:
            self._settings.remove("last_profile")
        self._settings.endGroup()
        self._sync()

    def set_last_profile(self, name: str | None) -> None:
        self.save_preferences(dataclasses.replace(self.preferences(), last_profile=name or None))

    # -- the folder of the last file saved or opened (ui/common/files.py) ----------

    def last_folder(self) -> str | None:
        """The folder the operator last saved a file to (or opened a roster from)."""
        value = self._settings.value(f"{PREFERENCES_GROUP}/last_folder")
        return (value.strip() or None) if isinstance(value, str) else None

    def set_last_folder(self, folder: str) -> None:
        """Remember ``folder`` for the next save or open dialog.

        Raises:
            OSError: the settings could not be written.
        """
        self._settings.setValue(f"{PREFERENCES_GROUP}/last_folder", folder)
        self._sync()
