"""Counts in the command line's plain-English output: "1 user", "2 users".

The window says every count through Qt's numerus forms
(``self.tr("%n user(s)", "", n)``, with ``cogtotp_en.ts`` giving English its
singular and plural). The command-line tools (``--roster`` notes,
``inventory``, ``session-report``) print English without Qt: they say a
count with :func:`count`. Qt-free, importable before anything else.
"""

from __future__ import annotations

__all__ = ["count"]


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun in the form English uses for it.

    Args:
        n: the count (printed with thousands separators: ``1,234``).
        singular: the noun for one (``"user"``, ``"blank line"``).
        plural: the noun for any other count; ``singular + "s"`` if omitted.

    >>> count(1, "user"), count(0, "user"), count(1234, "entry", "entries")
    ('1 user', '0 users', '1,234 entries')
    """
    return f"{n:,} {singular if n == 1 else (plural if plural is not None else singular + 's')}"
