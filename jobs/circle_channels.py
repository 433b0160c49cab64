"""Bringing stored circles into Slack: a private channel each, everyone invited, a welcome.

Idempotent by construction: a circle without ``channel_id`` gets a channel, a member
without ``invited_at`` gets invited, and the welcome goes through the outbox with a key per
circle (per person for late joiners). If Slack fails half-way, the next run picks up
exactly what is missing, so admins never have to repeat an accept.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.circles.blocks import circle_welcome, joined_text
from bot.circles.membership import anyone_uninvited, circle_people, membership, uninvited
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.platform.services import Services
from bot.platform.settings import Settings
from storage.models import Circle, CircleMember, CircleStatus, Member, OutboxMessage

log = logging.getLogger(__name__)
MAX_TRIES = 20  # "circle-otter", "circle-otter-2", ... when a name is taken


def channel_name(circle_name: str, attempt: int) -> str:
    """A Slack channel name from the circle's word: lowercase letters, digits, dashes."""
    ascii_name = unicodedata.normalize("NFKD", circle_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "circle"
    suffix = f"-{attempt}" if attempt > 1 else ""
    return f"circle-{slug}"[: 80 - len(suffix)] + suffix


def _create(client: WebClient, circle: Circle) -> str | None:
    for attempt in range(1, MAX_TRIES + 1):
        try:
            answer = client.conversations_create(
                name=channel_name(circle.name, attempt), is_private=True
            )
        except SlackApiError as exc:
            if exc.response.get("error") == "name_taken":
                continue
            log.warning(
                "could not create circle %s's channel: %s", circle.id, exc.response.get("error")
            )
            return None
        return str(answer["channel"]["id"])
    return None


def set_up_circles(services: Services, client: WebClient) -> int:
    """Create missing channels and invite missing members; returns how many changed."""
    return _create_channels(services, client) + _invite_members(services, client)


def _create_channels(services: Services, client: WebClient) -> int:
    changed = 0
    with services.sessions() as session:
        waiting = session.scalars(
            select(Circle.id).where(
                Circle.status == CircleStatus.ACTIVE, Circle.channel_id.is_(None)
            )
        ).all()
    for circle_id in waiting:
        with services.sessions.begin() as session:
            circle = session.get(Circle, circle_id)
            assert circle is not None
            channel = _create(client, circle)
            if channel is None:
                continue
            circle.channel_id = channel  # stored at once: never two channels for one circle
            changed += 1
    return changed


def _invite_members(services: Services, client: WebClient) -> int:
    changed = 0
    with services.sessions() as session:
        rows = uninvited(session)
    for row, member, circle in rows:
        channel = circle.channel_id
        assert channel is not None  # uninvited() only lists circles that have a channel
        if _invite(client, channel, member.slack_user_id):
            with services.sessions.begin() as session:
                stored = membership(session, row.member_id)
                assert stored is not None
                stored.invited_at = services.clock.now()
                messages = _welcomes(session, circle, member, stored, services.settings)
                enqueue(session, messages, now=services.clock.now())
            changed += 1
    return changed


def _invite(client: WebClient, channel: str, user_id: str) -> bool:
    try:
        client.conversations_invite(channel=channel, users=user_id)
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error != "already_in_channel":
            log.warning("could not invite %s to %s: %s", user_id, channel, error)
            return False
    return True


def _welcomes(
    session: Session, circle: Circle, member: Member, row: CircleMember, settings: Settings
) -> list[OutgoingMessage]:
    """The circle's welcome once everyone of the first batch is in; a line for late joiners."""
    assert circle.channel_id is not None
    pending = anyone_uninvited(session, circle.id)
    welcome_key = f"circle:{circle.id}:welcome"
    welcomed = session.scalar(
        select(OutboxMessage.id).where(OutboxMessage.idempotency_key == welcome_key)
    )
    if welcomed is not None:  # the circle is running: this is someone joining later
        return [
            OutgoingMessage(
                key=f"circle:{circle.id}:joined:{member.slack_user_id}:{row.joined_at:%Y%m%d%H%M}",
                text=joined_text(member),
                channel=circle.channel_id,
            )
        ]
    if pending:
        return []
    people = circle_people(session, circle.id, with_left=True)
    text, blocks = circle_welcome(circle, people, settings)
    return [
        OutgoingMessage(
            key=f"circle:{circle.id}:welcome", text=text, blocks=blocks, channel=circle.channel_id
        )
    ]
