"""Circle forming: sizes, guides, diversity, similar levels, determinism, reasons."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.circles.grouping import GUIDE_ADVICE, Candidate, form_circles
from tests.bot.circles.candidates import (
    APM,
    DIRECTOR,
    LEAD,
    PM,
    PRINCIPAL,
    SENIOR,
    VP,
    assert_hard_rules,
    guides,
    peers,
    reasons,
)

# --- sizes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "sizes", "left"),
    [
        (0, [], 0),
        (1, [], 1),
        (2, [], 2),
        (3, [3], 0),
        (4, [4], 0),
        (5, [4], 1),
        (6, [3, 3], 0),
        (7, [3, 4], 0),
        (8, [4, 4], 0),
        (11, [3, 4, 4], 0),
        (12, [4, 4, 4], 0),
    ],
)
def test_circles_of_three_or_four_place_everyone_the_count_allows(
    n: int, sizes: list[int], left: int
) -> None:
    ps, gs = peers(n), guides(5)
    proposal = form_circles(ps, gs, seed=1)
    assert sorted(len(c.peers) for c in proposal.circles) == sizes
    assert len(proposal.unplaced) == left
    assert_hard_rules(proposal, ps, gs)
    for _, why in proposal.unplaced:
        assert "A circle needs at least 3" in why or "Left over" in why


def test_the_one_left_out_of_five_is_the_one_whose_colleague_is_there() -> None:
    ps = [*peers(3), Candidate(id=10, level=PM, company="Acme"), Candidate(11, "acme ", PM)]
    for seed in range(8):
        proposal = form_circles(ps, guides(2), seed)
        (left,) = [p for p, _ in proposal.unplaced]
        assert left in (10, 11)
        assert proposal.circles[0].same_company_pairs == 0


# --- guides ------------------------------------------------------------------------------


def test_a_guide_only_one_level_above_cannot_lead() -> None:
    ps = peers(4, level=SENIOR)
    proposal = form_circles(ps, guides(3, level=LEAD), seed=1)
    assert proposal.circles == ()
    assert set(reasons(proposal).values()) == {
        f"No guide is free two levels above Senior PM. {GUIDE_ADVICE}"
    }
    assert proposal.idle_guides == (900, 901, 902)


def test_every_guide_is_at_least_the_gap_above_every_peer_in_their_circle() -> None:
    rng = random.Random(7)
    ps = [
        Candidate(id=k, level=rng.randint(APM, PRINCIPAL), company=f"C{k % 9}") for k in range(60)
    ]
    gs = [Candidate(id=500 + k, level=rng.randint(LEAD, VP)) for k in range(20)]
    proposal = form_circles(ps, gs, seed=3)
    assert len(proposal.circles) >= 12
    assert_hard_rules(proposal, ps, gs)


def test_a_wider_gap_needs_more_senior_guides() -> None:
    ps = peers(4, level=PM)
    assert len(form_circles(ps, guides(1, level=LEAD), seed=1).circles) == 1
    proposal = form_circles(ps, guides(1, level=LEAD), seed=1, guide_gap=3)
    assert proposal.circles == ()
    assert "three levels above Product Manager" in proposal.unplaced[0][1]


def test_each_guide_leads_one_circle_and_the_rest_wait_with_a_reason() -> None:
    ps, gs = peers(10), guides(1)
    proposal = form_circles(ps, gs, seed=2)
    assert [len(c.peers) for c in proposal.circles] == [4]
    assert len(proposal.unplaced) == 6
    assert set(reasons(proposal).values()) == {
        f"Every guide two levels above Product Manager already leads a circle. {GUIDE_ADVICE}"
    }


def test_senior_peers_get_the_only_guides_who_can_lead_them() -> None:
    # One VP and one Director: the Principal PMs need the VP, the APMs can take the Director.
    ps = peers(4, level=PRINCIPAL) + peers(4, level=APM, first=20)
    gs = [Candidate(id=900, level=DIRECTOR), Candidate(id=901, level=VP)]
    proposal = form_circles(ps, gs, seed=4)
    guide_of = {p: c.guide for c in proposal.circles for p in c.peers}
    assert all(guide_of[p.id] == 901 for p in ps[:4])
    assert all(guide_of[p.id] == 900 for p in ps[4:])


def test_peers_too_senior_for_any_guide_wait_and_the_rest_are_placed() -> None:
    ps = peers(2, level=DIRECTOR) + peers(4, level=PM, first=10)
    proposal = form_circles(ps, guides(2, level=VP), seed=1)
    assert [c.peers for c in proposal.circles] == [(10, 11, 12, 13)]
    assert reasons(proposal) == {
        1: f"No guide is free two levels above Director of Product. {GUIDE_ADVICE}",
        2: f"No guide is free two levels above Director of Product. {GUIDE_ADVICE}",
    }


# --- unknown levels ----------------------------------------------------------------------


def test_a_peer_with_no_level_waits_because_no_guide_can_be_checked() -> None:
    ps = [*peers(4), Candidate(id=50, company="X")]
    proposal = form_circles(ps, guides(2), seed=1)
    assert [c.peers for c in proposal.circles] == [(1, 2, 3, 4)]
    assert proposal.unplaced == (
        (
            50,
            "No level in their profile, so no guide can be checked to be two levels above "
            "them. Ask them to add it with `/profile`.",
        ),
    )


def test_a_guide_with_no_level_is_never_used() -> None:
    ps = peers(4)
    proposal = form_circles(ps, [Candidate(id=900)], seed=1)
    assert proposal.circles == ()
    assert proposal.idle_guides == (900,)
    assert set(reasons(proposal).values()) == {
        f"No guide is free two levels above Product Manager. {GUIDE_ADVICE}"
    }


# --- soft goals --------------------------------------------------------------------------


def test_colleagues_are_spread_over_circles_when_possible() -> None:
    # Four companies of three, colleagues in the same time zone: sorted naively they would
    # sit together.
    companies = ["Acme", "Globex", "Initech", "Umbrella"]
    ps = [
        Candidate(id=k, company=companies[k // 3], level=PM, utc_offset=float(k // 3))
        for k in range(12)
    ]
    for seed in range(10):
        proposal = form_circles(ps, guides(3), seed)
        assert len(proposal.circles) == 3
        assert proposal.same_company_pairs == 0
        assert proposal.diverse_share == 1.0


def test_company_names_compare_case_insensitively() -> None:
    ps = [Candidate(id=1, company="Acme", level=PM), Candidate(id=2, company=" acme", level=PM)]
    ps += [Candidate(id=3 + k, company=f"C{k}", level=PM) for k in range(4)]
    proposal = form_circles(ps, guides(2), seed=5)
    together = [c for c in proposal.circles if {1, 2} <= set(c.peers)]
    assert together == []


def test_peers_of_one_level_share_a_circle() -> None:
    ps = peers(4, level=APM) + peers(4, level=SENIOR, first=10)
    for seed in range(5):
        proposal = form_circles(ps, guides(2, level=VP), seed)
        assert sorted(c.peers for c in proposal.circles) == [(1, 2, 3, 4), (10, 11, 12, 13)]
        assert proposal.mean_level_spread == 0.0


def test_similar_levels_outweigh_nearby_clocks() -> None:
    # New York and Paris share six working hours: close enough, so levels decide.
    zones = [-5.0, -5.0, 1.0, 1.0]
    ps = [Candidate(id=k, level=APM, company=f"C{k}", utc_offset=z) for k, z in enumerate(zones)]
    ps += [
        Candidate(id=10 + k, level=SENIOR, company=f"D{k}", utc_offset=z)
        for k, z in enumerate(zones)
    ]
    for seed in range(5):
        proposal = form_circles(ps, guides(2, level=VP), seed)
        assert sorted(c.peers for c in proposal.circles) == [(0, 1, 2, 3), (10, 11, 12, 13)]


def test_a_shared_employer_outweighs_a_level_apart() -> None:
    apms = [Candidate(id=k, level=APM, company=c) for k, c in enumerate("AABC")]
    seniors = [Candidate(id=10 + k, level=SENIOR, company=c) for k, c in enumerate("DEFG")]
    proposal = form_circles([*apms, *seniors], guides(2, level=VP), seed=1)
    assert proposal.same_company_pairs == 0
    assert proposal.mean_level_spread == 2.0


def test_a_guide_does_not_lead_a_colleague_when_another_guide_can() -> None:
    ps = [Candidate(id=1, level=PM, company="Acme"), *peers(3, first=2)]
    gs = [Candidate(id=900, level=DIRECTOR, company="acme"), Candidate(901, "Globex", DIRECTOR)]
    for seed in range(5):
        assert form_circles(ps, gs, seed).circles[0].guide == 901


def test_nearby_time_zones_share_a_circle() -> None:
    zones = [-8.0, 9.0, -7.0, 8.0, -8.0, 9.0, -7.0, 8.0]
    ps = [Candidate(id=k, level=PM, company=f"C{k}", utc_offset=z) for k, z in enumerate(zones)]
    proposal = form_circles(ps, guides(2), seed=1)
    assert sorted(c.peers for c in proposal.circles) == [(0, 2, 4, 6), (1, 3, 5, 7)]


# --- determinism and input checks --------------------------------------------------------


def community(n: int, seed: int) -> tuple[list[Candidate], list[Candidate]]:
    rng = random.Random(seed)
    keys = ["growth", "ai_ml", "pricing", "discovery", "metrics", "mobile"]
    ps = [
        Candidate(
            id=k,
            company=rng.choice(["Acme", "Globex", "Initech", "Hooli", None]),
            level=rng.choice([APM, PM, PM, SENIOR, LEAD, None]),
            interests=frozenset(rng.sample(keys, 2)),
            utc_offset=rng.choice([-5.0, 0.0, 1.0, 5.5, None]),
        )
        for k in range(n)
    ]
    gs = [Candidate(id=1000 + k, level=rng.choice([LEAD, DIRECTOR, VP])) for k in range(n // 5)]
    return ps, gs


def test_same_seed_same_proposal_whatever_the_input_order() -> None:
    ps, gs = community(80, seed=3)
    first = form_circles(ps, gs, seed=42)
    rng = random.Random(0)
    for _ in range(3):
        rng.shuffle(ps)
        rng.shuffle(gs)
        assert form_circles(ps, gs, seed=42) == first
    assert first.seed == 42


def test_the_seed_decides_between_equally_good_proposals() -> None:
    ps, gs = peers(12), guides(3)
    proposals = {form_circles(ps, gs, seed).circles for seed in range(10)}
    assert len(proposals) > 1


def test_an_id_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        form_circles([*peers(3), Candidate(id=1)], guides(1), seed=1)
    with pytest.raises(ValueError, match="appears twice"):
        form_circles(peers(3), [Candidate(id=2, level=VP)], seed=1)


def test_a_level_outside_the_ladder_is_refused() -> None:
    with pytest.raises(ValueError, match="level 7"):
        form_circles(peers(3), [Candidate(id=900, level=7)], seed=1)


@settings(max_examples=60, deadline=None)
@given(
    levels=st.lists(st.one_of(st.none(), st.integers(APM, VP)), max_size=30),
    guide_levels=st.lists(st.one_of(st.none(), st.integers(APM, VP)), max_size=8),
    companies=st.lists(st.sampled_from(["A", "B", "C", None]), min_size=30, max_size=30),
    zones=st.lists(st.sampled_from([-8.0, -5.0, 0.0, 5.5, 9.0, 13.0, None]), min_size=38),
    seed=st.integers(0, 1000),
)
def test_hard_rules_hold_for_any_roster(
    levels: list[int | None],
    guide_levels: list[int | None],
    companies: list[str | None],
    zones: list[float | None],
    seed: int,
) -> None:
    ps = [
        Candidate(id=k, level=lv, company=companies[k], utc_offset=zones[k])
        for k, lv in enumerate(levels)
    ]
    gs = [
        Candidate(id=100 + k, level=lv, utc_offset=zones[30 + k])
        for k, lv in enumerate(guide_levels)
    ]
    proposal = form_circles(ps, gs, seed)
    assert_hard_rules(proposal, ps, gs)
    used = {c.guide for c in proposal.circles}
    assert sorted([*used, *proposal.idle_guides]) == sorted(g.id for g in gs)
    for c in proposal.circles:  # a circle that cannot meet names who is there only as nearest
        assert c.meets == (not c.far)
        assert all(who in (*c.peers, c.guide) for who, _ in c.far)


def test_a_large_community_is_placed_with_distinct_companies_in_nearly_every_circle() -> None:
    ps, gs = community(400, seed=9)
    gs += [Candidate(id=2000 + k, level=VP) for k in range(40)]
    proposal = form_circles(ps, gs, seed=1)
    assert_hard_rules(proposal, ps, gs)
    guidable = sum(1 for p in ps if p.level is not None)
    assert proposal.placed >= guidable - 2
    # Four known companies plus unknowns: 4-circles of distinct companies exist for most.
    assert proposal.diverse_share >= 0.9


def test_a_proposed_circle_lists_the_interests_its_peers_share() -> None:
    ps = [
        Candidate(id=1, level=PM, company="A", interests=frozenset({"growth", "pricing"})),
        Candidate(id=2, level=PM, company="B", interests=frozenset({"growth"})),
        Candidate(id=3, level=PM, company="C", interests=frozenset({"pricing", "mobile"})),
    ]
    (made,) = form_circles(ps, guides(1), seed=1).circles
    assert made.shared == frozenset({"growth", "pricing"})
