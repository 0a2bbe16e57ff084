"""The one rule for what a Cognito username can be.

Cognito's API reference gives the pattern ``[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+``
and a length of 1 to 128: letters, marks, symbols, numbers and punctuation,
so no whitespace, no control or format character (the zero-width space, the
bidi overrides), nothing unassigned. Python's ``re`` has no ``\\p{}``; the
Unicode category of each character (``unicodedata``) is the same test.

Every place that takes a username checks it here, and only here: what the
operator types (:func:`cogtotp_gui.enrollment.inputs.normalize_username`), a
roster line (:mod:`cogtotp_gui.campaign.roster`) and the audit record
(:mod:`cogtotp_gui.enrollment.audit`). Qt-free.
"""

from __future__ import annotations

import enum
import unicodedata

__all__ = ["MAX_USERNAME", "UsernameProblem", "is_username", "username_problem"]

MAX_USERNAME = 128
# The first letter of the Unicode general category: Letter, Mark, Symbol,
# Number, Punctuation. Not Z (separators: spaces, line and paragraph
# separators) and not C (control, format, surrogate, private use, unassigned).
_ALLOWED_CLASSES = frozenset("LMSNP")


class UsernameProblem(enum.Enum):
    """Why a text is not a Cognito username."""

    EMPTY = "empty"
    TOO_LONG = "too_long"  # more than MAX_USERNAME characters
    WHITESPACE = "whitespace"  # a space, tab or line break inside
    CHARACTER = "character"  # a control, format or unassigned character


def username_problem(text: str) -> UsernameProblem | None:
    """What keeps ``text`` (taken as it is, not trimmed) from being a Cognito
    username, or ``None`` if it is one."""
    if not text:
        return UsernameProblem.EMPTY
    if len(text) > MAX_USERNAME:
        return UsernameProblem.TOO_LONG
    problem = None
    for ch in text:
        category = unicodedata.category(ch)
        if category[0] in _ALLOWED_CLASSES:
            continue
        if ch.isspace() or category[0] == "Z":  # tabs and line breaks (Cc) included
            problem = UsernameProblem.WHITESPACE
        else:
            return UsernameProblem.CHARACTER  # the stronger reason: said first
    return problem


def is_username(text: object) -> bool:
    """Whether ``text`` is a string Cognito accepts as a username."""
    return isinstance(text, str) and username_problem(text) is None
