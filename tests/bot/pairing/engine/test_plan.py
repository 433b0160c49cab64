"""The weekly pairing engine: hard rules, soft preferences, determinism."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from bot.pairing.engine import Group, History, Person, Round, Rules, plan_round

WEEK = 20


def people(n: int, seed: int = 1) -> list[Person]:
    rng = random.Random(seed)
    keys = ["growth", "ai_ml", "pricing", "discovery", "metrics", "mobile", "career", "gtm"]
    return [
        Person(
            id=100 + i,
            company=rng.choice(["Acme", "Globex", "Initech", None]),
            interests=frozenset(rng.sample(keys, 3)),
            utc_offset=rng.choice([-5.0, 0.0, 1.0, 5.5, None]),
        )
        for i in range(n)
    ]


def met(*pairs: tuple[int, int, int]) -> dict[frozenset[int], int]:
    """(a, b, week) -> History.last_met entries."""
    return {frozenset((a, b)): week for a, b, week in pairs}


def pairs_of(round_: Round) -> set[frozenset[int]]:
    return {frozenset(p) for g in round_.groups for p in combinations(g.members, 2)}


def assert_everyone_once(round_: Round, ids: list[int]) -> None:
    seen = [m for g in round_.groups for m in g.members] + [m for m, _ in round_.unpaired]
    assert sorted(seen) == sorted(ids)
    assert all(2 <= len(g.members) <= 3 for g in round_.groups)
    assert all(list(g.members) == sorted(g.members) for g in round_.groups)


def test_no_members_make_an_empty_round() -> None:
    round_ = plan_round([], History(), WEEK, seed=7)
    assert round_ == Round(groups=(), unpaired=(), seed=7)
    assert (round_.repeats, round_.mean_shared, round_.paired, round_.trios) == (0, 0.0, 0, 0)


def test_one_member_is_unpaired_with_a_kind_reason() -> None:
    round_ = plan_round([Person(5)], History(), WEEK, seed=1)
    assert round_.groups == ()
    assert round_.unpaired == ((5, "nobody else was available this week"),)


def test_two_members_are_paired_and_told_what_they_share() -> None:
    a = Person(1, interests=frozenset({"growth", "pricing"}))
    b = Person(2, interests=frozenset({"growth", "mobile"}))
    round_ = plan_round([a, b], History(), WEEK, seed=1)
    assert round_.groups == (
        Group(members=(1, 2), shared=frozenset({"growth"}), repeat=False, friends=False),
    )
    assert round_.unpaired == ()


def test_three_strangers_make_one_trio() -> None:
    round_ = plan_round([Person(3), Person(1), Person(2)], History(), WEEK, seed=1)
    assert [g.members for g in round_.groups] == [(1, 2, 3)]
    assert round_.trios == 1 and round_.paired == 3


@pytest.mark.parametrize("n", [21, 100])
def test_everyone_is_grouped_exactly_once(n: int) -> None:
    crowd = people(n)
    round_ = plan_round(crowd, History(), WEEK, seed=3)
    assert_everyone_once(round_, [p.id for p in crowd])
    assert round_.unpaired == ()
    assert round_.trios == n % 2
    assert len(round_.groups) == n // 2


def test_odd_count_makes_one_trio_of_strangers() -> None:
    # 1, 2 and 3 have all met recently: a trio must not be built around them.
    crowd = [Person(i) for i in range(1, 8)]
    history = History(last_met=met((1, 2, WEEK - 1), (1, 3, WEEK - 2), (2, 3, WEEK - 3)))
    round_ = plan_round(crowd, history, WEEK, seed=5)
    (trio,) = [g for g in round_.groups if len(g.members) == 3]
    assert not trio.repeat and round_.repeats == 0
    assert not any({a, b} <= set(trio.members) for a, b in [(1, 2), (1, 3), (2, 3)])


def test_blocked_pairs_are_never_grouped() -> None:
    crowd = people(30)
    ids = [p.id for p in crowd]
    rng = random.Random(4)
    blocked = frozenset(frozenset(rng.sample(ids, 2)) for _ in range(60))
    for seed in range(5):
        round_ = plan_round(crowd, History(blocked=blocked), WEEK, seed=seed)
        assert not pairs_of(round_) & blocked
        assert_everyone_once(round_, ids)
        assert round_.unpaired == ()


def test_person_blocked_with_everyone_is_unpaired_with_the_reason() -> None:
    crowd = [Person(i) for i in range(1, 6)]
    blocked = frozenset(frozenset((1, other)) for other in range(2, 6))
    round_ = plan_round(crowd, History(blocked=blocked), WEEK, seed=2)
    assert round_.unpaired == ((1, "everyone available is on a don't-pair list"),)
    assert sorted(len(g.members) for g in round_.groups) == [2, 2]
    assert_everyone_once(round_, [1, 2, 3, 4, 5])


def test_two_members_who_blocked_each_other_are_both_told_why() -> None:
    blocked = frozenset({frozenset((1, 2))})
    round_ = plan_round([Person(1), Person(2)], History(blocked=blocked), WEEK, seed=2)
    assert round_.groups == ()
    assert [m for m, _ in round_.unpaired] == [1, 2]


def test_repeat_is_avoided_when_a_repeat_free_round_exists() -> None:
    crowd = [Person(i, interests=frozenset({"growth"})) for i in range(1, 5)]
    # 1-2 and 3-4 would be the natural pairs but met last week.
    history = History(last_met=met((1, 2, WEEK - 1), (3, 4, WEEK - 1)))
    for seed in range(5):
        round_ = plan_round(crowd, history, WEEK, seed=seed)
        assert round_.repeats == 0
        assert not pairs_of(round_) & {frozenset((1, 2)), frozenset((3, 4))}


def test_pairs_outside_the_window_are_not_repeats() -> None:
    history = History(last_met=met((1, 2, WEEK - 12)))
    round_ = plan_round([Person(1), Person(2)], history, WEEK, seed=1)
    assert round_.repeats == 0 and not round_.groups[0].repeat


def test_least_recent_repeat_when_unavoidable() -> None:
    crowd = [Person(i) for i in range(1, 5)]
    history = History(
        last_met=met(
            (1, 2, WEEK - 1),
            (3, 4, WEEK - 1),
            (1, 3, WEEK - 2),
            (2, 4, WEEK - 2),
            (1, 4, WEEK - 9),
            (2, 3, WEEK - 9),
        )
    )
    round_ = plan_round(crowd, history, WEEK, seed=1)
    assert pairs_of(round_) == {frozenset((1, 4)), frozenset((2, 3))}
    assert round_.repeats == 2 and all(g.repeat for g in round_.groups)
    assert set(round_.repeated_pairs) == {frozenset((1, 4)), frozenset((2, 3))}


def test_only_the_unavoidable_repeats_are_made() -> None:
    # 1 has met everyone recently; the others have not met.
    crowd = [Person(i) for i in range(1, 7)]
    history = History(last_met=met(*((1, other, WEEK - other) for other in range(2, 7))))
    round_ = plan_round(crowd, history, WEEK, seed=1)
    assert round_.repeats == 1
    assert round_.repeated_pairs == (frozenset((1, 6)),)  # the least recent of 1's meetings
    assert round_.unpaired == ()


def test_due_friends_are_grouped_and_it_is_not_a_repeat() -> None:
    crowd = people(10)
    a, b = crowd[0].id, crowd[7].id
    friends = frozenset({frozenset((a, b))})
    history = History(last_met=met((a, b, WEEK - 1)), friends_due=friends)
    for seed in range(5):
        round_ = plan_round(crowd, history, WEEK, seed=seed)
        (group,) = [g for g in round_.groups if a in g.members]
        assert b in group.members and group.friends and not group.repeat
        assert round_.repeats == 0


def test_a_blocked_friendship_is_never_grouped() -> None:
    pair = frozenset((1, 2))
    history = History(blocked=frozenset({pair}), friends_due=frozenset({pair}))
    round_ = plan_round([Person(i) for i in range(1, 5)], history, WEEK, seed=1)
    assert pair not in pairs_of(round_)


def test_same_seed_gives_the_same_round_whatever_the_input_order() -> None:
    crowd = people(41)
    ids = [p.id for p in crowd]
    rng = random.Random(9)
    history = History(
        last_met={frozenset(rng.sample(ids, 2)): WEEK - rng.randint(1, 20) for _ in range(80)},
        blocked=frozenset(frozenset(rng.sample(ids, 2)) for _ in range(5)),
    )
    first = plan_round(crowd, history, WEEK, seed=11)
    shuffled = crowd[:]
    random.Random(2).shuffle(shuffled)
    assert plan_round(shuffled, history, WEEK, seed=11) == first
    assert plan_round(list(reversed(crowd)), history, WEEK, seed=11) == first


def test_different_companies_are_preferred() -> None:
    same = frozenset({"growth", "pricing"})
    crowd = [
        Person(1, company="Acme", interests=same),
        Person(2, company=" acme ", interests=same),  # the same company, typed differently
        Person(3, company="Globex", interests=same),
        Person(4, company="GLOBEX", interests=same),
    ]
    for seed in range(5):
        round_ = plan_round(crowd, History(), WEEK, seed=seed)
        assert frozenset((1, 2)) not in pairs_of(round_)
        assert frozenset((3, 4)) not in pairs_of(round_)


def test_shared_interests_are_preferred() -> None:
    crowd = [
        Person(1, interests=frozenset({"growth", "pricing", "metrics"})),
        Person(2, interests=frozenset({"ai_ml", "devtools", "platform"})),
        Person(3, interests=frozenset({"ai_ml", "platform", "data"})),
        Person(4, interests=frozenset({"growth", "metrics", "career"})),
    ]
    round_ = plan_round(crowd, History(), WEEK, seed=1)
    assert pairs_of(round_) == {frozenset((1, 4)), frozenset((2, 3))}
    assert round_.mean_shared == 2.0


def test_nearby_time_zones_are_preferred() -> None:
    crowd = [
        Person(1, utc_offset=-8.0),
        Person(2, utc_offset=5.5),
        Person(3, utc_offset=-7.0),
        Person(4, utc_offset=6.0),
    ]
    round_ = plan_round(crowd, History(), WEEK, seed=1)
    assert pairs_of(round_) == {frozenset((1, 3)), frozenset((2, 4))}


def test_trio_shares_what_at_least_two_of_them_hold() -> None:
    crowd = [
        Person(1, interests=frozenset({"growth", "pricing"})),
        Person(2, interests=frozenset({"growth", "mobile"})),
        Person(3, interests=frozenset({"mobile", "career"})),
    ]
    (trio,) = plan_round(crowd, History(), WEEK, seed=1).groups
    assert trio.shared == frozenset({"growth", "mobile"})


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        plan_round([Person(1), Person(1)], History(), WEEK, seed=1)


def test_fixed_roster_of_twenty_meets_everyone_once_in_nineteen_weeks() -> None:
    crowd = people(20)
    rules = Rules(repeat_window=52)
    last_met: dict[frozenset[int], int] = {}
    for week in range(19):
        round_ = plan_round(crowd, History(last_met=dict(last_met)), week, seed=week, rules=rules)
        assert round_.repeats == 0 and round_.unpaired == ()
        for pair in pairs_of(round_):
            assert pair not in last_met
            last_met[pair] = week
    assert len(last_met) == 20 * 19 // 2


def test_a_tempting_round_that_would_strand_later_weeks_is_passed_over() -> None:
    # Six people who already met along two perfect matchings: what is left is a prism
    # (two triangles joined by 0-3, 1-4, 2-5). Its best-looking matching, the three
    # joining pairs, leaves two triangles: no repeat-free round next week.
    likes = [frozenset({"growth", "pricing"}), frozenset({"ai_ml", "data"}), frozenset({"gtm"})]
    crowd = [Person(i, interests=likes[i % 3]) for i in range(6)]
    last_met = met((0, 4, 0), (1, 5, 0), (2, 3, 0), (0, 5, 1), (1, 3, 1), (2, 4, 1))
    rules = Rules(repeat_window=52)
    for week in range(2, 5):
        round_ = plan_round(crowd, History(last_met=dict(last_met)), week, seed=1, rules=rules)
        assert round_.repeats == 0, f"week {week}"
        last_met.update({pair: week for pair in pairs_of(round_)})


def test_trio_of_people_who_all_met_counts_three_repeats() -> None:
    history = History(last_met=met((1, 2, WEEK - 1), (1, 3, WEEK - 2), (2, 3, WEEK - 3)))
    round_ = plan_round([Person(1), Person(2), Person(3)], history, WEEK, seed=1)
    (trio,) = round_.groups
    assert trio.members == (1, 2, 3) and trio.repeat
    assert round_.repeats == 3


def test_changing_attendance_stays_repeat_free() -> None:
    crowd = people(24)
    rng = random.Random(8)
    last_met: dict[frozenset[int], int] = {}
    for week in range(30):
        present = rng.sample(crowd, rng.randint(17, 22))
        round_ = plan_round(present, History(last_met=dict(last_met)), week, seed=week)
        assert round_.repeats == 0 and round_.unpaired == (), f"week {week}"
        last_met.update({pair: week for pair in pairs_of(round_)})


def test_trio_is_found_even_when_the_natural_odd_one_out_fits_nowhere() -> None:
    # 2-4 and 3-5 are the best pairs, leaving 1 out; but 1 has met 2 and 3, so 1 cannot
    # join either pair. A repeat-free round still exists: 1 with 4 or 5, and a trio.
    alike = frozenset({"growth", "pricing", "metrics"})
    other = frozenset({"ai_ml", "data", "devtools"})
    crowd = [
        Person(1),
        Person(2, interests=alike),
        Person(3, interests=other),
        Person(4, interests=alike),
        Person(5, interests=other),
    ]
    history = History(last_met=met((1, 2, WEEK - 1), (1, 3, WEEK - 1), (4, 5, WEEK - 1)))
    round_ = plan_round(crowd, history, WEEK, seed=1)
    assert round_.repeats == 0 and round_.trios == 1 and round_.unpaired == ()


def test_dont_pair_lists_never_strand_someone_a_different_trio_would_place() -> None:
    # Everyone met last week, so repeats are unavoidable. 2-3 and 4-5 are the best pairs,
    # but 1 may join neither (1 blocked 2 and 5); a trio 1-3-4 and a pair 2-5 place all.
    alike = frozenset({"growth", "pricing", "metrics"})
    other = frozenset({"ai_ml", "data", "devtools"})
    crowd = [
        Person(1),
        Person(2, interests=alike),
        Person(3, interests=alike),
        Person(4, interests=other),
        Person(5, interests=other),
    ]
    everyone_met = met(*((a, b, WEEK - 1) for a, b in combinations(range(1, 6), 2)))
    blocked = frozenset({frozenset((1, 2)), frozenset((1, 5)), frozenset((2, 4))})
    round_ = plan_round(crowd, History(last_met=everyone_met, blocked=blocked), WEEK, seed=1)
    assert round_.unpaired == ()
    assert [g.members for g in round_.groups] == [(1, 3, 4), (2, 5)]


@pytest.mark.parametrize("n", [12, 13])
def test_a_due_friendship_is_kept_even_when_the_lookahead_prefers_another_round(n: int) -> None:
    """A fixed roster five weeks in: the friends from week 1 meet again in week 6."""
    crowd = people(n, seed=3)
    last_met: dict[frozenset[int], int] = {}
    first_week: Round | None = None
    for week in range(1, 6):
        round_ = plan_round(crowd, History(last_met=dict(last_met)), week, seed=week)
        assert round_.repeats == 0
        first_week = first_week or round_
        last_met.update(dict.fromkeys(pairs_of(round_), week))
    assert first_week is not None and first_week.groups
    for group in first_week.groups:
        friends = frozenset(group.members[:2])
        history = History(last_met=last_met, friends_due=frozenset({friends}))
        round_ = plan_round(crowd, history, 6, seed=6)
        assert friends in pairs_of(round_), f"friends {set(friends)} were not re-paired"
        assert round_.repeats == 0
