"""This week's attendees, indexed, with what history says about every pair.

The engine works on positions ``0..n-1`` (members sorted by id, so input order never
matters) and on integer scores: rustworkx's matching is exact only for integer weights,
so a point is ``SCALE`` units.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.pairing.engine.model import History, Person, Rules

SCALE = 100  # units per point of score


def timezone_closeness(a: float | None, b: float | None) -> float:
    """1.0 for the same clock time, falling linearly to 0.0 at 12 hours apart; 0.5 if unknown.

    Offsets are compared around the clock: +14 and -10 read the same time, a date apart,
    which is what matters for finding a slot to talk.
    """
    if a is None or b is None:
        return 0.5
    gap = abs(a - b) % 24.0
    gap = min(gap, 24.0 - gap)
    return max(0.0, 1.0 - gap / 12.0)


@dataclass(frozen=True)
class Weights:
    """``Rules`` weights in integer units."""

    interest: int
    same_company: int
    timezone: int
    friend: int
    met_before: int

    @classmethod
    def of(cls, rules: Rules) -> Weights:
        return cls(
            interest=round(rules.interest_weight * SCALE),
            same_company=round(rules.same_company_penalty * SCALE),
            timezone=round(rules.timezone_weight * SCALE),
            friend=round(rules.friend_bonus * SCALE),
            met_before=round(rules.met_before_penalty * SCALE),
        )


class Pool:
    """Attendees by position, and pair facts looked up in O(1).

    ``recent[i]`` maps a partner position to the week they last met, for pairs inside the
    repeat window that are not a due friendship; ``met_before[i]`` holds partners met
    before, outside the window; ``friends[i]`` the due friendships (never a blocked one).
    """

    def __init__(self, people: Sequence[Person], history: History, week: int, rules: Rules) -> None:
        roster = sorted(people, key=lambda p: p.id)
        self.ids = [p.id for p in roster]
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        if len(self.index) != len(self.ids):
            twice = sorted(pid for pid, count in Counter(self.ids).items() if count > 1)
            raise ValueError(f"member ids appear twice: {twice}")
        self.n = len(roster)
        self.week = week
        self.window = rules.repeat_window
        self.weights = Weights.of(rules)
        self.companies = [_company_key(p.company) for p in roster]
        self.interests = [p.interests for p in roster]
        self.offsets = [p.utc_offset for p in roster]
        self.blocked: list[set[int]] = [set() for _ in roster]
        self.friends: list[set[int]] = [set() for _ in roster]
        self.recent: list[dict[int, int]] = [{} for _ in roster]
        self.met_before: list[set[int]] = [set() for _ in roster]
        for i, j in self._pairs(history.blocked):
            self.blocked[i].add(j)
            self.blocked[j].add(i)
        for i, j in self._pairs(history.friends_due):
            if j not in self.blocked[i]:
                self.friends[i].add(j)
                self.friends[j].add(i)
        index = self.index
        for pair, last in history.last_met.items():
            if len(pair) != 2:
                continue
            a, b = pair
            if a not in index or b not in index:
                continue
            i, j = index[a], index[b]
            if j in self.friends[i]:
                continue
            if week - last < self.window:
                self.recent[i][j] = self.recent[j][i] = last
            else:
                self.met_before[i].add(j)
                self.met_before[j].add(i)

    def _pairs(self, pairs: frozenset[frozenset[int]]) -> list[tuple[int, int]]:
        found = []
        for pair in pairs:
            if len(pair) != 2:
                continue
            a, b = pair
            if a in self.index and b in self.index:
                found.append((self.index[a], self.index[b]))
        return found

    def allowed(self, i: int, j: int) -> bool:
        """May ``i`` and ``j`` meet without breaking a hard rule (blocked or repeat)?"""
        return i != j and j not in self.blocked[i] and j not in self.recent[i]

    def profile_score(self, i: int, j: int) -> int:
        """Interests, companies and time zones only: what does not change week to week."""
        w = self.weights
        score = w.interest * len(self.interests[i] & self.interests[j])
        company = self.companies[i]
        if company is not None and company == self.companies[j]:
            score -= w.same_company
        return score + round(w.timezone * timezone_closeness(self.offsets[i], self.offsets[j]))

    def score(self, i: int, j: int) -> int:
        """The full soft score of a pair this week, in units."""
        score = self.profile_score(i, j)
        if j in self.friends[i]:
            score += self.weights.friend
        elif j in self.met_before[i]:
            score -= self.weights.met_before
        return score

    def pair_key(self, i: int, j: int) -> frozenset[int]:
        return frozenset((self.ids[i], self.ids[j]))


def _company_key(company: str | None) -> str | None:
    if company is None:
        return None
    key = " ".join(company.split()).casefold()
    return key or None
