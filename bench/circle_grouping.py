"""Circle forming's figures, as one JSON object.

    .venv/bin/python -m bench.circle_grouping [--seeds 5]

A synthetic community of 1,000 members: 60 employers with a skewed (Zipf) head count and
10% unknown, levels skewed towards PM / Senior PM, time zones clustered where product
managers live, 3–6 interests each. Two splits of the 1,000:

- ``enough_guides``: 780 peers and 220 guides (most peers can be placed);
- ``scarce_guides``: 900 peers and 100 guides (at most 400 can be placed).

For each: the engine (``form_circles``) and a naive baseline (shuffle the peers into groups
of 4, give each any free guide senior enough), each over several seeds: seconds, peers
placed, share of circles with no two peers from one company, mean level spread, mean
widest clock gap inside a circle. Every engine proposal is checked against the hard rules.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from itertools import combinations

from bot.circles.grouping import Candidate, Proposal, ProposedCircle, form_circles
from bot.circles.grouping_search import clock_gap, company_key
from bot.members.profile_options import INTERESTS

MEMBERS = 1000
COMPANIES = 60
# Level weights, APM .. VP (index = level_rank); the rest of peers have an unknown level.
PEER_LEVELS = (0.12, 0.30, 0.28, 0.16, 0.09, 0.04, 0.0)
PEER_UNKNOWN = 0.01
GUIDE_LEVELS = (0.0, 0.0, 0.0, 0.15, 0.30, 0.35, 0.20)
ZONES = (-8.0, -7.0, -6.0, -5.0, -4.0, -3.0, 0.0, 1.0, 2.0, 3.0, 5.5, 7.0, 8.0, 9.0, 10.0)
ZONE_WEIGHTS = (6, 3, 5, 8, 2, 2, 6, 9, 4, 1, 5, 2, 3, 2, 2)
Former = Callable[[Sequence[Candidate], Sequence[Candidate], int], Proposal]


def community(
    peers: int, guides: int, rng: random.Random
) -> tuple[list[Candidate], list[Candidate]]:
    """``peers`` and ``guides`` with skewed employers, levels, zones and interests."""
    companies = [f"Company {k}" for k in range(COMPANIES)]
    company_weights = [1.0 / (k + 1) ** 1.1 for k in range(COMPANIES)]
    keys = sorted(INTERESTS)
    key_weights = [1.0 / (k + 1) ** 0.7 for k in range(len(keys))]

    def member(i: int, levels: Sequence[float], unknown: float) -> Candidate:
        interests: set[str] = set()
        for _ in range(rng.randint(3, 6)):
            interests.add(rng.choices(keys, key_weights)[0])
        return Candidate(
            id=i,
            company=None if rng.random() < 0.1 else rng.choices(companies, company_weights)[0],
            level=None if rng.random() < unknown else rng.choices(range(7), levels)[0],
            interests=frozenset(interests),
            utc_offset=None if rng.random() < 0.05 else rng.choices(ZONES, ZONE_WEIGHTS)[0],
        )

    made = [member(i, PEER_LEVELS, PEER_UNKNOWN) for i in range(1, peers + 1)]
    leads = [member(i, GUIDE_LEVELS, 0.0) for i in range(peers + 1, peers + guides + 1)]
    return made, leads


def naive(peers: Sequence[Candidate], guides: Sequence[Candidate], seed: int) -> Proposal:
    """Shuffle known-level peers into 4s (a last group of 3 kept); any senior-enough guide."""
    rng = random.Random(seed)
    order = [p for p in peers if p.level is not None]
    rng.shuffle(order)
    free = list(guides)
    rng.shuffle(free)
    circles = []
    for start in range(0, len(order), 4):
        group = order[start : start + 4]
        if len(group) < 3:
            break
        need = max(p.level for p in group if p.level is not None) + 2
        guide = next((g for g in free if g.level is not None and g.level >= need), None)
        if guide is None:
            continue
        free.remove(guide)
        circles.append(_circle(group, guide))
    return Proposal(circles=tuple(circles), unplaced=(), seed=seed)


def _circle(group: Sequence[Candidate], guide: Candidate) -> ProposedCircle:
    levels = [p.level for p in group if p.level is not None]
    same = sum(
        1
        for a, b in combinations(group, 2)
        if company_key(a.company) is not None and company_key(a.company) == company_key(b.company)
    )
    return ProposedCircle(
        peers=tuple(sorted(p.id for p in group)),
        guide=guide.id,
        same_company_pairs=same,
        level_spread=max(levels) - min(levels),
    )


def check(proposal: Proposal, peers: Sequence[Candidate], guides: Sequence[Candidate]) -> None:
    """The hard rules: sizes, guide gap, nobody twice, everyone accounted for."""
    level = {m.id: m.level for m in [*peers, *guides]}
    seen = [p for c in proposal.circles for p in c.peers] + [p for p, _ in proposal.unplaced]
    assert sorted(seen) == sorted(p.id for p in peers)
    leads = [c.guide for c in proposal.circles]
    assert len(set(leads)) == len(leads)
    for c in proposal.circles:
        assert 3 <= len(c.peers) <= 4
        top = level[c.guide]
        assert top is not None
        for p in c.peers:
            mine = level[p]
            assert mine is not None and top >= mine + 2


def widest_clock_gap(proposal: Proposal, zones: dict[int, float | None]) -> float:
    gaps = []
    for c in proposal.circles:
        known = [z for p in c.peers if (z := zones[p]) is not None]
        gaps.append(max((clock_gap(a, b) for a, b in combinations(known, 2)), default=0.0))
    return statistics.fmean(gaps) if gaps else 0.0


def measure(form: Former, peers: int, guides: int, seeds: int, verify: bool) -> dict:
    times, placed, diverse, spread, clocks, circles = [], [], [], [], [], []
    for seed in range(seeds):
        ps, gs = community(peers, guides, random.Random(1000 + seed))
        began = time.perf_counter()
        proposal = form(ps, gs, seed)
        times.append(time.perf_counter() - began)
        if verify:
            check(proposal, ps, gs)
        zones = {p.id: p.utc_offset for p in ps}
        placed.append(proposal.placed)
        circles.append(len(proposal.circles))
        diverse.append(proposal.diverse_share)
        spread.append(proposal.mean_level_spread)
        clocks.append(widest_clock_gap(proposal, zones))
    return {
        "seconds_median": round(statistics.median(times), 3),
        "seconds_max": round(max(times), 3),
        "peers_placed_mean": round(statistics.fmean(placed), 1),
        "circles_mean": round(statistics.fmean(circles), 1),
        "share_circles_no_same_company_peers": round(statistics.fmean(diverse), 4),
        "mean_level_spread": round(statistics.fmean(spread), 3),
        "mean_widest_clock_gap_hours": round(statistics.fmean(clocks), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    figures: dict = {"members": MEMBERS, "companies": COMPANIES, "seeds": args.seeds}
    for name, peers in (("enough_guides", 780), ("scarce_guides", 900)):
        guides = MEMBERS - peers
        figures[name] = {
            "peers": peers,
            "guides": guides,
            "engine": measure(form_circles, peers, guides, args.seeds, verify=True),
            "naive_baseline": measure(naive, peers, guides, args.seeds, verify=False),
        }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
