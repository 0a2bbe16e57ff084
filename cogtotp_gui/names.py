"""Names and defaults the whole app shares, each in one place.

Qt-free and import-free: the command line, the start-up reader, the
settings store and the dialogs all read these.
"""

from __future__ import annotations

# The application's name: QApplication's organisation and application name,
# the QSettings paths (``~/.config/cogtotp-gui/cogtotp-gui.conf``, IT's
# ``/etc/xdg/cogtotp-gui/cogtotp-gui.ini``, the registry key), the keyring
# service and the data folder (audit trail, campaign database).
APP_NAME = "cogtotp-gui"
ORGANIZATION = APP_NAME
# The reverse-DNS identifier, one for everything that needs one: the macOS
# bundle (build.spec's CFBundleIdentifier), the operator's own settings there
# (Qt names the plist of QSettings(organisation, application) after
# com.<organisation>.<application> when the organisation has no domain of its
# own: ~/Library/Preferences/com.cogtotp-gui.cogtotp-gui.plist), the managed
# preferences a configuration profile pushes (PayloadType, read from
# /Library/Managed Preferences/<id>.plist) and QCoreApplication's
# organisation domain. tests/packaging/test_bundle_identity.py keeps them in step.
ORGANIZATION_DOMAIN = f"{ORGANIZATION}.com"
BUNDLE_ID = f"com.{ORGANIZATION}.{APP_NAME}"
# Windows Group Policy: the machine policy key IT's ADMX template writes
# (resources/policy/cogtotp-gui.admx), read with QSettings' native format.
WINDOWS_POLICY_KEY = rf"HKEY_LOCAL_MACHINE\Software\Policies\{APP_NAME}"
# macOS managed preferences: what a configuration profile (MDM) installs,
# for every user and for one user; read as plists.
MACOS_MANAGED_PREFERENCES = "/Library/Managed Preferences"

# The one environment variable a client secret comes in.
ENV_CLIENT_SECRET = "COGTOTP_CLIENT_SECRET"
# An extra managed INI file IT points at (docs/it-preconfiguration.md).
ENV_PROFILES_INI = "COGTOTP_PROFILES_INI"
# On macOS, QSettings' system INI path is Qt's SettingsPath, which for the
# PySide6 wheel is a folder inside the package (its embedded qt.conf sets
# only the prefix): useless to IT, so a conventional location is read too.
MACOS_MANAGED_INI = "/Library/Application Support/cogtotp-gui/cogtotp-gui.ini"
PREFERENCES_GROUP = "preferences"

# Interface languages with a catalogue; a preference may also say "system".
UI_LANGUAGES = ("en", "ja")
LANGUAGE_CHOICES = ("system", *UI_LANGUAGES)

# Preference defaults: wipe the wizard after 2 minutes without input; clear a
# copied key after 30 seconds.
DEFAULT_IDLE_TIMEOUT_S = 120
DEFAULT_CLIPBOARD_CLEAR_S = 30

# In the values that prefill the connection page: the name of the saved
# connection that could not be used as saved (its client secret is malformed).
# Here, not in connections.model: the command line reads it before the first
# paint, which must not wait for that module (~6 ms).
UNUSABLE_PROFILE = "unusable_profile"
