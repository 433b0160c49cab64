"""A pulse as JSON and back, for the weekly stored figures (storage/models/pulse.py).

Pure. The quiet members go in as ids and come back without names: the reader looks the
names up today, so a name is never kept in a snapshot (a deleted member's is gone). A
snapshot written by another version of these dataclasses reads as None, and the caller
computes the week again.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from typing import Any

from bot.pulse.figures import CircleWeek, CohortFriends, Now, Pulse, Week

VERSION = 1
WEEK_FIELDS = frozenset(f.name for f in fields(Week))
NOW_FIELDS = frozenset(f.name for f in fields(Now)) - {"quiet_names"}


def to_figures(pulse: Pulse) -> dict[str, Any]:
    """The twelve weeks and today's figures; no names of people."""
    weeks = [{**asdict(w), "monday": w.monday.isoformat()} for w in pulse.weeks]
    now = {k: v for k, v in asdict(pulse.now).items() if k != "quiet_names"}
    return {"version": VERSION, "weeks": weeks, "now": now}


def from_figures(figures: dict[str, Any]) -> Pulse | None:
    """The stored pulse with ``quiet_names`` empty (the caller fills them), or None when
    it was stored in another shape."""
    if figures.get("version") != VERSION:
        return None
    try:
        weeks = tuple(_week(w) for w in figures["weeks"])
        now = _now(figures["now"])
    except (KeyError, TypeError, ValueError):
        return None
    return Pulse(weeks=weeks, now=now)


def _week(raw: dict[str, Any]) -> Week:
    if set(raw) != WEEK_FIELDS:
        raise KeyError("the week's fields changed")
    return Week(**{**raw, "monday": date.fromisoformat(raw["monday"])})


def _now(raw: dict[str, Any]) -> Now:
    if set(raw) != NOW_FIELDS:
        raise KeyError("today's fields changed")
    return Now(
        paused=raw["paused"],
        quiet_names=(),
        quiet_ids=tuple(raw["quiet_ids"]),
        median_friends=raw["median_friends"],
        cohorts=tuple(CohortFriends(**c) for c in raw["cohorts"]),
        circles=tuple(CircleWeek(**c) for c in raw["circles"]),
        circles_quiet_two_weeks=raw["circles_quiet_two_weeks"],
        missing_words=tuple((str(w), int(n)) for w, n in raw["missing_words"]),
        totals=dict(raw["totals"]),
    )
