"""Circle forming's figures, as one JSON object.

    .venv/bin/python -m bench.circle_grouping [--seeds 3] [--referee 50] [--today REV]

1. Communities of 40, 200 and 1,000 members (22% guides) drawn from where product managers
   live: Americas, Europe and Asia-Pacific clusters plus a few outliers (Honolulu, Dubai,
   Auckland); 60 employers with a skewed head count and 10% unknown; levels skewed towards
   PM / Senior PM. For each: seconds, peers placed, share of circles whose peers and guide
   share ``CIRCLE_SHARED_HOURS`` of their working day (and how many people the proposal
   names as being in the nearest circle only), share with no two peers from one company,
   mean level spread, mean widest clock gap. Every proposal is checked against the hard
   rules; a naive baseline (shuffle into 4s, any senior-enough guide) runs alongside.
2. The referee: ``--referee`` random communities of 8–30 peers, where any guide may lead
   any circle; the engine's total ``circle_cost`` against the exact optimum for the same
   circle sizes (set partitioning with scipy's ``milp``).
3. ``--today REV``: the same figures for the engine at git revision REV, in a subprocess
   on a copy of that revision's ``bot/`` (this bench's measures and ``circles/hours.py``
   added), so both engines see exactly the same inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from bot.circles.grouping import Candidate, Proposal, ProposedCircle, form_circles
from bot.circles.grouping_search import Roster, circle_cost, clock_gap, company_key
from bot.circles.hours import WorkingDay, shared_run, window
from bot.members.profile_options import INTERESTS

SIZES = (40, 200, 1000)
GUIDE_SHARE = 0.22
COMPANIES = 60
DAY = WorkingDay()  # 08:00–20:00 in each member's own zone, 2 hours shared
# Level weights, APM .. VP (index = level_rank); the rest of peers have an unknown level.
PEER_LEVELS = (0.12, 0.30, 0.28, 0.16, 0.09, 0.04, 0.0)
GUIDE_LEVELS = (0.0, 0.0, 0.0, 0.15, 0.30, 0.35, 0.20)
# (UTC offset, weight): Americas, Europe / Africa, Asia-Pacific, then the outliers.
ZONES = (
    (-8.0, 6), (-7.0, 3), (-6.0, 5), (-5.0, 8), (-4.0, 2), (-3.0, 2),
    (0.0, 6), (1.0, 9), (2.0, 4), (3.0, 1),
    (5.5, 5), (7.0, 2), (8.0, 3), (9.0, 2), (10.0, 2),
    (-10.0, 0.4), (4.0, 0.4), (13.0, 0.4),
)  # fmt: skip
Former = Callable[[Sequence[Candidate], Sequence[Candidate], int], Proposal]


def member(i: int, levels: Sequence[float], rng: random.Random) -> Candidate:
    keys = sorted(INTERESTS)
    interests = {rng.choices(keys, [1 / (k + 1) ** 0.7 for k in range(len(keys))])[0]}
    while len(interests) < rng.randint(3, 6):
        interests.add(rng.choice(keys))
    company = rng.choices(range(COMPANIES), [1 / (k + 1) ** 1.1 for k in range(COMPANIES)])[0]
    return Candidate(
        id=i,
        company=None if rng.random() < 0.1 else f"Company {company}",
        level=None if rng.random() < 0.01 else rng.choices(range(7), levels)[0],
        interests=frozenset(interests),
        utc_offset=None if rng.random() < 0.05 else rng.choices(*zip(*ZONES, strict=True))[0],
    )


def community(size: int, rng: random.Random) -> tuple[list[Candidate], list[Candidate]]:
    """Peers and guides of a community of ``size`` members."""
    guides = round(size * GUIDE_SHARE)
    peers = [member(i, PEER_LEVELS, rng) for i in range(1, size - guides + 1)]
    return peers, [member(i, GUIDE_LEVELS, rng) for i in range(size - guides + 1, size + 1)]


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
        if guide is not None:
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


def meets(circle: ProposedCircle, zones: dict[int, float | None]) -> bool:
    """Whether peers and guide share ``DAY.shared`` hours (measured here, for any engine)."""
    bits = -1
    for m in (*circle.peers, circle.guide):
        bits &= window(DAY, zones[m])
    return shared_run(bits & ((1 << 96) - 1)) >= DAY.need


def widest_clock_gap(circle: ProposedCircle, zones: dict[int, float | None]) -> float:
    known = [z for p in circle.peers if (z := zones[p]) is not None]
    return max((clock_gap(a, b) for a, b in combinations(known, 2)), default=0.0)


def measure(form: Former, size: int, seeds: int, verify: bool) -> dict:
    rows: dict[str, list[float]] = {}
    for seed in range(seeds):
        peers, guides = community(size, random.Random(1000 * size + seed))
        began = time.perf_counter()
        proposal = form(peers, guides, seed)
        took = time.perf_counter() - began
        if verify:
            check(proposal, peers, guides)
        zones = {m.id: m.utc_offset for m in [*peers, *guides]}
        circles = proposal.circles or (ProposedCircle(peers=(), guide=0),)
        zones.setdefault(0, None)
        for name, value in (
            ("seconds", took),
            ("placed", proposal.placed),
            ("circles", len(proposal.circles)),
            ("meeting", statistics.fmean(meets(c, zones) for c in circles)),
            ("nearest_only", sum(len(getattr(c, "far", ())) for c in proposal.circles)),
            ("diverse", proposal.diverse_share),
            ("spread", proposal.mean_level_spread),
            ("clock", statistics.fmean(widest_clock_gap(c, zones) for c in circles)),
        ):
            rows.setdefault(name, []).append(value)
    mean = {name: statistics.fmean(values) for name, values in rows.items()}
    return {
        "seconds_max": round(max(rows["seconds"]), 3),
        "peers_placed_mean": round(mean["placed"], 1),
        "circles_mean": round(mean["circles"], 1),
        "share_circles_with_shared_hours": round(mean["meeting"], 4),
        "people_in_nearest_circle_only_mean": round(mean["nearest_only"], 1),
        "share_circles_no_same_company_peers": round(mean["diverse"], 4),
        "mean_level_spread": round(mean["spread"], 3),
        "mean_widest_clock_gap_hours": round(mean["clock"], 2),
    }


def exact_cost(r: Roster, sizes: dict[int, int]) -> int:
    """The lowest total ``circle_cost`` of splitting all of ``r``'s members into ``sizes``
    (size → how many circles), by set partitioning over every group of those sizes."""
    n = len(r.ids)
    if sum(size * count for size, count in sizes.items()) != n:
        raise ValueError(f"sizes {sizes} do not add up to {n} peers")
    order = sorted(sizes)
    groups = [g for size in order for g in combinations(range(n), size)]
    rows = [m for g in groups for m in (*g, n + order.index(len(g)))]
    cols = [col for col, g in enumerate(groups) for _ in range(len(g) + 1)]
    matrix = coo_array((np.ones(len(rows)), (rows, cols)), shape=(n + len(order), len(groups)))
    target = np.array([1.0] * n + [float(sizes[size]) for size in order])
    found = milp(
        np.array([circle_cost(r, g) for g in groups], dtype=float),
        integrality=np.ones(len(groups)),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix.tocsr(), target, target),
    )
    if not found.success:
        raise ValueError(f"no exact split: {found.message}")
    return round(found.fun)


def referee_instance(rng: random.Random) -> tuple[list[Candidate], list[Candidate]]:
    """8–30 peers (Lead and below) and enough VP guides that any guide can lead any circle."""
    n = rng.randint(8, 30)
    peers = [member(i, (*PEER_LEVELS[:4], 0, 0, 0), rng) for i in range(1, n + 1)]
    peers = [p if p.level is not None else replace(p, level=1) for p in peers]
    guides = [Candidate(id=100 + k, level=6) for k in range(n // 3 + 1)]
    return peers, guides


def engine_cost(proposal: Proposal, r: Roster) -> tuple[int, dict[int, int]]:
    """The proposal's total peer cost, and how many circles of each size it made."""
    at = {m: k for k, m in enumerate(r.ids)}
    sizes: dict[int, int] = {}
    for c in proposal.circles:
        sizes[len(c.peers)] = sizes.get(len(c.peers), 0) + 1
    return sum(circle_cost(r, [at[p] for p in c.peers]) for c in proposal.circles), sizes


