"""Mentoring's part of a member's export: their offer, goals, mentorships, recaps, next
steps and panel (the recaps they wrote as a mentee; as a mentor, that a pair existed and when)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import (
    Member,
    MentorOffer,
    MentorRequest,
    MentorSession,
    Mentorship,
    PanelAdviser,
)


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def mentoring_section(session: Session, member: Member) -> dict[str, Any]:
    offer = session.get(MentorOffer, member.id)
    requests = session.scalars(
        select(MentorRequest).where(MentorRequest.mentee_id == member.id).order_by(MentorRequest.id)
    )
    pairs = list(
        session.scalars(
            select(Mentorship)
            .where(or_(Mentorship.mentor_id == member.id, Mentorship.mentee_id == member.id))
            .order_by(Mentorship.id)
        )
    )
    names = {
        m.id: m.display_name
        for m in session.scalars(
            select(Member).where(
                Member.id.in_({p.mentor_id for p in pairs} | {p.mentee_id for p in pairs})
            )
        )
        if m.deleted_at is None
    }
    return {
        "mentor_offer": (
            {"capacity": offer.capacity, "topics": offer.topics, "spikes": offer.spikes}
            if offer
            else None
        ),
        "mentor_requests": [
            {
                "goal": r.goal,
                "phase": r.phase,
                "spike": r.spike,
                "topics": r.topics,
                "anything_else": r.help_wanted,
                "status": r.status,
                "made": _when(r.created_at),
            }
            for r in requests
        ],
        "mentorships": [_pair(session, p, member, names) for p in pairs],
        "panel_advisers": [
            m.display_name
            for m in session.scalars(
                select(Member)
                .join(PanelAdviser, PanelAdviser.adviser_id == Member.id)
                .where(PanelAdviser.member_id == member.id)
            )
        ],
    }


def _pair(
    session: Session, pair: Mentorship, member: Member, names: dict[int, str]
) -> dict[str, Any]:
    mentee = pair.mentee_id == member.id
    other = pair.mentor_id if mentee else pair.mentee_id
    entry: dict[str, Any] = {
        "role": "mentee" if mentee else "mentor",
        "with": names.get(other, "a former member"),
        "status": pair.status,
        "started": _when(pair.started_at),
        "ended": _when(pair.ended_at),
        "session_day": pair.session_day,
        "good_fit": pair.mentee_fit if mentee else pair.mentor_fit,
    }
    if mentee:
        entry["sessions"] = [
            {
                "month": s.month,
                "what_changed": s.changed,
                "focus": s.focus,
                "next_step": s.next_step,
            }
            for s in session.scalars(
                select(MentorSession)
                .where(MentorSession.mentorship_id == pair.id)
                .order_by(MentorSession.month)
            )
        ]
    return entry
