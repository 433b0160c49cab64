"""SQL helpers shared by the measures: which reported week a timestamp falls in, and
counts grouped by it. The week edges are UTC instants (bot/pulse/window.py), so one CASE
expression buckets rows the same way on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from bot.pulse.window import Window

BEFORE = -100  # a timestamp before the window's first edge


def week_of(column: Any, window: Window) -> ColumnElement[int]:
    """The reported week (0 = oldest, -3…-1 = the activity look-back, ``BEFORE`` = older).
    Callers keep ``column < window.end`` in their WHERE clause."""
    starts = list(enumerate(window.edges[:-1]))
    whens = [(column >= edge, i - window.lookback) for i, edge in reversed(starts)]
    return case(*whens, else_=BEFORE)


def grouped(session: Session, inner: Select[*tuple[Any, ...]], *keys: str) -> dict[Any, int]:
    """``inner`` selects labelled key columns and a ``n`` column per row; the rows are
    summed per key in SQL. Grouping on a subquery's columns (not on the CASE itself) keeps
    PostgreSQL from seeing two different expressions with their own parameters."""
    sub = inner.subquery()
    cols = [sub.c[k] for k in keys]
    rows = session.execute(select(*cols, func.sum(sub.c.n)).group_by(*cols)).all()
    return {(row[0] if len(keys) == 1 else tuple(row[:-1])): int(row[-1] or 0) for row in rows}


def per_week(counts: dict[Any, int], weeks: int) -> list[int]:
    """A {week: n} map as a list for weeks 0…weeks-1 (missing weeks are 0)."""
    return [counts.get(i, 0) for i in range(weeks)]


def running(counts: dict[Any, int], weeks: int) -> list[int]:
    """How many by the end of each reported week: everything before the window, then a
    running sum of the weeks (look-back weeks count as before)."""
    total = sum(n for w, n in counts.items() if w < 0)
    out = []
    for i in range(weeks):
        total += counts.get(i, 0)
        out.append(total)
    return out