def referee(instances: int) -> dict:
    above: list[int] = []
    ratios: list[float] = []
    for k in range(instances):
        peers, guides = referee_instance(random.Random(77_000 + k))
        proposal = form_circles(peers, guides, k)
        assert proposal.placed == len(peers), "a referee instance must place everyone"
        r = Roster.of(peers)
        found, sizes = engine_cost(proposal, r)
        best = exact_cost(r, sizes)
        assert found >= best, (k, found, best)
        above.append(found - best)
        ratios.append((found - best) / max(abs(best), 1))
    return {
        "instances": instances,
        "share_at_optimum": round(sum(a == 0 for a in above) / max(instances, 1), 4),
        "mean_points_above": round(statistics.fmean(above), 2) if above else 0.0,
        "max_points_above": max(above, default=0),
        "max_share_above_optimum": round(max(ratios, default=0.0), 4),
    }


def today(rev: str, args: argparse.Namespace) -> dict:
    """This bench's figures for the engine at ``rev``, measured in a copy of its tree."""
    here = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(here), "archive", rev, "bot"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        shutil.copy(here / "bot/circles/hours.py", Path(tmp, "bot/circles/hours.py"))
        shutil.copytree(here / "bench", Path(tmp, "bench"))
        command = [sys.executable, "-m", "bench.circle_grouping", "--seeds", str(args.seeds)]
        command += ["--referee", str(args.referee), "--engine-only"]
        out = subprocess.run(command, cwd=tmp, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def figures(args: argparse.Namespace, engine_only: bool) -> dict:
    found: dict = {"seeds": args.seeds}
    for size in SIZES:
        found[f"members_{size}"] = {"engine": measure(form_circles, size, args.seeds, True)}
        if not engine_only:
            found[f"members_{size}"]["naive"] = measure(naive, size, args.seeds, False)
    found["referee"] = referee(args.referee)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--referee", type=int, default=50)
    parser.add_argument("--today", metavar="REV", help="also measure the engine at REV")
    parser.add_argument("--engine-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    result = {"now": figures(args, args.engine_only)}
    if args.today:
        result["today"] = {"rev": args.today, **today(args.today, args)}
    print(json.dumps(result if not args.engine_only else result["now"], indent=2))


if __name__ == "__main__":
    main()
