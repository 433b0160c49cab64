"""The engine's vocabulary: who attends, what happened before, the rules, and the result.

Plain frozen data and type aliases only; this module imports nothing from the engine, so
every other engine module can depend on it without a cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Pair = tuple[int, int]  # two pool positions, ascending
Edges = Mapping[Pair, int]  # pair -> score in integer units
Groups = list[tuple[int, ...]]  # pairs and at most one trio, as pool positions


@dataclass(frozen=True)
class Person:
    """One attendee as the engine sees them."""

    id: int
    company: str | None = None  # compared case-insensitively and stripped; None = unknown
    interests: frozenset[str] = frozenset()  # curated interest keys and free tags together
    utc_offset: float | None = None  # hours east of UTC now; None = unknown


@dataclass(frozen=True)
class History:
    """What earlier rounds and members' wishes say about pairs."""

    # pair -> week number they were last grouped together (pairs inside trios count too)
    last_met: Mapping[frozenset[int], int] = field(default_factory=dict)
    # "don't pair me with" (either member's list): never group these two
    blocked: frozenset[frozenset[int]] = frozenset()
    # friendships whose re-pairing is due this week: strongly preferred, exempt from the window
    friends_due: frozenset[frozenset[int]] = frozenset()


@dataclass(frozen=True)
class Rules:
    """The repeat window and the soft weights, in points per pair.

    A pair's score is ``interest_weight`` per shared interest, minus
    ``same_company_penalty`` when both work at the same (known) company, plus up to
    ``timezone_weight`` for clocks that agree (falling linearly to 0 at 12 hours apart;
    half of it when either zone is unknown), plus ``friend_bonus`` for a due friendship,
    minus ``met_before_penalty`` for a pair that met before, outside the window (new faces
    first). The engine maximises the total score of the round. The defaults make one shared
    interest worth more than any time-zone difference, a shared employer cost about two and
    a half shared interests, and a due friendship outweigh everything else.
    """

    repeat_window: int = 12  # weeks: a pair that met within this many weeks is a "repeat"
    interest_weight: float = 10.0
    same_company_penalty: float = 25.0
    timezone_weight: float = 6.0
    friend_bonus: float = 100.0
    met_before_penalty: float = 2.0


@dataclass(frozen=True)
class Group:
    """Two or three members introduced to each other this week."""

    members: tuple[int, ...]  # 2 or 3 ids, ascending
    shared: frozenset[str]  # pair: common interests; trio: held by at least two of the three
    repeat: bool  # some pair inside met within the repeat window (friendships are not repeats)
    friends: bool  # contains a due friendship pair


@dataclass(frozen=True)
class Round:
    """A week's decision, explaining itself in numbers."""

    groups: tuple[Group, ...]
    unpaired: tuple[tuple[int, str], ...]  # (member id, reason in plain words)
    seed: int
    repeated_pairs: tuple[frozenset[int], ...] = ()  # the pairs behind ``repeats``

    @property
    def repeats(self) -> int:
        """Number of repeated pairs across groups."""
        return len(self.repeated_pairs)

    @property
    def mean_shared(self) -> float:
        """Mean number of shared interests per group (0.0 when there are no groups)."""
        if not self.groups:
            return 0.0
        return sum(len(g.shared) for g in self.groups) / len(self.groups)

    @property
    def paired(self) -> int:
        """Number of people in groups."""
        return sum(len(g.members) for g in self.groups)

    @property
    def trios(self) -> int:
        return sum(1 for g in self.groups if len(g.members) == 3)
