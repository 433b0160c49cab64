"""Figures that exist only as of today: who is paused or went quiet, friends per member
and per cohort, each circle's check-ins in the reported week, and what searches missed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.orm import Session

from bot.pulse.community import current_member, friend_counts
from bot.pulse.figures import CircleWeek, CohortFriends, Now, median_of
from bot.pulse.searches import words_table
from bot.pulse.window import Window
from storage.models import (
    Application,
    ApplicationStatus,
    CheckinResponse,
    Circle,
    CircleStatus,
    Cohort,
    Friendship,
    Member,
    MemberStatus,
    Pairing,
    PairingMember,
    VaultResource,
    VaultSearchLog,
)

QUIET_AFTER = 3  # ignored intros, or check-ins not answered, in a row
TOP_WORDS = 10


def quiet_members(session: Session, window: Window) -> set[int]:
    """Members who ignored their last three intros or more (asked, not skipped) or did not
    answer their last three check-ins or more, within the twelve weeks: a bit per week
    and member, silent or heard from, then the silent weeks since the last heard one.
    Admins already see who goes quiet; only names (``quiet_names``), never what they
    wrote."""
    weeks = len(window.mondays)
    ignored = and_(PairingMember.answered_at.is_(None), PairingMember.skipped.is_(False))
    intro_bit = literal(1).op("<<")(Pairing.week - window.week_numbers[0])
    intros = (
        select(
            PairingMember.member_id.label("m"),
            func.sum(distinct(case((ignored, intro_bit), else_=0))).label("silent"),
            func.sum(distinct(case((~ignored, intro_bit), else_=0))).label("heard"),
        )
        .join(Pairing, Pairing.id == PairingMember.pairing_id)
        .where(
            Pairing.cancelled.is_(False),
            Pairing.followup_sent_at.is_not(None),
            Pairing.week.in_(window.week_numbers),
        )
        .group_by(PairingMember.member_id)
    )
    row = CheckinResponse
    # The week's bit from its period key; the IN list lets SQLite check the keys in the
    # (member, period) index and read only the twelve weeks' rows.
    bit = case(*((row.period_key == k, 1 << i) for i, k in enumerate(window.period_keys)))
    unanswered = row.answered_at.is_(None)
    checkins = (  # one row per member and week (a unique constraint): a plain SUM is an OR
        select(
            row.member_id.label("m"),
            func.sum(case((unanswered, bit), else_=0)).label("silent"),
            func.sum(case((~unanswered, bit), else_=0)).label("heard"),
        )
        .where(row.period_key.in_(window.period_keys))
        .group_by(row.member_id)
    )
    quiet_ids: set[int] = set()
    for per_member in (intros.subquery(), checkins.subquery()):
        quiet_ids.update(
            session.scalars(
                select(per_member.c.m).where(
                    _silent_weeks_after_last_heard(per_member.c.silent, per_member.c.heard, weeks)
                    >= QUIET_AFTER
                )
            )
        )
    return quiet_ids


def quiet_names(session: Session, ids: Iterable[int]) -> tuple[str, ...]:
    """The names, today, of those quiet members still active: a member who paused, left
    or had their data deleted since is not listed."""
    quiet_ids = set(ids)
    if not quiet_ids:
        return ()
    rows = session.execute(  # the columns of Member.display_name, not whole rows
        select(Member.real_name, Member.name, Member.slack_user_id).where(
            Member.id.in_(quiet_ids),
            Member.status == MemberStatus.ACTIVE,
            Member.deleted_at.is_(None),
        )
    )
    return tuple(sorted(real or name or slack_id for real, name, slack_id in rows))


def _silent_weeks_after_last_heard(silent: Any, heard: Any, weeks: int) -> Any:
    """How many of the silent weeks (bits of ``silent``) come after the last week the
    member was heard from (the highest bit of ``heard``): week b counts when its bit is
    set in ``silent`` and 1 << b is above every bit of ``heard``. Twelve CASE terms per
    member, portable SQL (no window functions, no bit-length function)."""
    total: ColumnElement[int] = literal(0)
    for b in range(weeks):
        total = total + case((and_(silent.op("&")(1 << b) != 0, heard < (1 << b)), 1), else_=0)
    return total


def friends_histogram(session: Session) -> dict[int, int]:
    """How many current members have 0, 1, 2… friends."""
    fc = friend_counts()
    friends = func.coalesce(fc.c.friends, 0)
    rows = session.execute(
        select(friends.label("k"), func.count())
        .select_from(Member)
        .outerjoin(fc, fc.c.m == Member.id)
        .where(*current_member())
        .group_by(friends)
    )
    return {int(k): int(n) for k, n in rows}


def cohort_friends(session: Session) -> tuple[CohortFriends, ...]:
    """For each started cohort: its admitted members' friends, the same three figures."""
    fc = friend_counts()
    inner = (
        select(
            Cohort.name.label("cohort"),
            Cohort.started_at.label("started"),
            func.coalesce(fc.c.friends, 0).label("k"),
        )
        .join(Application, Application.cohort_id == Cohort.id)
        .join(Member, Member.id == Application.member_id)
        .outerjoin(fc, fc.c.m == Member.id)
        .where(
            Cohort.started_at.is_not(None),
            Application.status == ApplicationStatus.ADMITTED,
            *current_member(),
        )
        .subquery()
    )
    rows = session.execute(
        select(inner.c.cohort, inner.c.started, inner.c.k, func.count())
        .group_by(inner.c.cohort, inner.c.started, inner.c.k)
        .order_by(inner.c.started, inner.c.cohort)
    ).all()
    by_cohort: dict[str, dict[int, int]] = {}
    for name, _, k, n in rows:
        by_cohort.setdefault(name, {})[int(k)] = int(n)
    return tuple(
        CohortFriends(
            name=name,
            members=sum(hist.values()),
            with_friend=sum(n for k, n in hist.items() if k >= 1),
            with_two_friends=sum(n for k, n in hist.items() if k >= 2),
            median_friends=median_of(hist),
        )
        for name, hist in by_cohort.items()
    )


