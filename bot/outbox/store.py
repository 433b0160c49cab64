"""The outbox table's side of delivery: who owns a row, and what became of it.

Rows are claimed with a compare-and-set update (``pending → sending`` with a lease), so
racing dispatchers on one database never both own a row; outcomes are recorded only by
the worker that still holds the claim, so a worker that lost its lease changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from storage.models import OutboxMessage
from storage.rows_changed import rows_changed


def _due(now: datetime) -> ColumnElement[bool]:
    """Waiting and due, or claimed by a worker whose lease ran out (it may have died)."""
    return or_(
        and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
        and_(OutboxMessage.status == "sending", OutboxMessage.lease_until < now),
    )


@dataclass
class OutboxStore:
    sessions: sessionmaker[Session]
    clock: Clock
    worker: str
    lease: timedelta

    def due_ids(self, limit: int) -> list[int]:
        with self.sessions() as session:
            now = self.clock.now()
            return list(
                session.scalars(
                    select(OutboxMessage.id)
                    .where(_due(now))
                    .order_by(OutboxMessage.id)
                    .limit(limit)
                )
            )

    def claim(self, row_id: int) -> OutboxMessage | None:
        """Take the row if it is still due; the database lets exactly one caller win."""
        now = self.clock.now()
        with self.sessions.begin() as session:
            won = rows_changed(
                session,
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id, _due(now))
                .values(
                    status="sending",
                    claimed_by=self.worker,
                    lease_until=now + self.lease,
                    attempts=OutboxMessage.attempts + 1,
                ),
            )
            if won != 1:
                return None
        with self.sessions() as session:
            return session.get(OutboxMessage, row_id)

    def renew(self, row: OutboxMessage) -> bool:
        """Renew the lease right before sending; False if another worker took the row."""
        now = self.clock.now()
        with self.sessions.begin() as session:
            return (
                rows_changed(
                    session,
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id == row.id,
                        OutboxMessage.status == "sending",
                        OutboxMessage.claimed_by == self.worker,
                    )
                    .values(lease_until=now + self.lease),
                )
                == 1
            )

    def begin_post(self, row: OutboxMessage) -> bool:
        """Renew the lease and note that a post is starting, right before sending; False if
        another worker took the row. Until Slack answers, the row may have been posted."""
        now = self.clock.now()
        with self.sessions.begin() as session:
            won = rows_changed(
                session,
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == row.id,
                    OutboxMessage.status == "sending",
                    OutboxMessage.claimed_by == self.worker,
                )
                .values(lease_until=now + self.lease, post_started_at=now),
            )
        if won == 1:
            row.post_started_at = now
        return won == 1

    def set_channel(self, row: OutboxMessage, channel: str) -> None:
        """Store the conversation before posting, so a later attempt can read its history."""
        with self.sessions.begin() as session:
            rows_changed(
                session,
                update(OutboxMessage).where(OutboxMessage.id == row.id).values(channel_id=channel),
            )
        row.channel_id = channel

    def find(self, key: str) -> OutboxMessage | None:
        with self.sessions() as session:
            return session.scalar(select(OutboxMessage).where(OutboxMessage.idempotency_key == key))

    def mark_sent(self, row: OutboxMessage, channel: str, ts: str) -> None:
        """Also when another worker has since marked the row uncertain: we know better now."""
        values: dict[str, Any] = {}
        if row.payload.get("scrub"):  # Slack has it now: keep no copy of personal content
            values["payload"] = _scrubbed(channel, "(removed after delivery)")
        self._finish(
            row,
            status="sent",
            channel_id=channel,
            slack_ts=ts,
            sent_at=self.clock.now(),
            post_started_at=None,
            also_if_uncertain=True,
            **values,
        )

    def mark_failed(self, row: OutboxMessage, reason: str) -> None:
        self._finish(row, status="failed", last_error=reason[:500])

    def mark_uncertain(self, row: OutboxMessage, reason: str) -> None:
        """May have been posted, and nobody can check: never sent again. Like a sent
        message, it keeps no copy of personal content."""
        values: dict[str, Any] = {}
        if row.payload.get("scrub"):
            values["payload"] = _scrubbed(row.channel_id, "(removed: delivery uncertain)")
        self._finish(row, status="uncertain", last_error=reason[:500], **values)

    def park(self, row: OutboxMessage, reason: str, wait: float) -> None:
        """Back to ``pending``, not due again for ``wait`` seconds. Whether a post may be
        out there (``post_started_at``) is kept as the row says."""
        self._finish(
            row,
            status="pending",
            last_error=reason[:500],
            next_attempt_at=self.clock.now() + timedelta(seconds=wait),
            post_started_at=row.post_started_at,
        )

    def _finish(
        self, row: OutboxMessage, *, also_if_uncertain: bool = False, **values: Any
    ) -> None:
        """Record an outcome, unless another worker has taken the row since (lease lost)."""
        ours = OutboxMessage.claimed_by == self.worker
        if also_if_uncertain:
            ours = or_(ours, OutboxMessage.status == "uncertain")
        with self.sessions.begin() as session:
            rows_changed(
                session,
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id, ours)
                .values(lease_until=None, **values),
            )


def _scrubbed(channel: str | None, text: str) -> dict[str, Any]:
    return {"to": {"channel": channel}, "text": text}
