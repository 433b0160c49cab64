"""Delivers outbox rows to Slack exactly once per idempotency key.

The store (bot/outbox/store.py) makes sure only one dispatcher owns a row at a time; the
transport (bot/outbox/transport.py) talks to Slack. The dangerous moment is a crash after
Slack accepted a message but before we recorded it: ``chat.postMessage`` has no
idempotency key of its own. So every message is tagged with its outbox key in Slack
message metadata, and a row that may have been posted before is first looked up in its
conversation's history and only sent if the key is not there: neither side of the window
loses or doubles a message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.errors import InstallationError, PermanentError, TransientError, WaitingForParent
from bot.outbox.store import OutboxStore
from bot.outbox.transport import SlackClient, SlackTransport
from bot.platform.clock import Clock
from storage.models import OutboxMessage

log = logging.getLogger(__name__)

WAIT_FOR_PARENT = 5  # seconds before a reply or edit looks for its message again


@dataclass
class DispatchReport:
    sent: int = 0
    reconciled: int = 0
    failed: int = 0
    deferred: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Slack's error when it refused the bot's token or scopes and the batch stopped.
    stopped_by: str | None = None

    @property
    def handled(self) -> int:
        return self.sent + self.reconciled + self.failed + self.deferred


@dataclass
class OutboxDispatcher:
    sessions: sessionmaker[Session]
    client: SlackClient
    clock: Clock
    worker: str
    # Longer than the most a client call can block: 3 connection retries with backoff
    # plus 3 rate-limit retries of at most 20 s each (bot/slack/client.py).
    lease: timedelta = timedelta(minutes=5)
    max_attempts: int = 8
    # After a 429 the whole dispatcher holds off until Retry-After: sending the next row
    # sooner would only be refused again, and Slack counts that against us.
    resume_at: datetime | None = None
    store: OutboxStore = field(init=False, repr=False, compare=False)
    transport: SlackTransport = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.store = OutboxStore(self.sessions, self.clock, self.worker, self.lease)
        self.transport = SlackTransport(self.client)

    def dispatch_due(self, limit: int = 100) -> DispatchReport:
        """Deliver up to ``limit`` due messages; safe to run from any number of processes."""
        report = DispatchReport()
        if self.resume_at is not None and self.clock.now() < self.resume_at:
            return report
        for row_id in self.store.due_ids(limit):
            row = self.store.claim(row_id)
            if row is None:
                continue
            try:
                self._deliver(row, report)
            except InstallationError as exc:
                self._defer(row, str(exc), retry_after=60)
                report.deferred += 1
                report.stopped_by = str(exc)
                log.error("outbox stopped: Slack refused the bot's token or scopes: %s", exc)
                break
            except Exception as exc:  # a bug must not stall every message behind this one
                log.exception("outbox message %s: unexpected error", row.idempotency_key)
                self._retry_or_fail(row, TransientError(f"unexpected: {exc!r}"), report)
            if self.resume_at is not None and self.clock.now() < self.resume_at:
                break
        return report

    def drain(self, *, max_rounds: int = 1000) -> DispatchReport:
        """Dispatch until nothing is due now (used by the demo and tests)."""
        total = DispatchReport()
        for _ in range(max_rounds):
            report = self.dispatch_due()
            total.sent += report.sent
            total.reconciled += report.reconciled
            total.failed += report.failed
            total.deferred += report.deferred
            total.failures += report.failures
            total.stopped_by = total.stopped_by or report.stopped_by
            if report.handled == 0 or report.deferred:
                break
        return total

    def _deliver(self, row: OutboxMessage, report: DispatchReport) -> None:
        # An earlier attempt that got as far as the conversation may have posted: a crash
        # before recording, or a timeout after Slack accepted it. Look before posting.
        maybe_posted = row.channel_id is not None and row.attempts > 1
        try:
            if row.payload.get("edit_of"):
                self._edit(row, report)
                return
            channel = row.channel_id or self._resolve_channel(row)
            if maybe_posted:
                file = row.payload.get("file")
                found = self.transport.find_posted(
                    channel,
                    row.idempotency_key,
                    since=row.created_at,
                    filename=file["filename"] if file else None,
                )
                if found:
                    self._mark_sent(row, channel, found)
                    report.reconciled += 1
                    return
            if not self.store.renew(row):
                return
            ts = self._post(row, channel)
            self._mark_sent(row, channel, ts)
            report.sent += 1
        except PermanentError as exc:
            self._fail(row, str(exc))
            report.failed += 1
            report.failures.append((row.idempotency_key, str(exc)))
        except TransientError as exc:
            if str(exc) == "ratelimited" and exc.retry_after:
                self.resume_at = self.clock.now() + timedelta(seconds=exc.retry_after)
            self._retry_or_fail(row, exc, report)

    def _retry_or_fail(
        self, row: OutboxMessage, exc: TransientError, report: DispatchReport
    ) -> None:
        if row.attempts >= self.max_attempts and not isinstance(exc, WaitingForParent):
            reason = f"gave up after {row.attempts} attempts: {exc}"
            self._fail(row, reason)
            report.failed += 1
            report.failures.append((row.idempotency_key, reason))
        else:
            self._defer(row, str(exc), retry_after=exc.retry_after)
            report.deferred += 1

    def _resolve_channel(self, row: OutboxMessage) -> str:
        """Open (or find) the conversation first and store its id, so history can be read."""
        to = row.payload["to"]
        channel: str = to.get("channel") or self.transport.open_conversation(to["users"])
        self.store.set_channel(row, channel)
        return channel

    def _post(self, row: OutboxMessage, channel: str) -> str:
        payload = row.payload
        if payload.get("file"):
            return self.transport.upload(channel, payload["file"], payload["text"])
        text = payload["text"]
        thread_ts = payload.get("thread_ts")
        if not thread_ts and payload.get("thread_of"):
            parent = self._sent(payload["thread_of"])
            if parent is not None:  # a parent that failed for good: post on its own
                thread_ts = parent[1]
        return self.transport.post(
            channel,
            text,
            key=row.idempotency_key,
            blocks=payload.get("blocks"),
            thread_ts=thread_ts,
        )

    def _sent(self, key: str) -> tuple[str, str] | None:
        """(channel, ts) of another outbox message; waits while it is still on its way."""
        other = self.store.find(key)
        if other is None or other.status == "failed":
            return None
        if other.status != "sent" or not other.slack_ts or not other.channel_id:
            raise WaitingForParent(f"waiting for {key} to be sent", retry_after=WAIT_FOR_PARENT)
        return other.channel_id, other.slack_ts

    def _edit(self, row: OutboxMessage, report: DispatchReport) -> None:
        """Edit the message another row posted instead of posting a new one."""
        target = self._sent(row.payload["edit_of"])
        if target is None:
            raise PermanentError(f"nothing to edit: {row.payload['edit_of']} was never sent")
        if not self.store.renew(row):
            return
        channel, ts = target
        self.transport.update(channel, ts, row.payload["text"], row.payload.get("blocks"))
        self._mark_sent(row, channel, ts)
        report.sent += 1

    # Recording goes through these methods so tests can stop a worker at that moment.

    def _mark_sent(self, row: OutboxMessage, channel: str, ts: str) -> None:
        self.store.mark_sent(row, channel, ts)

    def _fail(self, row: OutboxMessage, reason: str) -> None:
        log.warning("outbox message %s failed for good: %s", row.idempotency_key, reason)
        self.store.mark_failed(row, reason)

    def _defer(self, row: OutboxMessage, reason: str, retry_after: float | None) -> None:
        # Without a Retry-After: exponential backoff, 30 s doubling, capped at an hour.
        wait = retry_after if retry_after else min(3600, 30 * 2 ** max(0, row.attempts - 1))
        self.store.park(row, reason, wait)
