"""The export, one section per domain: each returns its keys of the export, in plain JSON
types, in the order the export lists them.

Members a section names are shown by display name; one whose data is gone is "a former
member".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.circles.membership import circle_record
from bot.lunches.privacy import lunches_section
from bot.mentors.export import mentoring_section
from storage.models import (
    Application,
    CheckinResponse,
    Cohort,
    DontPair,
    Friendship,
    Member,
    Pairing,
    PairingMember,
)
from storage.models.vault import VaultResource, VaultVote

Section = Callable[[Session, Member], dict[str, Any]]


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def profile_section(session: Session, member: Member) -> dict[str, Any]:
    return {
        "profile": {
            "slack_user_id": member.slack_user_id,
            "name": member.display_name,
            "status": member.status,
            "company": member.company,
            "level": member.level,
            "interests": member.interests,
            "other_topics": member.tags,
            "goals": member.goals,
            "time_zone": member.timezone_name,
            "is_guide": member.is_guide,
            "joined": _when(member.created_at),
        }
    }


def cohorts_section(session: Session, member: Member) -> dict[str, Any]:
    """Their applications, with the note admins left them."""
    applications = list(
        session.scalars(select(Application).where(Application.member_id == member.id))
    )
    cohorts = _cohort_names(session, {a.cohort_id for a in applications})
    return {
        "applications": [
            {
                "cohort": cohorts[a.cohort_id],
                "company": a.company,
                "role": a.role,
                "level": a.level,
                "years_in_product": a.years,
                "interests": a.interests,
                "wants": a.wants,
                "note": a.note,
                "status": a.status,
                "submitted": _when(a.submitted_at),
                "decided": _when(a.decided_at),
                "note_from_admins": a.decline_note,
            }
            for a in applications
        ]
    }


def pairing_section(session: Session, member: Member) -> dict[str, Any]:
    """Their intros and answers, friendships and the don't-pair list."""
    mine = _my_pairings(session, member)
    partners = _partners(session, member, [pairing.id for _, pairing in mine])
    friends = _friends(session, member)
    avoided = list(
        session.scalars(select(DontPair.other_id).where(DontPair.member_id == member.id))
    )
    name = _namer(session, {*friends, *avoided, *(i for ids in partners.values() for i in ids)})
    return {
        "pairings": [
            {
                "week_of": _when(pairing.created_at),
                "with": [name(i) for i in partners.get(pairing.id, [])],
                "shared_interests": pairing.shared,
                "did_you_meet": row.met,
                "meet_again": row.meet_again,
                "skipped": row.skipped,
            }
            for row, pairing in mine
        ],
        "friends": [name(i) for i in friends],
        "dont_pair_with": [name(i) for i in avoided],
    }


def circles_section(session: Session, member: Member) -> dict[str, Any]:
    """Their circle and role, and every check-in they wrote."""
    placed = circle_record(session, member)
    checkins = session.scalars(
        select(CheckinResponse)
        .where(CheckinResponse.member_id == member.id)
        .order_by(CheckinResponse.period_key)
    )
    return {
        "circle": {"name": placed[0], "role": placed[1]} if placed else None,
        "checkins": [
            {
                "week": c.period_key,
                "win": c.win,
                "challenge": c.challenge,
                "help_wanted": c.help_wanted,
                "mood": c.mood,
                "mood_shared": c.share_mood,
                "rough_week": c.rough_week,
                "answered": _when(c.answered_at),
                "skipped": _when(c.skipped_at),
            }
            for c in checkins
        ],
    }


def vault_section(session: Session, member: Member) -> dict[str, Any]:
    """The entries they added and the titles they voted for."""
    entries = session.scalars(
        select(VaultResource).where(VaultResource.added_by == member.slack_user_id)
    )
    votes = list(
        session.scalars(select(VaultVote).where(VaultVote.user_id == member.slack_user_id))
    )
    titles = _titles(session, {v.resource_id for v in votes})
    return {
        "vault_entries": [
            {"title": r.title, "url": r.url, "description": r.description, "votes": r.votes}
            for r in entries
        ],
        "vault_votes": [titles[v.resource_id] for v in votes],
    }


SECTIONS: Sequence[Section] = (
    profile_section,
    cohorts_section,
    pairing_section,
    circles_section,
    vault_section,
    mentoring_section,
    lunches_section,
)


def _cohort_names(session: Session, cohort_ids: Collection[int]) -> dict[int, str]:
    rows = session.execute(select(Cohort.id, Cohort.name).where(Cohort.id.in_(cohort_ids)))
    return {key: value for key, value in rows}


def _titles(session: Session, resource_ids: Collection[int]) -> dict[int, str]:
    rows = session.execute(
        select(VaultResource.id, VaultResource.title).where(VaultResource.id.in_(resource_ids))
    )
    return {key: value for key, value in rows}


def _my_pairings(session: Session, member: Member) -> list[tuple[PairingMember, Pairing]]:
    rows = session.execute(
        select(PairingMember, Pairing)
        .join(Pairing, Pairing.id == PairingMember.pairing_id)
        .where(PairingMember.member_id == member.id)
        .order_by(Pairing.id)
    )
    return [(row, pairing) for row, pairing in rows]


def _partners(session: Session, member: Member, pairing_ids: list[int]) -> dict[int, list[int]]:
    """Who else was in each of these pairings, by pairing id."""
    partners: dict[int, list[int]] = {}
    for pairing_id, other in session.execute(
        select(PairingMember.pairing_id, PairingMember.member_id).where(
            PairingMember.pairing_id.in_(pairing_ids),
            PairingMember.member_id != member.id,
        )
    ):
        partners.setdefault(pairing_id, []).append(other)
    return partners


def _friends(session: Session, member: Member) -> list[int]:
    return [
        f.member_b if f.member_a == member.id else f.member_a
        for f in session.scalars(
            select(Friendship).where(
                or_(Friendship.member_a == member.id, Friendship.member_b == member.id)
            )
        )
    ]


def _namer(session: Session, member_ids: Collection[int]) -> Callable[[int], str]:
    names = {
        m.id: m.display_name
        for m in session.scalars(select(Member).where(Member.id.in_(member_ids)))
    }
    return lambda member_id: names.get(member_id, "a former member")
