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
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.platform.services import Services
from bot.platform.settings import Settings
from storage.models import Circle, CircleMember, Member, OutboxMessage

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
    changed = 0
    with services.sessions() as session:
        waiting = session.scalars(
            select(Circle.id).where(Circle.status == "active", Circle.channel_id.is_(None))
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
    with services.sessions() as session:
        rows = session.execute(
            select(CircleMember, Member, Circle)
            .join(Member, Member.id == CircleMember.member_id)
            .join(Circle, Circle.id == CircleMember.circle_id)
            .where(
                CircleMember.invited_at.is_(None),
                Circle.channel_id.is_not(None),
                Member.status != "left",
            )
            .order_by(Circle.id, CircleMember.role.desc(), Member.id)
        ).all()
    for row, member, circle in rows:
        if _invite(client, circle.channel_id, member.slack_user_id):
            with services.sessions.begin() as session:
                stored = session.get(CircleMember, row.member_id)
                assert stored is not None
                stored.invited_at = services.clock.now()
                messages = _welcomes(session, circle, member, stored, services.settings)
                enqueue(session, messages, now=services.clock.now())
            changed += 1
    return changed


def _invite(client: WebClient, channel: str | None, user_id: str) -> bool:
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
    pending = session.scalar(
        select(CircleMember.member_id)
        .where(CircleMember.circle_id == circle.id, CircleMember.invited_at.is_(None))
        .limit(1)
    )
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
    if pending is not None:
        return []
    people = session.execute(
        select(Member, CircleMember.role)
        .join(CircleMember, CircleMember.member_id == Member.id)
        .where(CircleMember.circle_id == circle.id)
        .order_by(CircleMember.role.desc(), Member.id)
    ).all()
    text, blocks = circle_welcome(circle, [(m, role) for m, role in people], settings)
    return [
        OutgoingMessage(
            key=f"circle:{circle.id}:welcome", text=text, blocks=blocks, channel=circle.channel_id
        )
    ]