def circle_weeks(session: Session, window: Window) -> tuple[tuple[CircleWeek, ...], int]:
    """Each active circle's check-ins in the reported week, and how many circles had
    nobody answer in both of the last two weeks (while being asked)."""
    last, before = window.period_keys[-1], window.period_keys[-2]
    rows = session.execute(
        select(Circle.name, func.count(CheckinResponse.id), func.count(CheckinResponse.answered_at))
        .join(CheckinResponse, CheckinResponse.circle_id == Circle.id)
        .where(Circle.status == CircleStatus.ACTIVE, CheckinResponse.period_key == last)
        .group_by(Circle.name)
        .order_by(Circle.name)
    ).all()
    quiet = (
        select(CheckinResponse.circle_id)
        .join(Circle, Circle.id == CheckinResponse.circle_id)
        .where(Circle.status == CircleStatus.ACTIVE, CheckinResponse.period_key.in_((last, before)))
        .group_by(CheckinResponse.circle_id)
        .having(
            func.count(func.distinct(CheckinResponse.period_key)) == 2,
            func.count(CheckinResponse.answered_at) == 0,
        )
        .subquery()
    )
    quiet_count = session.scalar(select(func.count()).select_from(quiet)) or 0
    circles = tuple(CircleWeek(name, int(asked), int(answered)) for name, asked, answered in rows)
    return circles, int(quiet_count)


def missing_words(session: Session, window: Window) -> tuple[tuple[str, int], ...]:
    """The ten most frequent words of searches that found nothing in the twelve weeks."""
    words = words_table(session)
    n = func.count().label("n")
    rows = session.execute(
        select(words.c.value, n)
        .select_from(VaultSearchLog)
        .join(words, true())
        .where(
            VaultSearchLog.found.is_(False),
            VaultSearchLog.at >= window.start,
            VaultSearchLog.at < window.end,
        )
        .group_by(words.c.value)
        .order_by(n.desc(), words.c.value)
        .limit(TOP_WORDS)
    ).all()
    return tuple((str(word), int(count)) for word, count in rows)


def totals(session: Session) -> dict[str, int]:
    """All time, counts only."""

    def count(stmt: Select[*tuple[Any, ...]]) -> int:
        return int(session.scalar(stmt) or 0)

    return {
        "members": count(select(func.count()).select_from(Member).where(*current_member())),
        "intros": count(
            select(func.count()).select_from(Pairing).where(Pairing.cancelled.is_(False))
        ),
        "friendships": count(select(func.count()).select_from(Friendship)),
        "vault_entries": count(
            select(func.count()).select_from(VaultResource).where(VaultResource.source == "member")
        ),
        "searches": count(select(func.count()).select_from(VaultSearchLog)),
        "searches_empty": count(
            select(func.count()).select_from(VaultSearchLog).where(VaultSearchLog.found.is_(False))
        ),
    }


def today(session: Session, window: Window) -> Now:
    paused = session.scalar(
        select(func.count())
        .select_from(Member)
        .where(Member.status == MemberStatus.PAUSED, Member.deleted_at.is_(None))
    )
    circles, circles_quiet = circle_weeks(session, window)
    quiet = quiet_members(session, window)
    return Now(
        paused=int(paused or 0),
        quiet_names=quiet_names(session, quiet),
        quiet_ids=tuple(sorted(quiet)),
        median_friends=median_of(friends_histogram(session)),
        cohorts=cohort_friends(session),
        circles=circles,
        circles_quiet_two_weeks=circles_quiet,
        missing_words=missing_words(session, window),
        totals=totals(session),
    )
