"""Candidates for circle-forming tests: peers at one level, guides, the hard rules."""

from __future__ import annotations

from collections.abc import Sequence

from bot.circles.grouping import Candidate, Proposal
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
