"""The seat draw on its own: fairness first, the table's make-up among equals, the seed
for what is left, and a reason for everyone who waits."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.lunches.draw import Candidate, Reason, draw, next_in_line, pair_of


def people(n: int, **fields: object) -> list[Candidate]:
    return [Candidate(key=i, **fields) for i in range(1, n + 1)]  # type: ignore[arg-type]  # test data


def test_members_with_no_seat_this_season_go_first_and_are_told_why_others_wait() -> None:
    fresh = [Candidate(key=i, seats=0) for i in range(1, 4)]
    veterans = [Candidate(key=i, seats=1) for i in range(10, 16)]
    outcome = draw(veterans + fresh, seats=6, seed=1)
    assert {c.key for c in fresh} <= set(outcome.seated)
    assert len(outcome.seated) == 6 and len(outcome.waitlist) == 3
    assert {outcome.reasons[k] for k in outcome.waitlist} == {Reason.BALANCE}
    two_seats = [Candidate(key=99, seats=2)]
    outcome = draw(fresh + two_seats, seats=3, seed=1)
    assert outcome.reasons[99] == Reason.NONE_YET


def test_among_equal_seats_who_asked_longest_without_one_goes_first() -> None:
    patient = [Candidate(key=i, seats=1, misses=3) for i in range(1, 3)]
    others = [Candidate(key=i, seats=1, misses=0) for i in range(10, 20)]
    outcome = draw(others + patient, seats=4, seed=5)
    assert {1, 2} <= set(outcome.seated)
    assert all(outcome.reasons[k] == Reason.BALANCE for k in outcome.waitlist)
    outcome = draw(others[:3] + patient, seats=2, seed=5)
    assert set(outcome.seated) == {1, 2}
    assert {outcome.reasons[k] for k in outcome.waitlist} == {Reason.ASKED_LONGER}


def test_colleagues_sit_apart_and_past_tablemates_too_when_the_equals_allow() -> None:
    same_company = [Candidate(key=i, company="Globex") for i in range(1, 7)]
    others = [Candidate(key=i, company=f"Co{i}") for i in range(10, 16)]
    outcome = draw(same_company + others, seats=6, seed=3)
    companies = [c.company for c in same_company + others if c.key in outcome.seated]
    assert companies.count("Globex") == 1
    met = {pair_of(10, 11), pair_of(12, 13)}
    outcome = draw([*others[:4], Candidate(key=20), Candidate(key=21)], seats=4, seed=3, met=met)
    seated = set(outcome.seated)
    assert not ({10, 11} <= seated or {12, 13} <= seated)


def test_circles_and_levels_are_mixed_among_equals() -> None:
    group = [
        Candidate(key=i, circle=i % 2, level="pm" if i < 5 else "senior_pm") for i in range(1, 9)
    ]
    outcome = draw(group, seats=4, seed=11)
    table = [c for c in group if c.key in outcome.seated]
    assert [c.circle for c in table].count(0) == 2 and len(table) == 4
    assert sorted(c.level or "" for c in table) == ["pm", "pm", "senior_pm", "senior_pm"]


def test_the_seed_breaks_ties_not_the_order_of_sign_up() -> None:
    group = people(10)
    first = draw(group, seats=6, seed=42)
    shuffled = group[:]
    random.Random(0).shuffle(shuffled)
    assert draw(shuffled, seats=6, seed=42) == first
    assert any(draw(group, seats=6, seed=s).seated != first.seated for s in range(1, 6))


def test_a_freed_seat_goes_to_the_strongest_claim_then_the_best_fit() -> None:
    table = [Candidate(key=1, company="Globex"), Candidate(key=2, company="Initech")]
    waiting = [
        Candidate(key=3, seats=1),
        Candidate(key=4, company="Globex"),
        Candidate(key=5, company="Hooli"),
    ]
    chosen = next_in_line(table, waiting, seed=7)
    assert chosen is not None and chosen.key == 5
    assert next_in_line(table, [], seed=7) is None


@settings(max_examples=60, deadline=None)
@given(
    seats=st.integers(3, 12),
    claims=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=0, max_size=40),
    seed=st.integers(0, 2**48),
    companies=st.integers(1, 15),
)
def test_every_draw_fills_the_table_by_claim_and_explains_every_wait(
    seats: int, claims: list[tuple[int, int]], seed: int, companies: int
) -> None:
    group = [
        Candidate(key=i, seats=s, misses=m, company=f"Co{i % 4}") for i, (s, m) in enumerate(claims)
    ]
    outcome = draw(group, seats=seats, seed=seed)
    assert len(outcome.seated) == min(seats, len(group))
    assert set(outcome.seated).isdisjoint(outcome.waitlist)
    assert set(outcome.seated) | set(outcome.waitlist) == {c.key for c in group}
    by_key = {c.key: c for c in group}
    table = [by_key[k] for k in outcome.seated]
    if table:
        weakest_seated = max(c.claim for c in table)
        for key in outcome.waitlist:  # a stronger claim waits only to keep colleagues apart
            if by_key[key].claim < weakest_seated:
                assert outcome.reasons[key] == Reason.COLLEAGUE
    assert set(outcome.reasons) == set(outcome.waitlist)
    if table and outcome.waitlist:  # nobody sits over someone with fewer seats this season
        assert max(c.seats for c in table) <= min(by_key[k].seats for k in outcome.waitlist)
    if len({c.company for c in group}) >= len(table) and len({c.seats for c in group}) == 1:
        assert len({c.company for c in table}) == len(table)


def test_a_colleague_sits_rather_than_someone_with_more_seats_this_season() -> None:
    fresh = [Candidate(key=1, company="Globex"), Candidate(key=2, company="Globex")]
    fresh += [Candidate(key=3, company="Initech")]
    veteran = Candidate(key=9, seats=1, company="Hooli")
    outcome = draw([*fresh, veteran], seats=3, seed=4)
    assert set(outcome.seated) == {1, 2, 3}
    assert outcome.reasons[9] == Reason.NONE_YET
    colleague_free = draw([*fresh, veteran, Candidate(key=4, company="Umbrella")], 3, seed=4)
    assert 4 in colleague_free.seated and 3 in colleague_free.seated
    assert len({1, 2} & set(colleague_free.seated)) == 1
