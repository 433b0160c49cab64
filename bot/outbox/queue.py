"""The outbox: every message the bot sends is first written here with an idempotency key.

Domain code decides *what* to say and returns ``OutgoingMessage`` values; ``enqueue``
stores them in the caller's transaction, so a decision and its messages commit together,
and the dispatcher (bot/outbox/dispatcher.py) delivers them later. Writing the same key twice is
a no-op, which is what makes retries, crashes and second replicas safe.

Each stored message also records the members it names (``OutboxMember``): its recipients,
everyone it mentions (``<@U…>``) and whoever it is ``about``. Deleting a member finds their
messages through that index, however long the outbox grows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from storage.insert_once import insert_once
from storage.models import OutboxMessage
from storage.models.outbox import OutboxMember
from storage.rows_changed import rows_changed

MAX_KEY = 200
MAX_GROUP = 8  # conversations.open takes at most 8 users
# A user mention in Slack's markup, <@U123> or <@U123|name> (W… for Enterprise Grid users).
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class OutgoingMessage:
    """One message to one conversation: a member's DM, a group DM, or a channel."""

    key: str
    text: str
    blocks: list[dict[str, Any]] | None = None
    to_users: tuple[str, ...] = ()
    channel: str | None = None
    thread_ts: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # Keys of other outbox messages: reply in that message's thread, or edit that message
    # (chat.update) instead of posting. Their ts is only known once they are sent, so the
    # dispatcher waits for them.
    thread_of: str | None = None
    edit_of: str | None = None
    # A file to share with the text as its comment: {"filename", "title", "content"}, and
    # "encoding": "base64" for binary content (bot/outbox/transport.py file_bytes).
    file: dict[str, str] | None = None
    # Personal content (an export, a name in a farewell): the stored payload is blanked
    # once Slack has it, so the database keeps no copy.
    scrub: bool = False
    # Slack ids of members the message names without mentioning them (by name only):
    # deleting one of them deletes the message, as for its recipients and mentions.
    about: tuple[str, ...] = ()
    # Not before this moment (a first-week intro goes out on its own day); None: at once.
    not_before: datetime | None = None

    def __post_init__(self) -> None:
        if not self.key or len(self.key) > MAX_KEY:
            raise ValueError(f"an outbox key needs 1–{MAX_KEY} characters: {self.key!r}")
        if bool(self.to_users) == bool(self.channel):
            raise ValueError("a message goes to users or to a channel, not both or neither")
        if len(self.to_users) > MAX_GROUP:
            raise ValueError(f"a group DM holds at most {MAX_GROUP} people")
        if not self.text:
            raise ValueError("a message needs fallback text for notifications")

    @classmethod
    def dm(cls, user_id: str, key: str, text: str, blocks: list[dict[str, Any]] | None = None):
        return cls(key=key, text=text, blocks=blocks, to_users=(user_id,))

    def payload(self) -> dict[str, Any]:
        to: dict[str, Any] = (
            {"users": list(self.to_users)} if self.to_users else {"channel": self.channel}
        )
        data: dict[str, Any] = {"to": to, "text": self.text}
        if self.blocks:
            data["blocks"] = self.blocks
        if self.thread_ts:
            data["thread_ts"] = self.thread_ts
        if self.extra:
            data["extra"] = self.extra
        if self.thread_of:
            data["thread_of"] = self.thread_of
        if self.edit_of:
            data["edit_of"] = self.edit_of
        if self.file:
            data["file"] = self.file
        if self.scrub:
            data["scrub"] = True
        return data


def named_members(payload: dict[str, Any], about: Iterable[str] = ()) -> set[str]:
    """Slack ids of the members a stored message names: recipients, mentions, ``about``."""
    named = set(payload.get("to", {}).get("users", ()))
    named.update(MENTION.findall(json.dumps(payload)))
    named.update(about)
    return named


def enqueue(session: Session, messages: Iterable[OutgoingMessage], *, now: datetime) -> int:
    """Store messages for delivery; returns how many were new (known keys are skipped)."""
    created = 0
    for message in messages:
        payload = message.payload()
        if not insert_once(
            session,
            OutboxMessage,
            {
                "idempotency_key": message.key,
                "payload": payload,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": max(now, message.not_before or now),
                "created_at": now,
            },
            ["idempotency_key"],
        ):
            continue
        created += 1
        named = named_members(payload, message.about)
        if named:
            row_id = session.scalar(
                select(OutboxMessage.id).where(OutboxMessage.idempotency_key == message.key)
            )
            session.execute(
                insert(OutboxMember),
                [{"outbox_id": row_id, "slack_user_id": user} for user in sorted(named)],
            )
    return created


def counts(session: Session) -> dict[str, int]:
    """Messages by status, for health views and tests."""
    rows = session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return {status: n for status, n in rows}


def cancel(session: Session, key: str, *, reason: str) -> bool:
    """Withdraw a message that has not started sending; True if it was withdrawn."""
    withdrawn = rows_changed(
        session,
        update(OutboxMessage)
        .where(OutboxMessage.idempotency_key == key, OutboxMessage.status == "pending")
        .values(status="failed", last_error=reason[:500]),
    )
    return withdrawn == 1
