"""Circles that can meet: peers and guide share working hours, and the search finds the
better split even when every single swap goes uphill."""

from __future__ import annotations

import random

from bench.circle_grouping import engine_cost, exact_cost, referee_instance
from bot.circles.grouping import Candidate, form_circles
from bot.circles.grouping_search import Roster
from bot.circles.hours import WorkingDay
from tests.bot.circles.candidates import APM, DIRECTOR, PM, SENIOR, VP, guides

LONDON, TOKYO, AUCKLAND = "Europe/London", "Asia/Tokyo", "Pacific/Auckland"
OFFSET = {LONDON: 0.0, TOKYO: 9.0, AUCKLAND: 13.0}


def person(pid: int, level: int, zone: str, company: str | None = None) -> Candidate:
    return Candidate(
        id=pid,
        company=company or f"Co{pid}",
        level=level,
        utc_offset=OFFSET[zone],
        zone_name=zone,
    )


# The community from issue 20: lara, lucy, leon, liam in London; tami, tomo, taki, toru in
# Tokyo; gwen (London) and taro (Tokyo) guide. Before, every seed mixed the two cities.
LONDONERS = [person(1, PM, LONDON), person(2, SENIOR, LONDON)]
LONDONERS += [person(3, PM, LONDON), person(4, SENIOR, LONDON)]
TOKYOITES = [person(5, PM, TOKYO), person(6, SENIOR, TOKYO)]
TOKYOITES += [person(7, SENIOR, TOKYO), person(8, PM, TOKYO)]
GWEN, TARO = person(90, DIRECTOR, LONDON), person(91, DIRECTOR, TOKYO)


def test_two_cities_make_one_circle_each_with_a_guide_from_that_city() -> None:
    for seed in range(5):
        proposal = form_circles([*TOKYOITES, *LONDONERS], [TARO, GWEN], seed)
        assert sorted((c.peers, c.guide) for c in proposal.circles) == [
            ((1, 2, 3, 4), 90),
            ((5, 6, 7, 8), 91),
        ]
        assert sorted(c.hours for c in proposal.circles) == [
            "08:00–20:00 London",
            "08:00–20:00 Tokyo",
        ]
        assert all(c.meets and not c.far for c in proposal.circles)


def test_the_two_city_split_is_the_exact_optimum() -> None:
    peers = [*LONDONERS, *TOKYOITES]
    proposal = form_circles(peers, [GWEN, TARO], seed=0)
    r = Roster.of(peers)
    found, sizes = engine_cost(proposal, r)
    assert found == exact_cost(r, sizes)


def test_the_search_matches_the_exact_optimum_on_small_communities() -> None:
    for k in range(8):
        ps, gs = referee_instance(random.Random(500 + k))
        ps = ps[:16]
        proposal = form_circles(ps, gs, seed=k)
        r = Roster.of(ps)
        found, sizes = engine_cost(proposal, r)
        assert found == exact_cost(r, sizes), k


def test_shared_hours_outweigh_similar_levels() -> None:
    # New York and India share 1½ working hours: levels give way, cities stay together.
    ps = [Candidate(k, f"C{k}", APM, utc_offset=z) for k, z in enumerate([-5.0, -5.0, 5.5, 5.5])]
    ps += [
        Candidate(10 + k, f"D{k}", SENIOR, utc_offset=z)
        for k, z in enumerate([-5.0, -5.0, 5.5, 5.5])
    ]
    for seed in range(3):
        proposal = form_circles(ps, guides(2, level=VP), seed)
        assert sorted(c.peers for c in proposal.circles) == [(0, 1, 10, 11), (2, 3, 12, 13)]
        assert proposal.meeting_share == 1.0


def test_someone_nobody_shares_hours_with_joins_the_nearest_circle_and_is_named() -> None:
    londoners = [person(k, PM, LONDON) for k in range(1, 8)]
    kiwi = person(8, PM, AUCKLAND)
    proposal = form_circles([*londoners, kiwi], [GWEN, person(92, DIRECTOR, LONDON)], seed=1)
    [theirs] = [c for c in proposal.circles if 8 in c.peers]
    assert not theirs.meets
    [(who, why)] = theirs.far
    assert who == 8
    assert why.startswith("Shares only 1 hour with this circle, the nearest for them")
    assert "`/circle move`" in why
    [other] = [c for c in proposal.circles if 8 not in c.peers]
    assert other.meets and other.far == ()
    assert proposal.meeting_share == 0.5


def test_a_guide_far_from_their_peers_is_named() -> None:
    proposal = form_circles(LONDONERS, [person(95, DIRECTOR, AUCKLAND)], seed=1)
    [made] = proposal.circles
    [(who, why)] = made.far
    assert who == 95 and why.startswith("As guide, shares only 1 hour with these peers")
    assert "`/circle guide @person`" in why


def test_a_guide_who_shares_hours_is_preferred() -> None:
    proposal = form_circles(LONDONERS, [person(95, DIRECTOR, AUCKLAND), GWEN], seed=1)
    assert [c.guide for c in proposal.circles] == [90]
    assert proposal.idle_guides == (95,)


def test_a_wider_rule_can_split_cities_that_a_narrow_one_keeps_together() -> None:
    # London and New York share 7 hours of a 08:00–20:00 day; asking for 8 splits them.
    ps = [Candidate(k, f"C{k}", APM, utc_offset=z) for k, z in enumerate([-5.0, -5.0, 0.0, 0.0])]
    ps += [
        Candidate(10 + k, f"D{k}", SENIOR, utc_offset=z)
        for k, z in enumerate([-5.0, -5.0, 0.0, 0.0])
    ]
    day = WorkingDay(shared=8.0)
    relaxed = form_circles(ps, guides(2, level=VP), seed=0)
    strict = form_circles(ps, guides(2, level=VP), seed=0, day=day)
    assert sorted(c.peers for c in relaxed.circles) == [(0, 1, 2, 3), (10, 11, 12, 13)]
    assert sorted(c.peers for c in strict.circles) == [(0, 1, 10, 11), (2, 3, 12, 13)]
