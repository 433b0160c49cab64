"""Weekly circle check-ins: prompts, one reminder, answers shared in the circle's thread,
rough-week nudges, and the guide's digest.

Privacy: an answer's text goes to one place only, the circle's private channel (as a reply
under the week's header). Digests, statuses and admin rates carry names and counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.circles.checkin_blocks import (
    answer_post,
    digest_message,
    nudge_text,
    prompt_message,
    week_header,
)
from bot.circles.checkin_form import CheckinAnswers
from bot.circles.checkin_schedule import Step, WeekState, checkin_step, digest_due, zone
from bot.circles.membership import (
    CircleRefused,
    Placed,
    active_circles,
    circle_people,
    peers_to_check_in,
    placed,
    placement,
)
from bot.circles.rates import CircleWeek, rates_text
from bot.members.names import first_name
from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage
from bot.platform.periods import week_key, week_words
from bot.platform.settings import Settings
from storage.models import (
    CheckinResponse,
    Circle,
    CircleMember,
    CircleRole,
    Member,
    MemberStatus,
)

NOT_IN_A_CIRCLE = (
    "You're not in a circle yet. Admins place members in circles of 3–4 peers and a guide; "
    "you'll get a message when yours starts."
)


@dataclass
class Saved:
    note: str
    messages: list[OutgoingMessage] = field(default_factory=list)


def member_week_key(member: Member | Placed, now: datetime, settings: Settings) -> str:
    """The member's check-in week: the ISO week of their own calendar (their time zone, the
    community's when unknown), so it can differ from the community's week around midnight."""
    return week_key(now, zone(member.timezone_name, settings.timezone))


def _week_row(session: Session, member: Member, period: str) -> CheckinResponse | None:
    return session.scalar(
        select(CheckinResponse).where(
            CheckinResponse.member_id == member.id, CheckinResponse.period_key == period
        )
    )


def _row(session: Session, member: Member, circle: Circle, period: str) -> CheckinResponse:
    """This week's row for the member, created on first need (racing creators share one)."""
    found = _week_row(session, member, period)
    if found is not None:
        return found
    row = CheckinResponse(
        member_id=member.id,
        circle_id=circle.id,
        period_key=period,
        share_mood=False,
        rough_week=False,
        version=0,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return _row(session, member, circle, period)
    return row


def _week_state(existing: CheckinResponse | None, member: Member, now: datetime) -> WeekState:
    """What already happened this week, and whether the member's pause still holds."""
    paused = member.status == MemberStatus.PAUSED and (
        member.paused_until is None or member.paused_until > now
    )
    return WeekState(
        prompted_at=existing.prompted_at if existing else None,
        reminded=bool(existing and existing.reminded_at),
        answered=bool(existing and existing.answered_at),
        skipped=bool(existing and existing.skipped_at),
        paused=paused,
    )


def _prompt(
    member: Member, circle: Circle, row: CheckinResponse, period: str, step: Step, now: datetime
) -> OutgoingMessage:
    """The prompt (or last call) for this step, noted on the week's row as sent."""
    last_call = step is Step.REMIND
    if last_call:
        row.reminded_at = now
    else:
        row.prompted_at = now
    text, blocks = prompt_message(first_name(member.full_name), circle, last_call=last_call)
    return OutgoingMessage.dm(
        member.slack_user_id,
        key=f"checkin:{period}:{member.slack_user_id}:{step.value}",
        text=text,
        blocks=blocks,
    )


def due_steps(session: Session, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """Prompts and last calls whose time has come, each member in their own time zone."""
    messages = []
    for member, circle in peers_to_check_in(session):
        tz = zone(member.timezone_name, settings.timezone)
        period = week_key(now, tz)
        existing = _week_row(session, member, period)
        step = checkin_step(now, tz, _week_state(existing, member, now), settings)
        if step is None:
            continue
        row = existing or _row(session, member, circle, period)
        messages.append(_prompt(member, circle, row, period, step, now))
    return messages


def peer_circle(session: Session, slack_user_id: str) -> tuple[Member, Circle]:
    member = get_member(session, slack_user_id)
    placed = placement(session, member)
    if member is None or placed is None:
        raise CircleRefused(NOT_IN_A_CIRCLE)
    circle, role = placed
    if role == CircleRole.GUIDE:
        raise CircleRefused(
            f"You guide {circle.name}, so there's no check-in for you: your circle's answers "
            "arrive in its channel, and the weekly digest on Fridays."
        )
    return member, circle


def this_week(
    session: Session, slack_user_id: str, now: datetime, settings: Settings
) -> tuple[Circle, str, CheckinResponse | None]:
    """(circle, period, this week's row or None) for the check-in modal."""
    member, circle = peer_circle(session, slack_user_id)
    period = member_week_key(member, now, settings)
    row = _week_row(session, member, period)
    return circle, period, row if row is not None and row.answered_at else None


def _store(row: CheckinResponse, answers: CheckinAnswers, now: datetime) -> bool:
    """Write the answers on the week's row; whether this edits an earlier answer."""
    editing = row.answered_at is not None
    if editing:
        row.version += 1
    row.win, row.challenge, row.help_wanted = answers.win, answers.challenge, answers.help_wanted
    row.mood, row.share_mood, row.rough_week = answers.mood, answers.share_mood, answers.rough_week
    row.answered_at, row.skipped_at = now, None
    return editing


def _thread_posts(
    member: Member, circle: Circle, row: CheckinResponse, period: str, *, editing: bool
) -> list[OutgoingMessage]:
    """The week's header, then the answer under it (or an edit of the first post)."""
    header_key = f"circle:{circle.id}:{period}:header"
    first_key = f"checkin:{row.id}:v0"
    text, blocks = answer_post(member, row)
    header = OutgoingMessage(
        key=header_key, text=week_header(circle, period), channel=circle.channel_id
    )
    if editing:
        answer = OutgoingMessage(
            key=f"checkin:{row.id}:v{row.version}",
            text=text,
            blocks=blocks,
            channel=circle.channel_id,
            edit_of=first_key,
        )
    else:
        answer = OutgoingMessage(
            key=first_key,
            text=text,
            blocks=blocks,
            channel=circle.channel_id,
            thread_of=header_key,
        )
    return [header, answer]


def _nudges(
    session: Session, member: Member, circle: Circle, row: CheckinResponse
) -> list[OutgoingMessage]:
    """A quiet DM to each circle-mate: this member is having a rough week."""
    return [
        OutgoingMessage.dm(
            mate.slack_user_id,
            key=f"nudge:{row.id}:{mate.slack_user_id}",
            text=nudge_text(member, circle),
        )
        for mate, _role in circle_people(session, circle.id)
        if mate.id != member.id
    ]


def save_answer(
    session: Session, slack_user_id: str, answers: CheckinAnswers, now: datetime, settings: Settings
) -> Saved:
    """Store the answer, then share it (or its edit) in the circle's thread only."""
    member, circle = peer_circle(session, slack_user_id)
    if not circle.channel_id:
        raise CircleRefused("Your circle's channel is still being set up. Try again in a minute.")
    period = member_week_key(member, now, settings)
    row = _row(session, member, circle, period)
    editing = _store(row, answers, now)
    session.flush()
    messages = _thread_posts(member, circle, row, period, editing=editing)
    if answers.wants_support and row.nudged_at is None:
        row.nudged_at = now
        messages += _nudges(session, member, circle, row)
    note = "Updated in your circle's thread." if editing else "Shared with your circle."
    return Saved(note, messages)


def skip_week(session: Session, slack_user_id: str, now: datetime, settings: Settings) -> str:
    member, circle = peer_circle(session, slack_user_id)
    row = _row(session, member, circle, member_week_key(member, now, settings))
    if row.answered_at is not None:
        return "You already checked in this week, so there's nothing to skip."
    row.skipped_at = row.skipped_at or now
    return "Skipped for this week: no reminder. See you next week."


def week_states(session: Session, circle: Circle, period: str) -> dict[int, str]:
    """member id → answered / skipped / waiting, for this week."""
    rows = session.scalars(
        select(CheckinResponse).where(
            CheckinResponse.circle_id == circle.id, CheckinResponse.period_key == period
        )
    )
    states = {}
    for row in rows:
        states[row.member_id] = (
            "answered" if row.answered_at else "skipped" if row.skipped_at else "waiting"
        )
    return states


# Built once (constructing a statement costs about as much as running it on PostgreSQL).
_ROSTER = (
    select(
        Member.id,
        Member.slack_user_id,
        CircleMember.role,
        Member.status,
        CheckinResponse.answered_at,
        CheckinResponse.skipped_at,
    )
    .join(CircleMember, CircleMember.member_id == Member.id)
    .outerjoin(
        CheckinResponse,
        and_(
            CheckinResponse.member_id == Member.id,
            CheckinResponse.circle_id == bindparam("circle_id"),
            CheckinResponse.period_key == bindparam("period"),
        ),
    )
    .where(CircleMember.circle_id == bindparam("circle_id"))
    .order_by(CircleMember.role.desc(), Member.id)
)


def _roster(conn: Connection, circle_id: int, period: str) -> list[tuple[int, str, str, str, bool]]:
    """(member id, Slack id, role, this week's state, has left) of everyone in the circle,
    guide last: ``circle_people`` and ``week_states`` in one query of columns."""
    rows = conn.execute(_ROSTER, {"circle_id": circle_id, "period": period})
    return [
        (
            mid,
            slack_id,
            role,
            "answered" if answered else "skipped" if skipped else "waiting",
            status == MemberStatus.LEFT,
        )
        for mid, slack_id, role, status, answered, skipped in rows
    ]


def status_text(conn: Connection, slack_user_id: str, now: datetime, settings: Settings) -> str:
    """Two light queries of columns (one when not in a circle): every ``/circle status``
    pays for them."""
    circle = placed(conn, slack_user_id)
    if circle is None:
        return NOT_IN_A_CIRCLE
    period = member_week_key(circle, now, settings)
    roster = _roster(conn, circle.circle_id, period)
    states = {mid: state for mid, _slack_id, _role, state, _left in roster}
    where = f"<#{circle.channel_id}>" if circle.channel_id else "its channel is being set up"
    lines = [f"*Your circle: {circle.circle_name}* ({where}) — {week_words(period)}"]
    for _mid, mate_slack_id, mate_role, state, left in roster:
        if left:
            continue
        if mate_role == CircleRole.GUIDE:
            lines.append(f"• <@{mate_slack_id}> — guide")
        else:
            lines.append(f"• <@{mate_slack_id}> — {state}")
    role, member_id = circle.role, circle.member_id
    if role == CircleRole.PEER and states.get(member_id) != "answered":
        lines.append("`/circle checkin` to answer, `/circle skip` to skip this week.")
    return "\n".join(lines)


def due_digests(session: Session, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """The guide's weekly digest (Friday 16:00 their time): names and counts, no content."""
    messages = []
    for circle in active_circles(session):
        people = circle_people(session, circle.id)
        guides = [m for m, role in people if role == CircleRole.GUIDE]
        peers = [m for m, role in people if role == CircleRole.PEER]
        if not guides or not peers:
            continue
        guide = guides[0]
        tz = zone(guide.timezone_name, settings.timezone)
        if not digest_due(now, tz, settings):
            continue
        period = week_key(now, tz)
        before = week_key(now - timedelta(days=7), tz)
        states = week_states(session, circle, period)
        last = week_states(session, circle, before)
        answered = [m for m in peers if states.get(m.id) == "answered"]
        skipped = [m for m in peers if states.get(m.id) == "skipped"]
        waiting = [m for m in peers if m not in answered and m not in skipped]
        quiet = [m for m in waiting if last.get(m.id) == "waiting"]  # asked last week too
        text, blocks = digest_message(circle, period, answered, skipped, waiting, quiet)
        messages.append(
            OutgoingMessage.dm(
                guide.slack_user_id, key=f"digest:{circle.id}:{period}", text=text, blocks=blocks
            )
        )
    return messages


def response_rates(session: Session, now: datetime, settings: Settings) -> str:
    """For admins: per circle, this week's counts, quiet circles first with a move to make.
    Counts and the guide's name only, never what anyone wrote."""
    circles = active_circles(session)
    if not circles:
        return "There are no circles yet. `/circle form` proposes some."
    period = week_key(now, settings.timezone)
    before = week_key(now - timedelta(days=7), settings.timezone)
    weeks = []
    for circle in circles:
        people = circle_people(session, circle.id)
        peers = [m for m, role in people if role == CircleRole.PEER]
        guide = next((m.slack_user_id for m, role in people if role == CircleRole.GUIDE), None)
        states = week_states(session, circle, period)
        last = week_states(session, circle, before)
        answered = sum(1 for m in peers if states.get(m.id) == "answered")
        weeks.append(
            CircleWeek(
                name=circle.name,
                peers=len(peers),
                answered=answered,
                skipped=sum(1 for m in peers if states.get(m.id) == "skipped"),
                quiet_two_weeks=_quiet(states) and _quiet(last),
                guide=guide,
            )
        )
    return rates_text(week_words(period), weeks)


def _quiet(states: dict[int, str]) -> bool:
    """Peers were asked that week and none of them answered."""
    return bool(states) and "answered" not in states.values()
