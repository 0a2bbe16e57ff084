"""What is wrong with a roster, in the user's language: one wording for the
Session menu's dialogs and for ``--roster`` on the command line.

Every message that concerns a line names it. Only QtCore is imported: the
command line says a wrong roster before any window (and in the language
``--lang`` or the settings chose, see :func:`command_line_translate`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from cogtotp_gui.campaign.roster import MAX_ROSTER_BYTES, MAX_ROSTER_USERS, RosterError
from cogtotp_gui.enrollment.usernames import MAX_USERNAME, UsernameProblem
from cogtotp_gui.ui.common.messages import arg

Translate = Callable[[str, str], str]


def roster_error_text(error: RosterError, translation: Translate | None = None) -> str:
    """The sentence for ``error``; ``translation`` defaults to the application's."""
    # Named "translate": the name lupdate looks for.
    translate = translation or QCoreApplication.translate
    line = error.line if error.line is not None else "?"
    reason = error.reason
    if reason == "too_big":
        return arg(
            translate(
                "Roster", "The file is larger than %1 MB; a roster is a list of usernames. Is it the right file?"
            ),
            MAX_ROSTER_BYTES // (1024 * 1024),
        )
    if reason == "encoding":
        return arg(
            translate("Roster", "Line %1 is not UTF-8 text. In Excel, save the file as “CSV UTF-8 (comma delimited)”."),
            line,
        )
    if reason == "csv":
        return arg(
            translate("Roster", "Line %1 cannot be read as CSV (a cell that is far too long, or a stray quote)."), line
        )
    if reason == "empty":
        return translate("Roster", "There is no username in it.")
    if reason == "too_many":
        return arg(
            translate("Roster", "Line %1 is username number %2: a roster has %3 at most. Is it the right file?"),
            line,
            f"{MAX_ROSTER_USERS + 1:,}",
            f"{MAX_ROSTER_USERS:,}",
        )
    if reason == "bad_username":
        if error.problem is UsernameProblem.WHITESPACE:
            return arg(
                translate("Roster", "Line %1 is not a username: it has a space in it. Put one username on each line."),
                line,
            )
        if error.problem is UsernameProblem.TOO_LONG:
            return arg(
                translate("Roster", "Line %1 is not a username: it is longer than %2 characters."), line, MAX_USERNAME
            )
        return arg(
            translate("Roster", "Line %1 is not a username: it has a control or invisible character in it."), line
        )
    return translate("Roster", "The file cannot be opened.")


def command_line_translate(lang: str | None) -> Translate:
    """A translate function for ``lang`` (``None``: the saved or system
    language) that needs no QCoreApplication and changes nothing app-wide."""
    from PySide6.QtCore import QTranslator

    from cogtotp_gui import i18n

    try:
        code = i18n.resolve_language(lang)
    except ValueError:
        code = i18n.SOURCE_LANGUAGE
    data = i18n.catalogue_bytes(code) if code != i18n.SOURCE_LANGUAGE else None
    translator = QTranslator()
    loaded = data is not None and translator.load(data)

    def translate(context: str, text: str) -> str:
        return (translator.translate(context, text) if loaded else "") or text

    # QTranslator reads from the bytes it was given: they live as long as the function.
    translate.__dict__["_keep"] = (translator, data)
    return translate
