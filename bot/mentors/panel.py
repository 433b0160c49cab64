"""`/mentor panel` for a member, and `/mentor status` in numbers for admins (counts only,
never goals or recaps)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.mentors import pair_blocks, panel_blocks, panels
from bot.mentors.mentorships import active_pairs, people
from bot.mentors.pool import mentors, zone
from bot.platform.dates import day_words
from bot.slack.blocks import escape, section
from bot.slack.words import plural
from storage.models import (
    MentorOffer,
    MentorRequest,
    MentorSession,
    Mentorship,
    MentorshipStatus,
    RequestStatus,
)


def panel_message(
    session: Session, slack_id: str, now: datetime, tz: ZoneInfo
) -> tuple[str, list[dict[str, Any]]]:
    """The member's mentor, mentees and advisers, and friends they could add."""
    member = get_member(session, slack_id)
    if member is None:
        text = "I don't know you as a member yet. Set up your profile with `/profile` first."
        return text, [section(text)]
    lines = ["*Your panel*"]
    mentor_lines, mentee_lines = [], []
    today = now.astimezone(zone(member, tz)).date()
    for pair in active_pairs(session, member):
        mentor, mentee = people(session, pair)
        day = "no day yet"
        if pair.session_day:
            day = f"sessions on the {pair_blocks.ordinal(pair.session_day)}"
        if pair.first_session_on and pair.first_session_on >= today:
            day += f", first on {day_words(pair.first_session_on)}"
        if mentee.id == member.id:
            mentor_lines.append(f"• Your mentor: *{escape(mentor.display_name)}* ({day})")
        else:
            mentee_lines.append(f"• You mentor *{escape(mentee.display_name)}* ({day})")
    lines += mentor_lines or ["• No mentor right now. `/mentor find` suggests three who fit."]
    lines += mentee_lines
    marked = [escape(a.display_name) for a in panels.advisers(session, member)]
    if marked:
        lines.append(f"• Advisers: {', '.join(marked)}")
    else:
        lines.append("• No advisers marked yet: `/mentor panel add @person`.")
    offer = session.get(MentorOffer, member.id)
    if offer is not None:
        room = next((m.room for m, row in mentors(session, now) if row.id == member.id), 0)
        lines.append(
            f"• You offer to mentor {plural(offer.capacity, 'mentee')} ({room} free). "
            "`/mentor offer` to change it."
        )
    text = "\n".join(lines)
    offered = [(m.id, m.display_name, why) for m, why in panels.suggestions(session, member, now)]
    return text.replace("*", "").replace("`", ""), panel_blocks.panel_blocks(text, offered)


def counts(session: Session, now: datetime) -> dict[str, int]:
    pool = mentors(session, now)
    by_status = dict(
        session.execute(
            select(MentorRequest.status, func.count()).group_by(MentorRequest.status)
        ).all()
    )
    fit = dict(
        session.execute(
            select(Mentorship.mentee_fit, func.count())
            .where(Mentorship.mentee_fit.is_not(None))
            .group_by(Mentorship.mentee_fit)
        ).all()
    )
    mentor_fit = dict(
        session.execute(
            select(Mentorship.mentor_fit, func.count())
            .where(Mentorship.mentor_fit.is_not(None))
            .group_by(Mentorship.mentor_fit)
        ).all()
    )
    return {
        "mentors": len(pool),
        "seats": sum(m.room for m, _ in pool),
        "open": by_status.get(RequestStatus.OPEN, 0),
        "asked": by_status.get(RequestStatus.ASKED, 0),
        "active": session.scalar(
            select(func.count()).where(Mentorship.status == MentorshipStatus.ACTIVE)
        )
        or 0,
        "recaps": session.scalar(select(func.count()).where(MentorSession.recap_at.is_not(None)))
        or 0,
        "fit_yes": fit.get(True, 0) + mentor_fit.get(True, 0),
        "fit_no": fit.get(False, 0) + mentor_fit.get(False, 0),
    }
