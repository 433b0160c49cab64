"""Pairings, check-ins, the vault and cohorts per week, as SQL aggregates: counts only,
never what anyone wrote."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from bot.pulse.buckets import grouped, per_week, week_of
from bot.pulse.window import Window
from storage.models import (
    Application,
    ApplicationStatus,
    CheckinResponse,
    Cohort,
    MetAnswer,
    Pairing,
    PairingMember,
    VaultResource,
    VaultSearchLog,
)


def pairings_per_week(session: Session, window: Window) -> dict[str, list[int]]:
    """Per intro (pair or trio): did anyone answer, did anyone meet, how many met and
    asked to meet again; then summed per week. One pass over the weeks' rows."""
    numbers = window.week_numbers
    answered = PairingMember.answered_at.is_not(None)
    met = PairingMember.met == MetAnswer.YES
    each = (
        select(
            Pairing.week.label("week"),
            func.max(case((answered, 1), else_=0)).label("answered"),
            func.max(case((met, 1), else_=0)).label("met"),
            func.count().filter(met).label("yes"),
            func.count().filter(and_(met, PairingMember.meet_again.is_(True))).label("again"),
        )
        .join(PairingMember, PairingMember.pairing_id == Pairing.id)
        .where(Pairing.cancelled.is_(False), Pairing.week.in_(numbers))
        .group_by(Pairing.id, Pairing.week)
        .subquery()
    )
    rows = session.execute(
        select(
            each.c.week,
            func.count(),
            func.sum(each.c.answered),
            func.sum(each.c.met),
            func.sum(each.c.yes),
            func.sum(each.c.again),
        ).group_by(each.c.week)
    ).all()
    names = ("intros", "intros_answered", "intros_met", "met_answers", "meet_again")
    out: dict[str, list[int]] = {name: [0] * len(numbers) for name in names}
    index = {number: i for i, number in enumerate(numbers)}
    for week, *values in rows:
        for name, value in zip(names, values, strict=True):
            out[name][index[int(week)]] = int(value or 0)
    return out


def rough() -> ColumnElement[bool]:
    """A rough week flagged: the box ticked, or a shared mood of 2 or less."""
    row = CheckinResponse
    return and_(
        row.answered_at.is_not(None),
        or_(row.rough_week.is_(True), and_(row.share_mood.is_(True), row.mood <= 2)),
    )


def checkins_per_week(session: Session, window: Window) -> dict[str, list[int]]:
    keys = window.period_keys
    shared_mood = and_(
        CheckinResponse.answered_at.is_not(None),
        CheckinResponse.share_mood.is_(True),
        CheckinResponse.mood.is_not(None),
    )
    rows = session.execute(
        select(
            CheckinResponse.period_key,
            func.count(),
            func.count(CheckinResponse.answered_at),
            func.count().filter(rough()),
            func.coalesce(func.sum(case((shared_mood, CheckinResponse.mood), else_=0)), 0),
            func.count().filter(shared_mood),
        )
        .where(CheckinResponse.period_key.in_(keys))
        .group_by(CheckinResponse.period_key)
    ).all()
    names = ("checkins_asked", "checkins_answered", "rough_weeks", "mood_sum", "mood_answers")
    out: dict[str, list[int]] = {name: [0] * len(keys) for name in names}
    position = {key: i for i, key in enumerate(keys)}
    for key, *values in rows:
        for name, value in zip(names, values, strict=True):
            out[name][position[key]] = int(value or 0)
    return out


def vault_per_week(session: Session, window: Window) -> dict[str, list[int]]:
    weeks = len(window.mondays)
    added = grouped(
        session,
        select(week_of(VaultResource.created_at, window).label("w"), literal(1).label("n")).where(
            VaultResource.source == "member",
            VaultResource.created_at >= window.start,
            VaultResource.created_at < window.end,
        ),
        "w",
    )
    searched = grouped(
        session,
        select(
            week_of(VaultSearchLog.at, window).label("w"),
            VaultSearchLog.found.label("found"),
            literal(1).label("n"),
        ).where(VaultSearchLog.at >= window.start, VaultSearchLog.at < window.end),
        "w",
        "found",
    )
    searches = [sum(n for (w, _), n in searched.items() if w == i) for i in range(weeks)]
    empty = [searched.get((i, False), 0) for i in range(weeks)]
    return {"vault_added": per_week(added, weeks), "searches": searches, "searches_empty": empty}


def cohorts_per_week(session: Session, window: Window) -> dict[str, list[int]]:
    weeks = len(window.mondays)

    def count(at: Any, *where: ColumnElement[bool]) -> list[int]:
        return per_week(
            grouped(
                session,
                select(week_of(at, window).label("w"), literal(1).label("n")).where(
                    at >= window.start, at < window.end, *where
                ),
                "w",
            ),
            weeks,
        )

    return {
        "applications": count(Application.submitted_at),
        "admitted": count(Application.decided_at, Application.status == ApplicationStatus.ADMITTED),
        "waitlisted": count(
            Application.decided_at, Application.status == ApplicationStatus.WAITLISTED
        ),
        "cohorts_started": count(Cohort.started_at),
    }
