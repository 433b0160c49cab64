"""Delivers outbox rows to Slack exactly once per idempotency key.

Each row is claimed with a compare-and-set update (``pending → sending`` with a lease),
so racing dispatchers on one database never both own a row. The dangerous moment is a
crash after Slack accepted a message but before we recorded it: Slack's
``chat.postMessage`` has no idempotency key of its own. We close that window by tagging
every message with its outbox key in Slack message metadata; a row found in ``sending``
with an expired lease is first looked up in the conversation's history, and only sent
if the key is not there. So neither side of the window loses or doubles a message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.slack.client import retry_after_seconds
from storage.models import OutboxMessage

log = logging.getLogger(__name__)

METADATA_EVENT = "circlebot_outbox"
WAIT_FOR_PARENT = 5  # seconds before a reply or edit looks for its message again

# Errors that will not go away by retrying this message: record and move on.
PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "cannot_dm_bot",
        "channel_not_found",
        "invalid_blocks",
        "invalid_arguments",
        "is_archived",
        "messages_tab_disabled",
        "msg_too_long",
        "no_text",
        "not_enough_users",
        "not_in_channel",
        "restricted_action",
        "too_many_users",
        "user_disabled",
        "user_not_found",
        "user_not_visible",
    }
)
# Errors that concern the bot's own installation: stop the batch, keep the messages.
INSTALLATION_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "missing_scope"}
)


class InstallationError(Exception):
    """The token or its scopes are wrong; nothing can be sent until an admin fixes it."""


class PermanentError(Exception):
    """This message can never be delivered as written."""


class TransientError(Exception):
    """Try this message again later."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class WaitingForParent(TransientError):
    """A reply or an edit whose message is not sent yet: not a failed attempt."""


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
    client: WebClient
    clock: Clock
    worker: str
    # Longer than the most a client call can block: 3 connection retries with backoff
    # plus 3 rate-limit retries of at most 20 s each (bot/slack/client.py).
    lease: timedelta = timedelta(minutes=5)
    max_attempts: int = 8
    # After a 429 the whole dispatcher holds off until Retry-After: sending the next row
    # sooner would only be refused again, and Slack counts that against us.
    resume_at: datetime | None = None

    def dispatch_due(self, limit: int = 100) -> DispatchReport:
        """Deliver up to ``limit`` due messages; safe to run from any number of processes."""
        report = DispatchReport()
        if self.resume_at is not None and self.clock.now() < self.resume_at:
            return report
        for row_id in self._due_ids(limit):
            row = self._claim(row_id)
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

    # --- claiming -------------------------------------------------------------------

    def _due_condition(self, now: datetime):  # type: ignore[no-untyped-def]
        return or_(
            and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
            and_(OutboxMessage.status == "sending", OutboxMessage.lease_until < now),
        )

    def _due_ids(self, limit: int) -> list[int]:
        with self.sessions() as session:
            now = self.clock.now()
            return list(
                session.scalars(
                    select(OutboxMessage.id)
                    .where(self._due_condition(now))
                    .order_by(OutboxMessage.id)
                    .limit(limit)
                )
            )

    def _claim(self, row_id: int) -> OutboxMessage | None:
        """Take the row if it is still due; the database lets exactly one caller win."""
        now = self.clock.now()
        with self.sessions.begin() as session:
            won = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id, self._due_condition(now))
                .values(
                    status="sending",
                    claimed_by=self.worker,
                    lease_until=now + self.lease,
                    attempts=OutboxMessage.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            ).rowcount
            if won != 1:
                return None
        with self.sessions() as session:
            return session.get(OutboxMessage, row_id)

    def _still_mine(self, row: OutboxMessage) -> bool:
        """Renew the lease right before sending; False if another worker took the row."""
        now = self.clock.now()
        with self.sessions.begin() as session:
            return (
                session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id == row.id,
                        OutboxMessage.status == "sending",
                        OutboxMessage.claimed_by == self.worker,
                    )
                    .values(lease_until=now + self.lease)
                    .execution_options(synchronize_session=False)
                ).rowcount
                == 1
            )

    # --- delivering -----------------------------------------------------------------

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
                found = self._find_posted(row, channel)
                if found:
                    self._mark_sent(row, channel, found)
                    report.reconciled += 1
                    return
            if not self._still_mine(row):
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

    def _retry_or_fail(self, row: OutboxMessage, exc: TransientError, report) -> None:  # type: ignore[no-untyped-def]
        if row.attempts >= self.max_attempts and not isinstance(exc, WaitingForParent):
            reason = f"gave up after {row.attempts} attempts: {exc}"
            self._fail(row, reason)
            report.failed += 1
            report.failures.append((row.idempotency_key, reason))
        else:
            self._defer(row, str(exc), retry_after=exc.retry_after)
            report.deferred += 1

    def _call(self, method: str, **kwargs: Any) -> Any:
        """One Web API call, with its failure sorted into permanent, transient or fatal."""
        try:
            return getattr(self.client, method)(**kwargs)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            if exc.response.status_code == 429 or error == "ratelimited":
                raise TransientError(
                    "ratelimited", retry_after_seconds(exc.response.headers)
                ) from exc
            if error in INSTALLATION_ERRORS:
                raise InstallationError(error) from exc
            if error in PERMANENT_ERRORS:
                raise PermanentError(error) from exc
            raise TransientError(error) from exc
        except (URLError, OSError, TimeoutError) as exc:
            raise TransientError(f"connection error: {exc}") from exc

    def _resolve_channel(self, row: OutboxMessage) -> str:
        """Open (or find) the conversation first and store its id, so history can be read."""
        to = row.payload["to"]
        if to.get("channel"):
            channel = to["channel"]
        else:
            response = self._call("conversations_open", users=",".join(to["users"]))
            channel = response["channel"]["id"]
        with self.sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(channel_id=channel)
                .execution_options(synchronize_session=False)
            )
        row.channel_id = channel
        return channel

    def _find_posted(self, row: OutboxMessage, channel: str) -> str | None:
        """The ts of our message with this key, if an earlier attempt did post it."""
        oldest = (row.created_at - timedelta(minutes=1)).timestamp()
        cursor = None
        for _ in range(10):
            response = self._call(
                "conversations_history",
                channel=channel,
                oldest=f"{oldest:.6f}",
                limit=200,
                include_all_metadata=True,
                cursor=cursor,
            )
            for message in response.get("messages", []):
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if (
                    metadata.get("event_type") == METADATA_EVENT
                    and payload.get("outbox_key") == row.idempotency_key
                ):
                    return message["ts"]
                file = row.payload.get("file")
                if file and any(
                    f.get("name") == file["filename"] for f in message.get("files") or []
                ):
                    return message["ts"]
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    def _post(self, row: OutboxMessage, channel: str) -> str:
        payload = row.payload
        if payload.get("file"):
            return self._upload(payload, channel)
        kwargs: dict[str, Any] = {
            "channel": channel,
            "text": payload["text"],
            "metadata": {
                "event_type": METADATA_EVENT,
                "event_payload": {"outbox_key": row.idempotency_key},
            },
        }
        if payload.get("blocks"):
            kwargs["blocks"] = payload["blocks"]
        if payload.get("thread_ts"):
            kwargs["thread_ts"] = payload["thread_ts"]
        elif payload.get("thread_of"):
            parent = self._sent(payload["thread_of"])
            if parent is not None:  # a parent that failed for good: post on its own
                kwargs["thread_ts"] = parent[1]
        response = self._call("chat_postMessage", **kwargs)
        return response["ts"]

    def _upload(self, payload: dict[str, Any], channel: str) -> str:
        """Slack's two-step upload, then the file is shared with the text as its comment.
        Files carry no metadata, so a retry recognises an earlier upload by file name."""
        file = payload["file"]
        data = file["content"].encode()
        ticket = self._call(
            "files_getUploadURLExternal", filename=file["filename"], length=len(data)
        )
        try:
            with urlopen(
                Request(ticket["upload_url"], data=data, method="POST"), timeout=30
            ) as answer:
                if answer.status != 200:
                    raise TransientError(f"file upload answered {answer.status}")
        except HTTPError as exc:
            raise TransientError(f"file upload answered {exc.code}") from exc
        except (URLError, OSError, TimeoutError) as exc:
            raise TransientError(f"connection error: {exc}") from exc
        self._call(
            "files_completeUploadExternal",
            files=[{"id": ticket["file_id"], "title": file.get("title") or file["filename"]}],
            channel_id=channel,
            initial_comment=payload["text"],
        )
        return ""

    def _sent(self, key: str) -> tuple[str, str] | None:
        """(channel, ts) of another outbox message; waits while it is still on its way."""
        with self.sessions() as session:
            other = session.scalar(
                select(OutboxMessage).where(OutboxMessage.idempotency_key == key)
            )
        if other is None or other.status == "failed":
            return None
        if other.status != "sent" or not other.slack_ts or not other.channel_id:
            raise WaitingForParent(f"waiting for {key} to be sent", retry_after=WAIT_FOR_PARENT)
        return other.channel_id, other.slack_ts

    def _edit(self, row: OutboxMessage, report: DispatchReport) -> None:
        """chat.update the message another row posted: an edit is idempotent, so a retry
        after a crash simply edits again."""
        target = self._sent(row.payload["edit_of"])
        if target is None:
            raise PermanentError(f"nothing to edit: {row.payload['edit_of']} was never sent")
        if not self._still_mine(row):
            return
        channel, ts = target
        kwargs: dict[str, Any] = {"channel": channel, "ts": ts, "text": row.payload["text"]}
        if row.payload.get("blocks"):
            kwargs["blocks"] = row.payload["blocks"]
        self._call("chat_update", **kwargs)
        self._mark_sent(row, channel, ts)
        report.sent += 1

    # --- recording ------------------------------------------------------------------

    def _finish(self, row: OutboxMessage, **values: Any) -> None:
        """Record an outcome, unless another worker has taken the row since (lease lost)."""
        with self.sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id, OutboxMessage.claimed_by == self.worker)
                .values(lease_until=None, **values)
                .execution_options(synchronize_session=False)
            )

    def _mark_sent(self, row: OutboxMessage, channel: str, ts: str) -> None:
        values: dict[str, Any] = {}
        if row.payload.get("scrub"):  # Slack has it now: keep no copy of personal content
            values["payload"] = {"to": {"channel": channel}, "text": "(removed after delivery)"}
        self._finish(
            row, status="sent", channel_id=channel, slack_ts=ts, sent_at=self.clock.now(), **values
        )

    def _fail(self, row: OutboxMessage, reason: str) -> None:
        log.warning("outbox message %s failed for good: %s", row.idempotency_key, reason)
        self._finish(row, status="failed", last_error=reason[:500])

    def _defer(self, row: OutboxMessage, reason: str, retry_after: float | None) -> None:
        # Without a Retry-After: exponential backoff, 30 s doubling, capped at an hour.
        wait = retry_after if retry_after else min(3600, 30 * 2 ** max(0, row.attempts - 1))
        self._finish(
            row,
            status="pending",
            last_error=reason[:500],
            next_attempt_at=self.clock.now() + timedelta(seconds=wait),
        )
