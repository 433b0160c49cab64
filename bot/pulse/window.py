"""Which weeks a pulse covers: the last complete week and the eleven before it.

Weeks start on Monday at midnight in the community's time zone, so their edges are
computed here (DST-aware) and handed to SQL as UTC instants: every measure buckets its
timestamps with the same edges on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.pairing.schedule import EPOCH_MONDAY
from bot.platform.periods import week_key

WEEKS = 12
ACTIVE_WEEKS = 4  # "active": did anything in the last four weeks


@dataclass(frozen=True)
class Window:
    """Twelve weeks, oldest first; ``edges`` also holds the three weeks before them (for
    the four-week activity measure) and the end of the last week."""

    mondays: tuple[date, ...]  # the Monday of each reported week, oldest first
    edges: tuple[datetime, ...]  # UTC: week -3 start … week 11 start, then week 11 end
    tz: ZoneInfo

    @property
    def lookback(self) -> int:
        return ACTIVE_WEEKS - 1

    @property
    def start(self) -> datetime:
        """The first reported week's start."""
        return self.edges[self.lookback]

    @property
    def end(self) -> datetime:
        return self.edges[-1]

    def week_start(self, i: int) -> datetime:
        return self.edges[self.lookback + i]

    def week_end(self, i: int) -> datetime:
        return self.edges[self.lookback + i + 1]

    @property
    def period_keys(self) -> tuple[str, ...]:
        """Check-ins are stored by ISO week key: one per reported week."""
        return tuple(week_key(self.week_start(i), self.tz) for i in range(len(self.mondays)))

    @property
    def all_keys(self) -> tuple[str, ...]:
        """The period keys of the look-back weeks and the reported ones."""
        return tuple(week_key(edge, self.tz) for edge in self.edges[:-1])

    @property
    def week_numbers(self) -> tuple[int, ...]:
        """Pairings are stored by week number (bot.pairing.schedule.week_index)."""
        return tuple((monday - EPOCH_MONDAY).days // 7 for monday in self.mondays)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def last_weeks(now: datetime, tz: ZoneInfo, weeks: int = WEEKS) -> Window:
    """The ``weeks`` complete weeks before the one ``now`` is in (community zone)."""
    today = now.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    mondays = tuple(this_monday - timedelta(weeks=weeks - i) for i in range(weeks))
    first = mondays[0] - timedelta(weeks=ACTIVE_WEEKS - 1)
    edges = tuple(_midnight(first + timedelta(weeks=i), tz) for i in range(weeks + ACTIVE_WEEKS))
    return Window(mondays=mondays, edges=edges, tz=tz)
