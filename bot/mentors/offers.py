"""Offering to mentor: capacity, topics and spikes, checked before they are stored."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.orm import Session

from bot.members.profile_options import level_rank
from bot.members.sync import get_member
from bot.mentors.forms import OfferForm
from bot.mentors.pool import taken
from bot.mentors.topics import MAX_CAPACITY, SPIKES, TOPICS
from bot.platform.refused import Refused
from storage.models import Member, MentorOffer

CAPACITY_USAGE = (
    f"A mentor takes 0 to {MAX_CAPACITY} mentees at a time. Try `/mentor offer capacity=2`, "
    "or `/mentor offer` for the form."
)
NEEDS_LEVEL = (
    "Add your level to your profile first (`/profile`), so members two levels below you "
    "can find you."
)
NOT_A_MEMBER = "I don't know you as a member yet. Set up your profile with `/profile` first."


def offering_member(session: Session, slack_id: str) -> Member:
    """The member who may offer: known, with a level."""
    member = get_member(session, slack_id)
    if member is None or member.deleted_at is not None:
        raise Refused(NOT_A_MEMBER)
    if level_rank(member.level) is None:
        raise Refused(NEEDS_LEVEL)
    return member


def parse_capacity(text: str | None, *, field: str | None = None) -> int:
    """'2' or 'capacity=2' → 2; anything else, or more than the maximum, is refused."""
    match = re.fullmatch(r"\s*(?:capacity\s*=\s*)?(\d{1,3})\s*", text or "")
    if not match or int(match[1]) > MAX_CAPACITY:
        raise Refused(CAPACITY_USAGE, field=field)
    return int(match[1])


def current_offer(session: Session, member: Member) -> MentorOffer | None:
    return session.get(MentorOffer, member.id)


def save_offer(session: Session, member: Member, form: OfferForm, now: datetime) -> tuple[int, int]:
    """Store the offer; returns the capacity and the room left (minus mentees and asks)."""
    capacity = parse_capacity(form.capacity, field="capacity")
    topics = [t for t in form.topics if t in TOPICS]
    if not topics:
        raise Refused("Pick at least one topic you mentor on.", field="topics")
    spikes = [s for s in form.spikes if s in SPIKES]
    offer = current_offer(session, member)
    if offer is None:
        offer = MentorOffer(member_id=member.id, created_at=now)
        session.add(offer)
    offer.capacity, offer.topics, offer.spikes, offer.updated_at = capacity, topics, spikes, now
    session.flush()
    return capacity, max(0, capacity - taken(session).get(member.id, 0))


def set_capacity(session: Session, slack_id: str, text: str, now: datetime) -> tuple[int, int]:
    """`/mentor offer capacity=N`: change only the capacity of an existing offer."""
    capacity = parse_capacity(text)
    member = offering_member(session, slack_id)
    offer = current_offer(session, member)
    if offer is None:
        raise Refused("Open the form first with `/mentor offer`, to pick your topics.")
    offer.capacity, offer.updated_at = capacity, now
    session.flush()
    return capacity, max(0, capacity - taken(session).get(member.id, 0))
