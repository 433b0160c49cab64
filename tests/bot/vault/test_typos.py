"""Near misses of a typed word: what a search falls back to when nothing matches as typed."""

from __future__ import annotations

import pytest

from bot.vault.terms import norm
from bot.vault.typos import MAX_WORDS, near_misses, one_edit_away


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("pricng", "pricing"),  # a letter dropped
        ("roadmpa", "roadmap"),  # two letters swapped
        ("onboardiing", "onboarding"),  # a letter added
        ("retentoon", "retention"),  # a letter changed
    ],
)
def test_one_slip_away_reaches_the_word_meant(typed: str, meant: str) -> None:
    assert norm(meant) in one_edit_away(norm(typed))


def test_short_words_are_not_guessed_at() -> None:
    assert one_edit_away("ux") == () and one_edit_away("okr") == ()
    assert one_edit_away("café") == ()


def test_a_query_falls_back_on_at_most_three_words() -> None:
    atoms = [((word,),) for word in ("pricng", "roadmpa", "onboardng", "retentoon")]
    near = near_misses(atoms)
    assert norm("roadmap") in near and norm("retention") not in near
    assert MAX_WORDS == 3
    assert near_misses([(("gtm",), ("launch", "plan"))]) == ()
