"""Who may mentor whom, and how well: hard rules, then a weighted score with its reasons.

Pure: plain data in, decisions out (no database, no Slack), so the member's proposals, the
admins' assignment and the benchmark all judge a pair the same way.

Hard rules: a mentor at least ``LEVEL_GAP`` levels above the mentee, with room for one more
mentee, at another company (an unknown company is no conflict), not the mentee, and not
someone already asked for this request. Among those, the score prefers topics and spikes
that fit the goal, someone who knows the mentee from pairings, shared working hours, and a
mentor close to the needed level (the most senior stay free for those only they can help).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.circles.hours import WorkingDay, hours_text, shared_run, window
from bot.mentors.topics import LEVEL_GAP, SPIKES, TOPICS, labels
from bot.slack.words import and_list

BASE = 100  # every allowed pair is worth more than no pair at all
PER_TOPIC = 30
MAX_TOPICS = 3
SPIKE = 40
FRIENDS = 25
MET = 15
LONG_OVERLAP, LONG_POINTS = 3 * 4, 20  # quarter hours of shared working time
SHORT_OVERLAP, SHORT_POINTS = 1 * 4, 10
PER_EXTRA_LEVEL = 5
DAY = WorkingDay()


class Knows(StrEnum):
    FRIENDS = "friends"
    MET = "met"


@dataclass(frozen=True)
class Seeker:
    """A mentee's side: who they are and what they are looking for."""

    member_id: int
    rank: int | None  # 0 for APM … 6 for VP; None when their level is unknown
    company: str | None
    topics: tuple[str, ...]
    spike: str
    utc_offset: float | None  # hours east of UTC, now; None when unknown
    knows: Mapping[int, Knows] = field(default_factory=dict)
    exclude: Collection[int] = ()  # asked already, or their mentor already


@dataclass(frozen=True)
class Mentor:
    member_id: int
    rank: int | None
    company: str | None
    topics: tuple[str, ...]
    spikes: tuple[str, ...]
    utc_offset: float | None
    room: int  # mentees they can still take
    level_label: str = ""


@dataclass(frozen=True)
class Fit:
    mentor: Mentor
    points: int
    reasons: tuple[str, ...]


def same_company(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().casefold() == b.strip().casefold())


def allowed(seeker: Seeker, mentor: Mentor, *, need_room: bool = True) -> bool:
    """The hard rules; ``need_room`` is off when capacity is counted elsewhere (the
    assignment gives each mentor as many seats as they have room)."""
    return (
        seeker.rank is not None
        and mentor.rank is not None
        and mentor.rank >= seeker.rank + LEVEL_GAP
        and (mentor.room > 0 or not need_room)
        and not same_company(seeker.company, mentor.company)
        and mentor.member_id != seeker.member_id
        and mentor.member_id not in seeker.exclude
    )


def overlap(seeker: Seeker, mentor: Mentor) -> int | None:
    """Quarter hours both are at work, or None when a time zone is unknown."""
    if seeker.utc_offset is None or mentor.utc_offset is None:
        return None
    return shared_run(window(DAY, seeker.utc_offset) & window(DAY, mentor.utc_offset))


def points(seeker: Seeker, mentor: Mentor) -> int:
    """The score alone (the assignment's hot path): the same sum ``judge`` explains."""
    shared = len(set(seeker.topics) & set(mentor.topics))
    total = BASE + PER_TOPIC * min(shared, MAX_TOPICS)
    if seeker.spike in mentor.spikes:
        total += SPIKE
    known = seeker.knows.get(mentor.member_id)
    total += FRIENDS if known == Knows.FRIENDS else MET if known == Knows.MET else 0
    hours = overlap(seeker, mentor)
    if hours is not None and hours >= LONG_OVERLAP:
        total += LONG_POINTS
    elif hours is not None and hours >= SHORT_OVERLAP:
        total += SHORT_POINTS
    if seeker.rank is not None and mentor.rank is not None:
        total -= PER_EXTRA_LEVEL * max(0, mentor.rank - seeker.rank - LEVEL_GAP)
    return total


def judge(seeker: Seeker, mentor: Mentor) -> Fit:
    """The score and the reasons a mentee reads, one short phrase each."""
    reasons: list[str] = []
    gap = (mentor.rank or 0) - (seeker.rank or 0)
    steps = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}.get(gap, str(gap))
    reasons.append(f"{mentor.level_label or 'Senior'}: {steps} levels up")
    shared = [t for t in seeker.topics if t in mentor.topics]
    if shared:
        reasons.append("mentors on " + and_list(labels(shared, TOPICS)).lower())
    if seeker.spike in mentor.spikes:
        spike = SPIKES[seeker.spike].lower()
        reasons.append(f"their roles built {spike}, the spike you're building")
    known = seeker.knows.get(mentor.member_id)
    if known == Knows.FRIENDS:
        reasons.append("knows you: you became friends in pairings")
    elif known == Knows.MET:
        reasons.append("knows you: you met in a pairing")
    hours = overlap(seeker, mentor)
    if hours:
        reasons.append(f"shares {hours_text(hours)} of your working day")
    return Fit(mentor=mentor, points=points(seeker, mentor), reasons=tuple(reasons))


def propose(seeker: Seeker, mentors: Sequence[Mentor], limit: int = 3) -> list[Fit]:
    """The best ``limit`` mentors for this seeker, best first (ties: lower member id)."""
    fits = [judge(seeker, m) for m in mentors if allowed(seeker, m)]
    fits.sort(key=lambda f: (-f.points, f.mentor.member_id))
    return fits[:limit]


def why_none(seeker: Seeker, mentors: Sequence[Mentor]) -> str:
    """Why nobody was proposed: "level" (nobody is, or could be, two levels up), "room"
    (those who are have no room), or "other" (company or already asked)."""
    if seeker.rank is None:
        return "no_level"
    above = [m for m in mentors if m.rank is not None and m.rank >= seeker.rank + LEVEL_GAP]
    if not above:
        return "level"
    if not any(m.room > 0 for m in above):
        return "room"
    return "other"
