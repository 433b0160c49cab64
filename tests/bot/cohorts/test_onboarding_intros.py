"""First-week intros: who a new member meets, chosen without Slack."""

from __future__ import annotations

from collections import Counter

from bot.cohorts.onboarding_intros import first_week_intros, spread_over_days
from bot.pairing.engine import Person


def person(pid: int, interests: str, company: str | None = None) -> Person:
    return Person(id=pid, company=company, interests=frozenset(interests.split()))


def test_newcomers_meet_members_who_share_their_interests() -> None:
    newcomer = person(1, "growth pricing", "Globex")
    veterans = [
        person(10, "hardware"),
        person(11, "growth pricing", "Initech"),
        person(12, "pricing", "Hooli"),
        person(13, "growth pricing", "Globex"),  # same company: a little less useful
    ]
    intros = first_week_intros([newcomer], veterans, per_newcomer=3)
    assert [i.other for i in intros] == [11, 13, 12]
    assert intros[0].shared == frozenset({"growth", "pricing"})


def test_no_existing_member_is_handed_more_than_the_cap() -> None:
    newcomers = [person(i, "growth") for i in range(1, 7)]
    veterans = [person(10, "growth"), person(11, "growth"), person(12, "mobile")]
    intros = first_week_intros(newcomers, veterans, per_newcomer=3, per_veteran=2)
    load = Counter(i.other for i in intros)
    assert max(load.values()) == 2 and sum(load.values()) == 6
    # Turns are shared: every newcomer gets one intro before anyone gets a second.
    assert Counter(i.newcomer for i in intros) == Counter(range(1, 7))


def test_the_first_cohort_meets_each_other() -> None:
    newcomers = [person(i, "growth") for i in range(1, 5)]
    intros = first_week_intros(newcomers, [], per_newcomer=2)
    pairs = {frozenset((i.newcomer, i.other)) for i in intros}
    assert len(pairs) == len(intros)  # nobody is introduced to the same person twice
    per_person = Counter(p for pair in pairs for p in pair)
    assert all(1 <= n <= 2 for n in per_person.values()) and set(per_person) == {1, 2, 3, 4}


def test_nothing_to_do() -> None:
    assert first_week_intros([], [person(1, "growth")]) == []
    assert first_week_intros([person(1, "growth")], [person(2, "growth")], per_newcomer=0) == []


def test_first_week_intros_go_out_one_a_day_for_anyone_and_never_on_the_rounds_day() -> None:
    # Started on a Thursday; the round is on Monday, 4 days later (weekday 4 from the start).
    newcomers = [person(1, "growth"), person(2, "growth")]
    veterans = [person(10, "growth"), person(11, "growth"), person(12, "growth")]
    intros = first_week_intros(newcomers, veterans, per_newcomer=3)
    days = spread_over_days(intros, first_day=1, avoid_weekday=4)
    assert 4 not in days and min(days) >= 1
    for someone in (1, 2, 10, 11, 12):
        theirs = [d for i, d in zip(intros, days, strict=True) if someone in (i.newcomer, i.other)]
        assert len(theirs) == len(set(theirs)), f"two intros on one day for {someone}"
    assert max(days) <= 6  # all within the first week
