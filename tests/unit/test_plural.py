"""The command line's English counts: "1 user", never "1 users" (issue 20 #13)."""

from __future__ import annotations

import pytest

from cogtotp_gui.plural import count


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 users"), (1, "1 user"), (2, "2 users"), (1234, "1,234 users")],
)
def test_a_count_takes_the_form_english_uses(n, expected):
    assert count(n, "user") == expected


def test_an_irregular_plural_is_given():
    assert (count(1, "entry", "entries"), count(3, "entry", "entries")) == ("1 entry", "3 entries")
