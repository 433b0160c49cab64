"""A member's panel of informal advisers: who to suggest (people they already know from
pairings, tiny lunches and the vault), marking them, and the quarterly update the member
writes for them (sent only when the member says so)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.mentors import panel_blocks
from bot.mentors.blocks import MAX_TEXT
from bot.mentors.finding import Outcome
from bot.mentors.fit import Knows
from bot.mentors.pool import current_mentors, knows
from bot.outbox.queue import OutgoingMessage
from bot.platform.refused import Refused
from bot.slack.words import plural
from storage.models import (
    Lunch,
    LunchSignup,
    LunchStatus,
    Member,
    MemberStatus,
    PanelAdviser,
    VaultResource,
    VaultVote,
)
from storage.models.lunches import AT_TABLE

MAX_SUGGESTIONS = 5
MAX_PANEL = 12


def advisers(session: Session, member: Member) -> list[Member]:
    return list(
        session.scalars(
            select(Member)
            .join(PanelAdviser, PanelAdviser.adviser_id == Member.id)
            .where(PanelAdviser.member_id == member.id, Member.status == MemberStatus.ACTIVE)
            .order_by(Member.real_name, Member.id)
        )
    )


# Why someone is suggested, as the panel says it.
FRIEND = "a friend from pairings"
LUNCH_GUEST = "your tiny-lunch guest"
VAULT_AUTHOR = "you liked their vault post"


def suggestions(session: Session, member: Member, now: datetime) -> list[tuple[Member, str]]:
    """People the member already knows and trusts, not on the panel yet (nor their mentor),
    each with why: friends from pairings, then guests of tiny lunches they sat at (that have
    happened), then authors of vault resources they gave a thumbs-up."""
    marked = {a.id for a in advisers(session, member)} | current_mentors(session, member.id)
    marked.add(member.id)
    friends = [i for i, how in knows(session, member.id).items() if how == Knows.FRIENDS]
    sources = [
        (FRIEND, select(Member).where(Member.id.in_(friends))),
        (
            LUNCH_GUEST,
            select(Member)
            .join(Lunch, Lunch.guest_user_id == Member.slack_user_id)
            .join(LunchSignup, LunchSignup.lunch_id == Lunch.id)
            .where(
                LunchSignup.member_id == member.id,
                LunchSignup.status.in_(AT_TABLE),
                Lunch.status != LunchStatus.CANCELLED,
                Lunch.starts_at <= now,
            ),
        ),
        (
            VAULT_AUTHOR,
            select(Member)
            .join(VaultResource, VaultResource.added_by == Member.slack_user_id)
            .join(VaultVote, VaultVote.resource_id == VaultResource.id)
            .where(VaultVote.user_id == member.slack_user_id),
        ),
    ]
    found: list[tuple[Member, str]] = []
    for why, query in sources:
        rows = session.scalars(
            query.where(Member.status == MemberStatus.ACTIVE, Member.deleted_at.is_(None)).order_by(
                Member.real_name, Member.id
            )
        )
        for person in rows:
            if person.id not in marked:
                marked.add(person.id)
                found.append((person, why))
    return found[:MAX_SUGGESTIONS]


def _both(session: Session, slack_id: str, adviser_slack_id: str) -> tuple[Member, Member]:
    member = get_member(session, slack_id)
    adviser = get_member(session, adviser_slack_id)
    if member is None:
        raise Refused("I don't know you as a member yet. Set up your profile with `/profile`.")
    if adviser is None or adviser.status != MemberStatus.ACTIVE:
        raise Refused("I don't know them as a member. Type @ and pick someone from Slack's list.")
    if adviser.id == member.id:
        raise Refused("You're already at the heart of your panel. Pick someone else.")
    return member, adviser


def add(session: Session, slack_id: str, adviser_slack_id: str, now: datetime) -> str:
    member, adviser = _both(session, slack_id, adviser_slack_id)
    if session.get(PanelAdviser, (member.id, adviser.id)) is not None:
        return f"{adviser.display_name} is on your panel already."
    if len(advisers(session, member)) >= MAX_PANEL:
        raise Refused(
            f"Your panel holds up to {MAX_PANEL} people. Remove someone first with "
            "`/mentor panel remove @person`."
        )
    session.add(PanelAdviser(member_id=member.id, adviser_id=adviser.id, created_at=now))
    session.flush()
    return (
        f"Added {adviser.display_name} to your panel. They aren't told; your quarterly "
        "update reaches them only when you send it."
    )


def remove(session: Session, slack_id: str, adviser_slack_id: str) -> str:
    member, adviser = _both(session, slack_id, adviser_slack_id)
    session.execute(
        delete(PanelAdviser).where(
            PanelAdviser.member_id == member.id, PanelAdviser.adviser_id == adviser.id
        )
    )
    return f"{adviser.display_name} is off your panel."


def readers(session: Session, member: Member) -> list[Member]:
    """Who a panel update goes to: the advisers, and the member's mentor."""
    people = {a.id: a for a in advisers(session, member)}
    for mentor_id in current_mentors(session, member.id):
        mentor = session.get(Member, mentor_id)
        if mentor is not None:
            people[mentor.id] = mentor
    return sorted(people.values(), key=lambda m: m.id)


def send_update(
    session: Session, slack_id: str, quarter: str, text: str | None, now: datetime
) -> Outcome:
    """The member's own words, to each reader privately; once per quarter."""
    member = get_member(session, slack_id)
    update = (text or "").strip()
    if member is None:
        raise Refused("I don't know you as a member yet.")
    if not update:
        raise Refused("A line or two is enough, but please write something.", field="focus")
    if len(update) > MAX_TEXT:
        raise Refused(f"Please keep it under {MAX_TEXT} characters.", field="focus")
    people = readers(session, member)
    if not people:
        raise Refused("Your panel is empty. Add someone with `/mentor panel add @person`.")
    messages = []
    for reader in people:
        body, blocks = panel_blocks.panel_update_message(member.display_name, update)
        messages.append(
            OutgoingMessage(
                key=f"panel:{member.id}:{quarter}:{reader.id}",
                text=body,
                blocks=blocks,
                to_users=(reader.slack_user_id,),
                about=(member.slack_user_id,),
            )
        )
    return Outcome(messages, f"Sent to {plural(len(people), 'person', 'people')} on your panel.")
