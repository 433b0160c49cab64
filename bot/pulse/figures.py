"""The pulse's figures: counts per week, the rates made from them, and the small-number
rule. Pure: no database here.

Every rate or average built from members' answers is withheld ("—") when fewer than
``MIN_ANSWERS`` answers stand behind it, so no figure can reveal one person's answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

MIN_ANSWERS = 5


@dataclass(frozen=True)
class Rate:
    """A share (0–1) or an average, with how many answers it stands on.

    ``value`` is None when there was nothing to measure (``base == 0``) or too little
    (``base < MIN_ANSWERS``): ``withheld`` tells the two apart.
    """

    value: float | None
    base: int

    @property
    def withheld(self) -> bool:
        return 0 < self.base < MIN_ANSWERS

    @classmethod
    def of(cls, part: float, base: int) -> Rate:
        if base < MIN_ANSWERS:
            return cls(None, base)
        return cls(part / base, base)


class FriendShares:
    """The two friendship shares, for anything that counts members and how many of
    them have one friend here, and two (a week, a cohort)."""

    members: int
    with_friend: int
    with_two_friends: int

    @property
    def friend_share(self) -> Rate:
        return Rate.of(self.with_friend, self.members)

    @property
    def two_friends_share(self) -> Rate:
        return Rate.of(self.with_two_friends, self.members)


@dataclass(frozen=True)
class Week(FriendShares):
    """One week's counts. Zero means "counted, and none"; a rate with nothing behind it
    is None (see ``Rate``), never 0%."""

    monday: date
    # members
    members: int = 0  # in the community at the week's end (not applicants, not left)
    active: int = 0  # did anything in the four weeks ending with this one
    new: int = 0
    left: int = 0
    # pairings
    intros: int = 0
    intros_answered: int = 0  # at least one person in the intro answered "did you meet?"
    intros_met: int = 0
    met_answers: int = 0  # people who said they met
    meet_again: int = 0  # of those, who asked to meet again
    # friendship
    friendships_formed: int = 0
    friendships_total: int = 0
    with_friend: int = 0
    with_two_friends: int = 0
    # circles
    checkins_asked: int = 0
    checkins_answered: int = 0
    rough_weeks: int = 0
    mood_sum: int = 0
    mood_answers: int = 0
    # vault
    vault_added: int = 0
    searches: int = 0
    searches_empty: int = 0
    # cohorts
    applications: int = 0
    admitted: int = 0
    waitlisted: int = 0
    cohorts_started: int = 0
    # lunches and mentors, when those domains store anything
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def met_rate(self) -> Rate:
        return Rate.of(self.intros_met, self.intros_answered)

    @property
    def meet_again_rate(self) -> Rate:
        return Rate.of(self.meet_again, self.met_answers)

    @property
    def checkin_rate(self) -> Rate:
        return Rate.of(self.checkins_answered, self.checkins_asked)

    @property
    def mood(self) -> Rate:
        """The average shared mood (1–5), over five or more shared moods only."""
        return Rate.of(self.mood_sum, self.mood_answers)

    @property
    def is_empty(self) -> bool:
        """Nothing at all happened: no intros, check-ins, searches, additions or
        applications, nobody joined, left or became friends."""
        happened = (
            self.new,
            self.left,
            self.intros,
            self.intros_answered,
            self.friendships_formed,
            self.checkins_asked,
            self.vault_added,
            self.searches,
            self.applications,
            self.admitted,
            self.waitlisted,
            self.cohorts_started,
            *self.extra.values(),
        )
        return not any(happened)


COUNT_FIELDS = tuple(f.name for f in fields(Week) if f.name not in ("monday", "extra"))


@dataclass(frozen=True)
class CircleWeek:
    """One circle's check-ins in the reported week: counts only."""

    name: str
    asked: int
    answered: int


@dataclass(frozen=True)
class CohortFriends(FriendShares):
    """How many of a cohort's members have a friend here, and two."""

    name: str
    members: int
    with_friend: int
    with_two_friends: int
    median_friends: float | None


@dataclass(frozen=True)
class Now:
    """Figures that only exist as of today: who is paused or quiet, friends per member."""

    paused: int
    quiet_names: tuple[str, ...]  # admins already see who went quiet (bot/pairing asks them)
    median_friends: float | None
    cohorts: tuple[CohortFriends, ...]
    circles: tuple[CircleWeek, ...]  # the reported week
    circles_quiet_two_weeks: int
    missing_words: tuple[tuple[str, int], ...]  # searches that found nothing, top ten
    totals: dict[str, int]
    quiet_ids: tuple[int, ...] = ()  # what is stored (bot/pulse/snapshot.py), not names


@dataclass(frozen=True)
class Pulse:
    """The twelve weeks and the figures of today; once stored, "today" is when it was
    stored (``stored_at``), and ``paused`` holds each week's paused count as stored that
    week, None for a week with no stored pulse (paused members have no history)."""

    weeks: tuple[Week, ...]  # oldest first; the last is the reported week
    now: Now
    paused: tuple[int | None, ...] = ()  # per week, as ``weeks``
    stored_at: datetime | None = None

    @property
    def this_week(self) -> Week:
        return self.weeks[-1]

    @property
    def last_week(self) -> Week:
        return self.weeks[-2]


def median_of(histogram: dict[int, int]) -> float | None:
    """The median of a distribution given as {value: how many}; None when empty."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted(histogram.items())

    def nth(n: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if n < seen:
                return value
        raise AssertionError("n is within the histogram")

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2
