"""The admins' match: every open request against every mentor's room, solved as one
optimisation rather than first come, first served.

A mentor with room for k more mentees becomes k identical seats; every request also gets a
"no match" seat of its own worth nothing, so a request with no allowed mentor (or one that
loses its mentor to a better overall fit) stays open instead of breaking a hard rule. Then
``scipy.optimize.linear_sum_assignment`` finds the assignment of requests to seats with the
highest total score. Identical seats make this exact for mentors with capacities (a
b-matching), which ``bench/mentor_assignment.py`` checks against an integer program.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]  # no stubs

from bot.mentors.fit import Mentor, Seeker, allowed, points

FORBIDDEN = 10**9  # cost of a seat a hard rule rules out: never cheaper than "no match"


@dataclass(frozen=True)
class Assignment:
    pairs: tuple[tuple[int, int], ...]  # (seeker index, mentor index)
    total: int  # the summed score of the pairs

    def matched(self) -> int:
        return len(self.pairs)


def assign(seekers: Sequence[Seeker], mentors: Sequence[Mentor]) -> Assignment:
    seats = [j for j, m in enumerate(mentors) for _ in range(max(m.room, 0))]
    rows, cols = len(seekers), len(seats) + len(seekers)
    if rows == 0:
        return Assignment((), 0)
    # Score each (seeker, mentor) once; seats of one mentor share the column values.
    score = np.full((rows, len(mentors)), np.nan)
    for i, seeker in enumerate(seekers):
        for j, mentor in enumerate(mentors):
            if mentor.room > 0 and allowed(seeker, mentor, need_room=False):
                score[i, j] = points(seeker, mentor)
    cost = np.zeros((rows, cols))
    if seats:
        taken = score[:, seats]
        cost[:, : len(seats)] = np.where(np.isnan(taken), FORBIDDEN, -taken)
    # Each seeker's own "no match" seat costs 0; the others' are forbidden.
    dummy = np.full((rows, rows), float(FORBIDDEN))
    np.fill_diagonal(dummy, 0.0)
    cost[:, len(seats) :] = dummy
    row_ind, col_ind = linear_sum_assignment(cost)
    pairs = []
    total = 0
    for i, c in zip(row_ind.tolist(), col_ind.tolist(), strict=True):
        if c < len(seats):
            j = seats[c]
            pairs.append((i, j))
            total += int(score[i, j])
    return Assignment(tuple(sorted(pairs)), total)
