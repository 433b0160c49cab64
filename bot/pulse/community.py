"""Members and friendships per week, as SQL aggregates: who is in the community, who was
active, who joined or left, who became friends and how many members have a friend."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    distinct,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from bot.pulse.buckets import grouped, per_week, running, week_of
from bot.pulse.window import ACTIVE_WEEKS, Window
from storage.models import (
    Application,
    CheckinResponse,
    Friendship,
    Member,
    MemberStatus,
    Pairing,
    PairingMember,
    VaultResource,
    VaultVote,
)


def in_community() -> list[ColumnElement[bool]]:
    """Members, not applicants waiting for a cohort nor data deleted on request."""
    return [Member.status != MemberStatus.APPLICANT, Member.deleted_at.is_(None)]


def members_per_week(session: Session, window: Window) -> dict[str, list[int]]:
    weeks = len(window.mondays)
    one = literal(1).label("n")
    joined = grouped(
        session,
        select(week_of(Member.created_at, window).label("w"), one).where(
            *in_community(), Member.created_at < window.end
        ),
        "w",
    )
    left = grouped(
        session,
        select(week_of(Member.left_at, window).label("w"), one).where(
            *in_community(), Member.left_at < window.end
        ),
        "w",
    )
    there = [a - b for a, b in zip(running(joined, weeks), running(left, weeks), strict=True)]
    return {"members": there, "new": per_week(joined, weeks), "left": per_week(left, weeks)}


def active_per_week(session: Session, window: Window) -> list[int]:
    """Members who did anything (answered an intro, checked in or skipped, added to or
    voted in the vault, applied) in the four weeks ending with each reported week."""
    since, end = window.edges[0], window.end

    def acts(member: Any, at: Any, *where: Any) -> Any:
        return select(member.label("m"), at.label("at")).where(at >= since, at < end, *where)

    # Intros of the weeks in view (the week index keeps this to a few weeks' rows); a
    # check-in counts once, when it was answered, or else skipped.
    first_week = window.week_numbers[0] - window.lookback - 1
    checkin_at = func.coalesce(CheckinResponse.answered_at, CheckinResponse.skipped_at)
    union = union_all(
        acts(
            PairingMember.member_id,
            PairingMember.answered_at,
            Pairing.id == PairingMember.pairing_id,
            Pairing.week >= first_week,
        ),
        acts(
            CheckinResponse.member_id, checkin_at, CheckinResponse.period_key.in_(window.all_keys)
        ),
        acts(Application.member_id, Application.submitted_at),
        acts(Member.id, VaultResource.created_at, Member.slack_user_id == VaultResource.added_by),
        acts(Member.id, VaultVote.created_at, Member.slack_user_id == VaultVote.user_id),
    ).subquery()
    # Each member's active weeks as a bit mask (bit w + 3 for week w, the look-back weeks
    # being -3…-1): the sum of distinct powers of two is their OR. Week n counts a member
    # when any of bits n…n+3 is set. Two GROUP BYs, no join that copies rows four times.
    bit = literal(1).op("<<")(week_of(union.c.at, window) + window.lookback)
    masks = (
        select(func.sum(distinct(bit)).label("mask"))
        .join(Member, Member.id == union.c.m)
        .where(*in_community())
        .group_by(union.c.m)
        .subquery()
    )
    span = (1 << ACTIVE_WEEKS) - 1
    row = session.execute(
        select(
            *(
                func.count().filter(masks.c.mask.op("&")(span << n) != 0)
                for n in range(len(window.mondays))
            )
        )
    ).one()
    return [int(c) for c in row]


def friend_ends() -> Any:
    """Each friendship twice, once per friend: (m, at)."""
    return union_all(
        select(Friendship.member_a.label("m"), Friendship.created_at.label("at")),
        select(Friendship.member_b.label("m"), Friendship.created_at.label("at")),
    ).subquery("ends")


def friendships_per_week(session: Session, window: Window) -> dict[str, list[int]]:
    weeks = len(window.mondays)
    formed = grouped(
        session,
        select(week_of(Friendship.created_at, window).label("w"), literal(1).label("n")).where(
            Friendship.created_at < window.end
        ),
        "w",
    )
    ends = friend_ends()
    ranked = (
        select(
            ends.c.m,
            ends.c.at,
            func.row_number().over(partition_by=ends.c.m, order_by=ends.c.at).label("rn"),
        )
        .where(ends.c.at < window.end)
        .subquery("ranked")
    )
    nth = (
        select(ranked.c.rn, ranked.c.at, Member.left_at)
        .join(Member, Member.id == ranked.c.m)
        .where(ranked.c.rn <= 2, *in_community())
        .subquery("nth")
    )
    made = grouped(
        session,
        select(nth.c.rn.label("rn"), week_of(nth.c.at, window).label("w"), literal(1).label("n")),
        "rn",
        "w",
    )
    # A member who left takes their friends with them from the share: subtracted in the
    # week they left (only if they had the friend by then).
    gone = grouped(
        session,
        select(
            nth.c.rn.label("rn"), week_of(nth.c.left_at, window).label("w"), literal(1).label("n")
        ).where(nth.c.left_at < window.end, nth.c.at <= nth.c.left_at),
        "rn",
        "w",
    )

    def share(rank: int) -> list[int]:
        has = running({w: n for (r, w), n in made.items() if r == rank}, weeks)
        lost = running({w: n for (r, w), n in gone.items() if r == rank}, weeks)
        return [a - b for a, b in zip(has, lost, strict=True)]

    return {
        "friendships_formed": per_week(formed, weeks),
        "friendships_total": running(formed, weeks),
        "with_friend": share(1),
        "with_two_friends": share(2),
    }


def friend_counts() -> Any:
    """Friends per member (members with none are absent): (m, friends)."""
    ends = friend_ends()
    return select(ends.c.m, func.count().label("friends")).group_by(ends.c.m).subquery("fc")


def current_member() -> list[ColumnElement[bool]]:
    """In the community today: active or paused."""
    return [
        Member.status.in_((MemberStatus.ACTIVE, MemberStatus.PAUSED)),
        Member.deleted_at.is_(None),
    ]
