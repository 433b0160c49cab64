"""Weekly circle check-ins: prompts, one reminder, answers shared in the circle's thread,
rough-week nudges, and the guide's digest.

Privacy: an answer's text goes to one place only, the circle's private channel (as a reply
under the week's header). Digests, statuses and admin rates carry names and counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.circles.checkin_blocks import (
    answer_post,
    digest_text,
    nudge_text,
    prompt_message,
    week_header,
)
from bot.circles.checkin_form import CheckinAnswers
from bot.circles.checkin_schedule import Step, WeekState, checkin_step, digest_due, period_for, zone
from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage
from bot.platform.refused import Refused
from bot.platform.settings import Settings
from storage.models import CheckinResponse, Circle, CircleMember, Member

NOT_IN_A_CIRCLE = (
    "You're not in a circle yet. Admins place members in circles of 3–4 peers and a guide; "
    "you'll get a message when yours starts."
)


class CircleRefused(Refused):
    """A request that cannot be done; ``str()`` is the sentence for the member."""


@dataclass
class Saved:
    note: str
    messages: list[OutgoingMessage] = field(default_factory=list)


def first_name(member: Member) -> str:
    return (member.real_name or member.name or "there").split()[0]


def placement(session: Session, member: Member | None) -> tuple[Circle, str] | None:
    """The member's active circle and role there, if any."""
    if member is None:
        return None
    row = session.execute(
        select(Circle, CircleMember.role)
        .join(CircleMember, CircleMember.circle_id == Circle.id)
        .where(CircleMember.member_id == member.id, Circle.status == "active")
    ).first()
    return (row[0], row[1]) if row else None


def circle_people(session: Session, circle_id: int) -> list[tuple[Member, str]]:
    """Everyone in the circle who has not left, guide last."""
    rows = session.execute(
        select(Member, CircleMember.role)
        .join(CircleMember, CircleMember.member_id == Member.id)
        .where(CircleMember.circle_id == circle_id, Member.status != "left")
        .order_by(CircleMember.role.desc(), Member.id)
    ).all()
    return [(m, role) for m, role in rows]


def week_of(member: Member, now: datetime, settings: Settings) -> str:
    return period_for(now, zone(member.timezone_name, settings.timezone))


def _row(session: Session, member: Member, circle: Circle, period: str) -> CheckinResponse:
    """This week's row for the member, created on first need (racing creators share one)."""
    found = session.scalar(
        select(CheckinResponse).where(
            CheckinResponse.member_id == member.id, CheckinResponse.period_key == period
        )
    )
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


def due_steps(session: Session, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """Prompts and last calls whose time has come, each member in their own time zone."""
    messages = []
    rows = session.execute(
        select(Member, Circle)
        .join(CircleMember, CircleMember.member_id == Member.id)
        .join(Circle, Circle.id == CircleMember.circle_id)
        .where(
            CircleMember.role == "peer",
            Circle.status == "active",
            Circle.channel_id.is_not(None),
            Member.status.in_(("active", "paused")),
        )
        .order_by(Member.id)
    ).all()
    for member, circle in rows:
        tz = zone(member.timezone_name, settings.timezone)
        period = period_for(now, tz)
        existing = session.scalar(
            select(CheckinResponse).where(
                CheckinResponse.member_id == member.id, CheckinResponse.period_key == period
            )
        )
        paused = member.status == "paused" and (
            member.paused_until is None or member.paused_until > now
        )
        state = WeekState(
            prompted_at=existing.prompted_at if existing else None,
            reminded=bool(existing and existing.reminded_at),
            answered=bool(existing and existing.answered_at),
            skipped=bool(existing and existing.skipped_at),
            paused=paused,
        )
        step = checkin_step(now, tz, state, settings)
        if step is None:
            continue
        row = existing or _row(session, member, circle, period)
        last_call = step is Step.REMIND
        if last_call:
            row.reminded_at = now
        else:
            row.prompted_at = now
        text, blocks = prompt_message(first_name(member), circle, last_call=last_call)
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"checkin:{period}:{member.slack_user_id}:{step.value}",
                text=text,
                blocks=blocks,
            )
        )
    return messages


def peer_circle(session: Session, slack_user_id: str) -> tuple[Member, Circle]:
    member = get_member(session, slack_user_id)
    placed = placement(session, member)
    if member is None or placed is None:
        raise CircleRefused(NOT_IN_A_CIRCLE)
    circle, role = placed
    if role == "guide":
        raise CircleRefused(
            f"You guide {circle.name}, so there's no check-in for you: your circle's answers "
            "arrive in its channel, and the weekly digest on Fridays."
        )
    return member, circle


def this_week(session: Session, slack_user_id: str, now: datetime, settings: Settings):  # type: ignore[no-untyped-def]
    """(circle, period, this week's row or None) for the check-in modal."""
    member, circle = peer_circle(session, slack_user_id)
    period = week_of(member, now, settings)
    row = session.scalar(
        select(CheckinResponse).where(
            CheckinResponse.member_id == member.id, CheckinResponse.period_key == period
        )
    )
    return circle, period, row if row is not None and row.answered_at else None


