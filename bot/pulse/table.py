"""The weekly figures as CSV: a header, then one row per week, oldest first. Counts are
numbers; a rate withheld by the small-number rule, or with nothing behind it, is empty,
and so is the paused count of a week whose pulse was never stored (there is no history
of who was paused, only what each stored week recorded)."""

from __future__ import annotations

import csv
import io

from bot.pulse.figures import COUNT_FIELDS, Pulse, Rate

# The sum of shared moods is never written out: over one answer it would be that answer.
COUNTS = tuple(name for name in COUNT_FIELDS if name != "mood_sum")
RATES = (
    "friend_share",
    "two_friends_share",
    "met_rate",
    "meet_again_rate",
    "checkin_rate",
    "mood",
)


def _cell(rate: Rate, *, is_share: bool) -> str:
    if rate.value is None:
        return ""
    return f"{rate.value * 100:.1f}" if is_share else f"{rate.value:.2f}"


def weekly_csv(pulse: Pulse) -> str:
    extras = sorted({name for week in pulse.weeks for name in week.extra})
    header = [
        "week_starting",
        *COUNTS,
        *extras,
        "paused_when_stored",
        *(f"{r}_percent" if r != "mood" else "mood_average" for r in RATES),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    paused_weeks = pulse.paused or (None,) * len(pulse.weeks)
    for week, paused in zip(pulse.weeks, paused_weeks, strict=True):
        writer.writerow(
            [
                week.monday.isoformat(),
                *(getattr(week, name) for name in COUNTS),
                *(week.extra.get(name, 0) for name in extras),
                "" if paused is None else paused,
                *(_cell(getattr(week, r), is_share=r != "mood") for r in RATES),
            ]
        )
    return out.getvalue()
