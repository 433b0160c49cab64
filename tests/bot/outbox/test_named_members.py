"""Each outbox message records the members it names (recipients, mentions, ``about``), so a
member's messages are found by an index; migration 0010 does the same for older rows."""

from __future__ import annotations

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.queue import OutgoingMessage, enqueue
from storage.migrate import upgrade
from storage.models import OutboxMessage
from storage.models.outbox import OutboxMember
from tests.bot.outbox.test_outbox_migration import AT, empty_database  # noqa: F401 (fixture)
from tests.conftest import START


def named(sessions: sessionmaker[Session] | Session) -> dict[str, set[str]]:
    session = sessions() if isinstance(sessions, sessionmaker) else sessions
    with session:
        rows = session.execute(
            select(OutboxMessage.idempotency_key, OutboxMember.slack_user_id).join(
                OutboxMember, OutboxMember.outbox_id == OutboxMessage.id
            )
        )
        found: dict[str, set[str]] = {}
        for key, user in rows:
            found.setdefault(key, set()).add(user)
        return found


def test_recipients_mentions_and_whom_a_message_is_about_are_recorded_once(
    sessions: sessionmaker[Session],
) -> None:
    messages = [
        OutgoingMessage(key="intro", text="Meet your pair", to_users=("U1ANA", "U2BEN")),
        OutgoingMessage(
            key="digest",
            text="Answered: <@U3CY>, <@U4DEE|dee>",
            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "<@U5EVE>"}}],
            channel="C1",
        ),
        OutgoingMessage(key="answer", text="*Fay*'s check-in", channel="C1", about=("U6FAY",)),
        OutgoingMessage(key="header", text="Week of 23 Nov", channel="C1"),
    ]
    with sessions.begin() as s:
        assert enqueue(s, messages, now=START) == 4
    with sessions.begin() as s:
        assert enqueue(s, messages, now=START) == 0
    assert named(sessions) == {
        "intro": {"U1ANA", "U2BEN"},
        "digest": {"U3CY", "U4DEE", "U5EVE"},
        "answer": {"U6FAY"},
    }


def test_0010_backfills_who_older_messages_name(empty_database: Engine) -> None:  # noqa: F811
    engine = empty_database
    upgrade(engine, "0009")
    payloads = {
        1: '{"to": {"users": ["U1ANA", "U2BEN"]}, "text": "Meet <@U2BEN>"}',
        2: '{"to": {"channel": "C1"}, "text": "Welcome <@U3CY|cy>!"}',
        3: '{"to": {"channel": "C1"}, "text": "Week of 23 Nov"}',
        4: "{}",  # scrubbed once delivered
    }
    with engine.begin() as conn:
        for row_id, payload in payloads.items():
            conn.execute(
                text(
                    "INSERT INTO outbox (id, idempotency_key, payload, status, attempts, "
                    "next_attempt_at, created_at) VALUES (:id, :key, :payload, 'sent', 1, :at, :at)"
                ),
                {"id": row_id, "key": f"k{row_id}", "payload": payload, "at": AT},
            )
    upgrade(engine)
    with Session(engine) as session:
        assert named(session) == {"k1": {"U1ANA", "U2BEN"}, "k2": {"U3CY"}}