def save_answer(
    session: Session, slack_user_id: str, answers: CheckinAnswers, now: datetime, settings: Settings
) -> Saved:
    """Store the answer, then share it (or its edit) in the circle's thread only."""
    member, circle = peer_circle(session, slack_user_id)
    if not circle.channel_id:
        raise CircleRefused("Your circle's channel is still being set up. Try again in a minute.")
    period = week_of(member, now, settings)
    row = _row(session, member, circle, period)
    editing = row.answered_at is not None
    if editing:
        row.version += 1
    row.win, row.challenge, row.help_wanted = answers.win, answers.challenge, answers.help_wanted
    row.mood, row.share_mood, row.rough_week = answers.mood, answers.share_mood, answers.rough_week
    row.answered_at, row.skipped_at = now, None
    session.flush()
    header_key = f"circle:{circle.id}:{period}:header"
    first_key = f"checkin:{row.id}:v0"
    text, blocks = answer_post(member, row)
    messages = [
        OutgoingMessage(key=header_key, text=week_header(circle, period), channel=circle.channel_id)
    ]
    if editing:
        messages.append(
            OutgoingMessage(
                key=f"checkin:{row.id}:v{row.version}",
                text=text,
                blocks=blocks,
                channel=circle.channel_id,
                edit_of=first_key,
            )
        )
    else:
        messages.append(
            OutgoingMessage(
                key=first_key,
                text=text,
                blocks=blocks,
                channel=circle.channel_id,
                thread_of=header_key,
            )
        )
    if answers.wants_support and row.nudged_at is None:
        row.nudged_at = now
        for mate, _role in circle_people(session, circle.id):
            if mate.id != member.id:
                messages.append(
                    OutgoingMessage.dm(
                        mate.slack_user_id,
                        key=f"nudge:{row.id}:{mate.slack_user_id}",
                        text=nudge_text(member, circle),
                    )
                )
    note = "Updated in your circle's thread." if editing else "Shared with your circle."
    return Saved(note, messages)


def skip_week(session: Session, slack_user_id: str, now: datetime, settings: Settings) -> str:
    member, circle = peer_circle(session, slack_user_id)
    row = _row(session, member, circle, week_of(member, now, settings))
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


def status_text(session: Session, slack_user_id: str, now: datetime, settings: Settings) -> str:
    member = get_member(session, slack_user_id)
    placed = placement(session, member)
    if member is None or placed is None:
        return NOT_IN_A_CIRCLE
    circle, role = placed
    period = week_of(member, now, settings)
    states = week_states(session, circle, period)
    where = f"<#{circle.channel_id}>" if circle.channel_id else "its channel is being set up"
    lines = [f"*Your circle: {circle.name}* ({where}) — {period}"]
    for mate, mate_role in circle_people(session, circle.id):
        if mate_role == "guide":
            lines.append(f"• <@{mate.slack_user_id}> — guide")
        else:
            lines.append(f"• <@{mate.slack_user_id}> — {states.get(mate.id, 'waiting')}")
    if role == "peer" and states.get(member.id) != "answered":
        lines.append("`/circle checkin` to answer, `/circle skip` to skip this week.")
    return "\n".join(lines)


def due_digests(session: Session, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """The guide's weekly digest (Friday 16:00 their time): names and counts, no content."""
    messages = []
    for circle in session.scalars(select(Circle).where(Circle.status == "active")):
        people = circle_people(session, circle.id)
        guides = [m for m, role in people if role == "guide"]
        peers = [m for m, role in people if role == "peer"]
        if not guides or not peers:
            continue
        guide = guides[0]
        tz = zone(guide.timezone_name, settings.timezone)
        if not digest_due(now, tz, settings):
            continue
        period = period_for(now, tz)
        before = period_for(now - timedelta(days=7), tz)
        states = week_states(session, circle, period)
        last = week_states(session, circle, before)
        answered = [m for m in peers if states.get(m.id) == "answered"]
        skipped = [m for m in peers if states.get(m.id) == "skipped"]
        waiting = [m for m in peers if m not in answered and m not in skipped]
        quiet = [m for m in waiting if last.get(m.id) == "waiting"]  # asked last week too
        messages.append(
            OutgoingMessage.dm(
                guide.slack_user_id,
                key=f"digest:{circle.id}:{period}",
                text=digest_text(circle, period, answered, skipped, waiting, quiet),
            )
        )
    return messages


def response_rates(session: Session, now: datetime, settings: Settings) -> str:
    """For admins: per circle, this week's answered / skipped / waiting. Counts only."""
    circles = list(session.scalars(select(Circle).where(Circle.status == "active")))
    if not circles:
        return "There are no circles yet. `/circle form` proposes some."
    period = period_for(now, settings.timezone)
    lines = [f"*Check-ins for {period}* (counts only)"]
    for circle in circles:
        peers = [m for m, role in circle_people(session, circle.id) if role == "peer"]
        states = week_states(session, circle, period)
        answered = sum(1 for m in peers if states.get(m.id) == "answered")
        skipped = sum(1 for m in peers if states.get(m.id) == "skipped")
        rate = f"{round(100 * answered / len(peers))}%" if peers else "—"
        lines.append(
            f"• *{circle.name}* — {answered}/{len(peers)} answered ({rate}), {skipped} skipped"
        )
    return "\n".join(lines)
