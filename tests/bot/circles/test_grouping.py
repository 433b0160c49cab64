"""Circle forming: sizes, guides, diversity, similar levels, determinism, reasons."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.circles.grouping import Candidate, Proposal, best_circle_for, form_circles
from bot.members.profile_options import level_rank

APM, PM, SENIOR, LEAD, PRINCIPAL, DIRECTOR, VP = range(7)
assert level_rank("senior_pm") == SENIOR and level_rank("vp") == VP


def peers(
    n: int,
    level: int = PM,
    first: int = 1,
    utc_offset: float | None = None,
    interests: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """``n`` peers at one level, each at their own company."""
    return [Candidate(first + k, f"Co{first + k}", level, interests, utc_offset) for k in range(n)]


def guides(n: int, level: int = PRINCIPAL, first: int = 900) -> list[Candidate]:
    return [Candidate(id=first + k, level=level, company=f"GuideCo{k}") for k in range(n)]


def reasons(proposal: Proposal) -> dict[int, str]:
    return dict(proposal.unplaced)


def assert_hard_rules(
    proposal: Proposal, ps: Sequence[Candidate], gs: Sequence[Candidate], gap: int = 2
) -> None:
    level = {m.id: m.level for m in [*ps, *gs]}
    accounted = [p for c in proposal.circles for p in c.peers] + [p for p, _ in proposal.unplaced]
    assert sorted(accounted) == sorted(p.id for p in ps)
    leads = [c.guide for c in proposal.circles]
    assert len(set(leads)) == len(leads)
    assert set(leads) <= {g.id for g in gs}
    assert set(leads).isdisjoint(proposal.idle_guides)
    for c in proposal.circles:
        assert 3 <= len(c.peers) <= 4
        assert list(c.peers) == sorted(c.peers)
        top = level[c.guide]
        assert top is not None
        for p in c.peers:
            mine = level[p]
            assert mine is not None and top >= mine + gap


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
        assert "a circle needs at least 3" in why or "too few were left over" in why


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
        "no guide is free at least two levels above Senior PM"
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
        "every available guide at least two levels above Product Manager is leading another circle"
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
        1: "no guide is free at least two levels above Director of Product",
        2: "no guide is free at least two levels above Director of Product",
    }


# --- unknown levels ----------------------------------------------------------------------


def test_a_peer_with_no_level_waits_because_no_guide_can_be_checked() -> None:
    ps = [*peers(4), Candidate(id=50, company="X")]
    proposal = form_circles(ps, guides(2), seed=1)
    assert [c.peers for c in proposal.circles] == [(1, 2, 3, 4)]
    assert proposal.unplaced == (
        (
            50,
            "their level is not in their profile, so no guide can be checked to be at least "
            "two levels above them",
        ),
    )


def test_a_guide_with_no_level_is_never_used() -> None:
    ps = peers(4)
    proposal = form_circles(ps, [Candidate(id=900)], seed=1)
    assert proposal.circles == ()
    assert proposal.idle_guides == (900,)
    assert set(reasons(proposal).values()) == {
        "no guide is free at least two levels above Product Manager"
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
    zones = [-5.0, -5.0, 5.5, 5.5]
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
    seed=st.integers(0, 1000),
)
def test_hard_rules_hold_for_any_roster(
    levels: list[int | None],
    guide_levels: list[int | None],
    companies: list[str | None],
    seed: int,
) -> None:
    ps = [Candidate(id=k, level=lv, company=companies[k]) for k, lv in enumerate(levels)]
    gs = [Candidate(id=100 + k, level=lv) for k, lv in enumerate(guide_levels)]
    proposal = form_circles(ps, gs, seed)
    assert_hard_rules(proposal, ps, gs)
    used = {c.guide for c in proposal.circles}
    assert sorted([*used, *proposal.idle_guides]) == sorted(g.id for g in gs)


def test_a_large_community_is_placed_with_distinct_companies_in_nearly_every_circle() -> None:
    ps, gs = community(400, seed=9)
    gs += [Candidate(id=2000 + k, level=VP) for k in range(40)]
    proposal = form_circles(ps, gs, seed=1)
    assert_hard_rules(proposal, ps, gs)
    guidable = sum(1 for p in ps if p.level is not None)
    assert proposal.placed >= guidable - 2
    # Four known companies plus unknowns: 4-circles of distinct companies exist for most.
    assert proposal.diverse_share >= 0.9


# --- late joiners ------------------------------------------------------------------------


def circle(
    cid: int, guide_level: int, *members: Candidate
) -> tuple[int, Candidate, list[Candidate]]:
    return (cid, Candidate(id=900 + cid, level=guide_level, company="GuideCo"), list(members))


def test_a_late_joiner_skips_full_circles() -> None:
    newcomer = Candidate(id=1, level=PM, company="Acme")
    full = circle(1, DIRECTOR, *peers(4, first=10))
    open_ = circle(2, DIRECTOR, *peers(3, first=20))
    assert best_circle_for(newcomer, [full, open_])[0] == 2
    cid, why = best_circle_for(newcomer, [full])
    assert cid is None
    assert why == "every circle already has 4 peers"


def test_a_late_joiner_needs_a_guide_two_levels_above() -> None:
    newcomer = Candidate(id=1, level=SENIOR)
    junior = circle(1, LEAD, *peers(3, level=SENIOR, first=10))
    senior = circle(2, DIRECTOR, *peers(3, level=PM, first=20))
    assert best_circle_for(newcomer, [junior, senior])[0] == 2
    assert best_circle_for(newcomer, [junior]) == (
        None,
        "no circle with room has a guide at least two levels above Senior PM",
    )


def test_a_late_joiner_avoids_a_circle_with_a_colleague() -> None:
    newcomer = Candidate(id=1, level=PM, company="Acme")
    with_colleague = circle(1, DIRECTOR, Candidate(10, " ACME", PM), *peers(2, first=11))
    without = circle(2, DIRECTOR, *peers(3, first=20))
    cid, why = best_circle_for(newcomer, [with_colleague, without])
    assert cid == 2
    assert "nobody there works at Acme" in why
    cid, why = best_circle_for(newcomer, [with_colleague])
    assert cid == 1
    assert "every circle that fits has someone from Acme" in why


def test_a_late_joiner_goes_where_levels_are_close() -> None:
    newcomer = Candidate(id=1, level=PM)
    apms = circle(1, VP, *peers(3, level=APM, first=10))
    pms = circle(2, VP, *peers(3, level=PM, first=20))
    assert best_circle_for(newcomer, [apms, pms])[0] == 2


def test_a_late_joiner_goes_where_clocks_are_close() -> None:
    newcomer = Candidate(id=1, level=PM, utc_offset=1.0)
    far = circle(1, VP, *peers(3, first=10, utc_offset=-8.0))
    near = circle(2, VP, *peers(3, first=20, utc_offset=0.0))
    assert best_circle_for(newcomer, [far, near])[0] == 2


def test_a_late_joiner_goes_where_interests_are_shared() -> None:
    newcomer = Candidate(id=1, level=PM, interests=frozenset({"growth", "pricing"}))
    other = circle(1, VP, *peers(3, first=10, interests=frozenset({"mobile"})))
    kindred = circle(2, VP, *peers(3, first=20, interests=frozenset({"growth"})))
    assert best_circle_for(newcomer, [other, kindred])[0] == 2


def test_a_proposed_circle_lists_the_interests_its_peers_share() -> None:
    ps = [
        Candidate(id=1, level=PM, company="A", interests=frozenset({"growth", "pricing"})),
        Candidate(id=2, level=PM, company="B", interests=frozenset({"growth"})),
        Candidate(id=3, level=PM, company="C", interests=frozenset({"pricing", "mobile"})),
    ]
    (made,) = form_circles(ps, guides(1), seed=1).circles
    assert made.shared == frozenset({"growth", "pricing"})


def test_a_late_joiner_is_not_led_by_a_colleague_when_avoidable() -> None:
    newcomer = Candidate(id=1, level=PM, company="Acme")
    led_by_colleague = (1, Candidate(id=901, level=VP, company="Acme"), peers(3, first=10))
    other = (2, Candidate(id=902, level=VP, company="Globex"), peers(3, first=20))
    assert best_circle_for(newcomer, [led_by_colleague, other])[0] == 2


def test_a_late_joiner_without_a_level_or_circles_is_told_why() -> None:
    assert best_circle_for(Candidate(id=1, level=PM), []) == (None, "there are no circles yet")
    cid, why = best_circle_for(Candidate(id=1), [circle(1, VP, *peers(3, first=10))])
    assert cid is None
    assert "level is not in their profile" in why


def test_a_late_joiner_already_in_a_circle_is_refused() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        best_circle_for(Candidate(id=10, level=PM), [circle(1, VP, *peers(3, first=10))])
