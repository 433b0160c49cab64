"""Counts read as people say them."""

from __future__ import annotations

from bot.slack.words import all_of, plural


def test_plural_fits_the_noun_to_the_count() -> None:
    assert plural(0, "spot") == "0 spots"
    assert plural(1, "spot") == "1 spot"
    assert plural(2, "spot") == "2 spots"
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"


def test_all_of_says_the_only_or_both_for_small_counts() -> None:
    assert all_of(1, "spot") == "the only spot"
    assert all_of(2, "spot") == "both spots"
    assert all_of(5, "spot") == "all 5 spots"
