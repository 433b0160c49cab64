"""Delivers outbox rows to Slack, never twice per idempotency key.

The store (bot/outbox/store.py) makes sure only one dispatcher owns a row at a time; the
transport (bot/outbox/transport.py) talks to Slack. The dangerous moment is a send that was
cut off after the request went out (a crash, a timeout, a dropped connection):
``chat.postMessage`` has no idempotency key of its own, so Slack may have the message.
The row records when its post began; a later attempt that finds that mark never simply
sends again (bot/outbox/reconcile.py). With a history scope it looks for the outbox key
in the message metadata of a narrow window and sends only if it is not there (exactly
once); without one the row becomes ``uncertain`` (at most once) and admins are told.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.errors import (
    InstallationError,
    LookupPostponed,
    MaybeSent,
    PermanentError,
    TransientError,
    WaitingForParent,
)
from bot.outbox.reconcile import acceptable_scopes, lookup_window
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
    # May have been posted and could not be checked: never sent again.
    uncertain: int = 0
    # (key, reason) of every row not delivered as asked: failed for good, or uncertain
    # (its reason starts with "uncertain"); admin_alerts counts them, never shows them.
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Slack's error when it refused the bot's token or scopes and the batch stopped.
    stopped_by: str | None = None

    @property
    def handled(self) -> int:
        return self.sent + self.reconciled + self.failed + self.deferred + self.uncertain


@dataclass
class OutboxDispatcher:
    sessions: sessionmaker[Session]
    client: SlackClient
    clock: Clock
    worker: str
    # Longer than the most a client call can block: connection retries with backoff plus
    # 3 rate-limit retries of at most 20 s each (bot/slack/client.py). So a post that was
    # cut off landed, if at all, before its lease ran out: the history look-up reads no
    # further than that.
    lease: timedelta = timedelta(minutes=5)
    max_attempts: int = 8
    # After a 429 the whole dispatcher holds off until Retry-After: sending the next row
    # sooner would only be refused again, and Slack counts that against us.
    resume_at: datetime | None = None
    # The same for history look-ups, which Slack may limit to one a minute: rows that need
    # one wait (without posting) until then; other rows go on.
    lookups_resume_at: datetime | None = None
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
            total.uncertain += report.uncertain
            total.failures += report.failures
            total.stopped_by = total.stopped_by or report.stopped_by
            if report.handled == 0 or report.deferred:
                break
        return total

    def _deliver(self, row: OutboxMessage, report: DispatchReport) -> None:
        try:
            if row.payload.get("edit_of"):
                self._edit(row, report)
                return
            channel = row.channel_id or self._resolve_channel(row)
            # An earlier attempt got as far as posting and never heard back: look, or stop.
            started = row.post_started_at
            if started is not None and self._settled(row, channel, started, report):
                return
            if not self.store.begin_post(row):
                return
            try:
                ts = self._post(row, channel)
            except MaybeSent as exc:
                if not self._may_look(row, channel):
                    self._uncertain(row, f"uncertain: {exc}", report)
                    return
                raise
            except (PermanentError, TransientError, InstallationError):
                row.post_started_at = None  # Slack answered: nothing was posted
                raise
            self._mark_sent(row, channel, ts)
            report.sent += 1
        except PermanentError as exc:
            self._fail(row, str(exc))
            report.failed += 1
            report.failures.append((row.idempotency_key, str(exc)))
        except TransientError as exc:
            wait = timedelta(seconds=exc.retry_after or 0)
            if isinstance(exc, LookupPostponed):
                self.lookups_resume_at = self.clock.now() + wait
            elif str(exc) == "ratelimited" and exc.retry_after:
                self.resume_at = self.clock.now() + wait
            self._retry_or_fail(row, exc, report)

    def _may_look(self, row: OutboxMessage, channel: str) -> bool:
        return self.transport.grant().may_look(acceptable_scopes(row.payload["to"], channel))

    def _settled(
        self, row: OutboxMessage, channel: str, started: datetime, report: DispatchReport
    ) -> bool:
        """For a row that may already be in Slack: True once it is recorded as sent (found)
        or uncertain; False when it is certainly not there and should be posted now."""
        if not self._may_look(row, channel):
            self._uncertain(row, "uncertain: may have been posted; no history scope", report)
            return True
        now = self.clock.now()
        if self.lookups_resume_at is not None and now < self.lookups_resume_at:
            wait = (self.lookups_resume_at - now).total_seconds()
            raise LookupPostponed("waiting for history look-ups to resume", wait)
        oldest, latest = lookup_window(started, self.lease)
        file = row.payload.get("file")
        found = self.transport.find_posted(
            channel,
            row.idempotency_key,
            oldest=oldest,
            latest=latest,
            thread_ts=self._thread_ts(row),
            filename=file["filename"] if file else None,
        )
        if found.ts is not None:
            self._mark_sent(row, channel, found.ts)
            report.reconciled += 1
            return True
        if not found.certain:
            self._uncertain(row, "uncertain: may have been posted; history look-up unsure", report)
            return True
        return False

    def _retry_or_fail(
        self, row: OutboxMessage, exc: TransientError, report: DispatchReport
    ) -> None:
        waiting = isinstance(exc, WaitingForParent | LookupPostponed)
        if row.attempts >= self.max_attempts and not waiting:
            if row.post_started_at is not None:  # it may be out there: never "failed"
                self._uncertain(row, f"uncertain after {row.attempts} attempts: {exc}", report)
                return
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
        return self.transport.post(
            channel,
            payload["text"],
            key=row.idempotency_key,
            blocks=payload.get("blocks"),
            thread_ts=self._thread_ts(row),
        )

    def _thread_ts(self, row: OutboxMessage) -> str | None:
        """The thread a reply goes in (waits while its first message is on its way)."""
        thread_ts: str | None = row.payload.get("thread_ts")
        if not thread_ts and row.payload.get("thread_of"):
            parent = self._sent(row.payload["thread_of"])
            if parent is not None:  # a parent that failed for good: post on its own
                thread_ts = parent[1]
        return thread_ts

    def _sent(self, key: str) -> tuple[str, str] | None:
        """(channel, ts) of another outbox message; waits while it is still on its way.
        None when it will never be known: failed, or uncertain."""
        other = self.store.find(key)
        if other is None or other.status in ("failed", "uncertain"):
            return None
        if other.status != "sent" or not other.slack_ts or not other.channel_id:
            raise WaitingForParent(f"waiting for {key} to be sent", retry_after=WAIT_FOR_PARENT)
        return other.channel_id, other.slack_ts

    def _edit(self, row: OutboxMessage, report: DispatchReport) -> None:
        """Edit the message another row posted instead of posting a new one."""
        target = self._sent(row.payload["edit_of"])
        if target is None:
            raise PermanentError(f"nothing to edit: {row.payload['edit_of']} was not sent")
        if not self.store.renew(row):
            return
        channel, ts = target
        self.transport.update(channel, ts, row.payload["text"], row.payload.get("blocks"))
        self._mark_sent(row, channel, ts)
        report.sent += 1

    # Recording goes through these methods so tests can stop a worker at that moment.

    def _mark_sent(self, row: OutboxMessage, channel: str, ts: str) -> None:
        self.store.mark_sent(row, channel, ts)

    def _uncertain(self, row: OutboxMessage, reason: str, report: DispatchReport) -> None:
        log.warning("outbox message %s not sent again: %s", row.idempotency_key, reason)
        self.store.mark_uncertain(row, reason)
        report.uncertain += 1
        report.failures.append((row.idempotency_key, reason))

    def _fail(self, row: OutboxMessage, reason: str) -> None:
        log.warning("outbox message %s failed for good: %s", row.idempotency_key, reason)
        self.store.mark_failed(row, reason)

    def _defer(self, row: OutboxMessage, reason: str, retry_after: float | None) -> None:
        # Without a Retry-After: exponential backoff, 30 s doubling, capped at an hour.
        wait = retry_after if retry_after else min(3600, 30 * 2 ** max(0, row.attempts - 1))
        self.store.park(row, reason, wait)
