"""Loading translations: ours and Qt's own, switchable while the app runs.

Our catalogue ``cogtotp_<lang>.qm`` is read through :mod:`importlib.resources`
so the same code works from a checkout, a wheel and a frozen bundle. Qt's
``qtbase_<lang>.qm`` (standard buttons, QWizard's Back/Next/Finish, the
line-edit context menu…) comes from the Qt installation's translations
folder, which PySide6-Essentials ships, ``qtbase_ja.qm`` included.

Installing or removing a translator makes Qt send every widget a
``QEvent.LanguageChange``; widgets re-set their texts in ``changeEvent``.

English has a catalogue too, ``cogtotp_en.qm``, with only the messages that
carry a count (``tr("%n user(s)", "", n)``): Qt takes the singular and plural
forms from a translation, so without it English would read "1 user(s)".

The sources of our catalogues are ``resources/translations/*.ts``; see
``tools/update_translations.py``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cogtotp_gui.names import UI_LANGUAGES

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"  # the language the code's strings are written in
SUPPORTED = UI_LANGUAGES
CATALOGUE_PREFIX = "cogtotp"

# Translators currently installed by us, so a switch can take them back out.
# Each keeps the bytes it was loaded from alive: QTranslator does not copy
# them. The translators have no Qt parent, so dropping an entry here frees
# the translator and its bytes together, and a switch leaks nothing.
_installed: list[tuple[QTranslator, bytes | None]] = []
_current: str | None = None


def resolve_language(lang: str | None, locale: QLocale | None = None) -> str:
    """The supported language to use for ``lang``.

    Args:
        lang: ``"en"``, ``"ja"``, or ``None``/``"system"`` for the OS setting.
        locale: the locale standing for "the OS setting" (tests pass one);
            ``None`` means ``QLocale.system()``.

    Returns:
        A member of :data:`SUPPORTED`; the OS's first supported UI language,
        else English.

    Raises:
        ValueError: ``lang`` names a language we have no translation for.
    """
    if lang is not None and lang.strip().lower() not in ("", "system"):
        code = lang.strip().lower().replace("_", "-").split("-")[0]
        if code not in SUPPORTED:
            raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(SUPPORTED)} or system")
        return code
    for name in (locale or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return SOURCE_LANGUAGE


def catalogue_bytes(code: str) -> bytes | None:
    """Our compiled catalogue for ``code``, or ``None`` if none is bundled."""
    # The package's own folder first: a checkout, an unpacked wheel and the
    # bundle all have it, and importlib.resources costs ~4-18 ms at start-up.
    path = Path(__file__).with_name("assets") / "translations" / f"{CATALOGUE_PREFIX}_{code}.qm"
    try:
        return path.read_bytes()
    except OSError:
        pass
    from importlib import resources  # a zipped install

    resource = resources.files("cogtotp_gui").joinpath("assets", "translations", f"{CATALOGUE_PREFIX}_{code}.qm")
    try:
        return resource.read_bytes()
    except (FileNotFoundError, OSError):
        return None


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def remove_translations(app: QCoreApplication) -> None:
    """Take out every translator :func:`install_translations` put in."""
    global _current
    for translator, _data in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = None


def install_translations(app: QCoreApplication, lang: str | None) -> list[QTranslator]:
    """Install our catalogue and Qt's for ``lang``, replacing earlier ones.

    Args:
        app: the application.
        lang: ``"en"``, ``"ja"``, or ``None``/``"system"`` for the OS setting.

    Returns:
        The translators now installed.

    Raises:
        ValueError: ``lang`` is not a supported language.
    """
    global _current
    code = resolve_language(lang)
    remove_translations(app)
    loaded: list[tuple[QTranslator, bytes | None]] = []

    qt = QTranslator()
    if qt.load(QLocale(code), "qtbase", "_", qt_translations_dir()):
        loaded.append((qt, None))
    elif code != SOURCE_LANGUAGE:
        log.warning("Qt's own %s translation (qtbase_%s.qm) was not found in %s", code, code, qt_translations_dir())

    # English too: its catalogue holds the singular and plural forms of counts.
    data = catalogue_bytes(code)
    ours = QTranslator()
    if data is not None and ours.load(data):
        loaded.append((ours, data))  # installed last: searched first
    elif code != SOURCE_LANGUAGE:
        log.warning("no usable %s_%s.qm bundled; showing English", CATALOGUE_PREFIX, code)
    else:
        log.warning('no usable %s_en.qm bundled; counts read "(s)"', CATALOGUE_PREFIX)

    for translator, _data in loaded:
        app.installTranslator(translator)
    _installed.extend(loaded)
    _current = code
    return [translator for translator, _data in loaded]


def current_language() -> str | None:
    """The language last installed, or ``None`` before the first install."""
    return _current
