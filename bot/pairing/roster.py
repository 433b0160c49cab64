"""Who takes part in a round, and who is counted out and why. Pure over member rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.pairing.engine import Person
from storage.models import Member, MemberStatus


@dataclass
class Roster:
    eligible: list[Member] = field(default_factory=list)
    paused: list[Member] = field(default_factory=list)  # paused with an end date
    opted_out: list[Member] = field(default_factory=list)  # paused until they resume
    skipped: list[Member] = field(default_factory=list)  # asked to skip this round
    left: list[Member] = field(default_factory=list)  # left the workspace since last round
    resumed: list[Member] = field(default_factory=list)  # pause ended: back in, status to fix

    def counts(self) -> dict[str, int]:
        return {
            "eligible": len(self.eligible),
            "paused": len(self.paused),
            "opted_out": len(self.opted_out),
            "skipped": len(self.skipped),
            "left": len(self.left),
        }


def build_roster(
    members: Iterable[Member], *, period_key: str, now: datetime, left_since: datetime
) -> Roster:
    roster = Roster()
    for member in members:
        if member.status == MemberStatus.LEFT:
            if member.left_at is not None and member.left_at >= left_since:
                roster.left.append(member)
        elif member.status == MemberStatus.PAUSED:
            if member.paused_until is None:
                roster.opted_out.append(member)
            elif member.paused_until > now:
                roster.paused.append(member)
            else:
                roster.resumed.append(member)
                _join(roster, member, period_key)
        elif member.status == MemberStatus.ACTIVE:
            _join(roster, member, period_key)
    return roster


def _join(roster: Roster, member: Member, period_key: str) -> None:
    if member.skip_period == period_key:
        roster.skipped.append(member)
    else:
        roster.eligible.append(member)


def utc_offset_hours(tz_name: str | None, now: datetime) -> float | None:
    if not tz_name:
        return None
    try:
        offset = now.astimezone(ZoneInfo(tz_name)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return offset.total_seconds() / 3600 if offset is not None else None


def as_person(member: Member, now: datetime) -> Person:
    """What the matcher needs to know about a member, and nothing more."""
    return Person(
        id=member.id,
        company=member.company,
        interests=frozenset([*(member.interests or []), *(member.tags or [])]),
        utc_offset=utc_offset_hours(member.timezone_name, now),
    )
