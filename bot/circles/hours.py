"""Working hours: when a circle's members are all at work, and whether that is enough.

A circle meets every week, so its peers and guide must share at least ``WorkingDay.shared``
hours inside each one's local working day. Hours are kept as a bit per quarter hour of the
UTC day (96 bits): a member's window is their working day moved to UTC, a group's shared
time is the AND of its members' windows, and what counts is its longest unbroken stretch,
the short way round midnight. An unknown time zone is neutral (every bit set).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

PER_HOUR = 4  # quarter hours: zones such as India (+5:30) and Nepal (+5:45) fit exactly
DAY = 24 * PER_HOUR
ALL_DAY = (1 << DAY) - 1


@dataclass(frozen=True)
class WorkingDay:
    """Everyone's working day in their own zone, and how much of it a circle must share."""

    start: float = 8.0  # local hour the working day begins
    end: float = 20.0  # local hour it ends (before ``start`` means it runs past midnight)
    shared: float = 2.0  # hours a circle's members must all be at work together

    @property
    def need(self) -> int:
        """The shared stretch a circle needs, in quarter hours."""
        return round(self.shared * PER_HOUR)


def window(day: WorkingDay, utc_offset: float | None) -> int:
    """The UTC quarter hours in which someone ``utc_offset`` hours east of UTC is at work."""
    if utc_offset is None:
        return ALL_DAY
    first = round((day.start - utc_offset) * PER_HOUR) % DAY
    length = round(((day.end - day.start) % 24) * PER_HOUR)
    bits = ((1 << length) - 1) << first
    return (bits | bits >> DAY) & ALL_DAY


@lru_cache(maxsize=4096)
def longest_run(bits: int) -> tuple[int, int]:
    """The longest stretch of set bits round the clock, as (first quarter hour, length)."""
    if bits == ALL_DAY:
        return 0, DAY
    best = (0, 0)
    run = 0
    for k in range(2 * DAY):
        if bits >> (k % DAY) & 1:
            run += 1
            if run > best[1]:
                best = ((k - run + 1) % DAY, run)
        else:
            run = 0
    return best


def shared_run(bits: int) -> int:
    """Length of the longest shared stretch, in quarter hours (the search's hot path)."""
    return longest_run(bits)[1]


def place_name(zone: str | None) -> str | None:
    """What people call a time zone: ``America/New_York`` is New York, ``UTC`` is UTC."""
    if not zone:
        return None
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _clock(quarters: float) -> str:
    minutes = round(quarters * 60 / PER_HOUR) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours_text(quarters: int) -> str:
    """A number of quarter hours as people say it: "1 hour", "2½ hours"."""
    whole, part = divmod(quarters, PER_HOUR)
    fraction = {0: "", 1: "¼", 2: "½", 3: "¾"}[part]
    if not whole and fraction:
        return f"{fraction} hour"
    amount = f"{whole}{fraction}"
    return f"{amount} hour" if amount == "1" else f"{amount} hours"


def describe(bits: int, places: Sequence[tuple[str, float]]) -> str:
    """The longest shared stretch in each place's own clock, e.g.
    "09:00–11:00 London / 18:00–20:00 Tokyo"; empty when nothing is shared or known.

    ``places``: (name, hours east of UTC), one per distinct offset, in the order shown.
    """
    first, length = longest_run(bits)
    if not length or length == DAY or not places:
        return ""
    shown = [
        f"{_clock(first + offset * PER_HOUR)}–{_clock(first + length + offset * PER_HOUR)} {name}"
        for name, offset in places
    ]
    return " / ".join(shown)
