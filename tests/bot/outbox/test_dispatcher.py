"""The outbox delivers every message once: through 429s, dropped connections, permanent
errors and racing dispatchers (a send cut off mid-way: test_crash_window.py)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from slack_bolt import App
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.outbox.transport import METADATA_EVENT
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackSandbox
from storage.models import OutboxMessage
from tests.conftest import START

if TYPE_CHECKING:
    from bot.sandbox import SlackSandbox


def queue(sessions: sessionmaker[Session], *messages: OutgoingMessage) -> int:
    with sessions.begin() as s:
        return enqueue(s, messages, now=START)


def rows(sessions: sessionmaker[Session]) -> list[OutboxMessage]:
    with sessions() as s:
        return list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def posted_keys(sandbox: SlackSandbox) -> Counter[str]:
    """Outbox keys of the messages Slack actually stored, counted."""
    keys: Counter[str] = Counter()
    for call in sandbox.calls_to("chat.postMessage"):
        if call.ok:
            metadata = call.args.get("metadata") or {}
            assert metadata.get("event_type") == METADATA_EVENT
            keys[metadata["event_payload"]["outbox_key"]] += 1
    return keys


@pytest.fixture
def ana(sandbox: SlackSandbox) -> str:
    return sandbox.add_user("ana", real_name="Ana Okafor")["id"]


def test_same_key_is_stored_once_and_delivered_to_the_members_dm(
    sessions: sessionmaker[Session], sandbox: SlackSandbox, dispatcher: OutboxDispatcher, ana: str
) -> None:
    hello = OutgoingMessage.dm(ana, key="hello:ana", text="Hello Ana")
    assert queue(sessions, hello) == 1
    assert queue(sessions, hello) == 0

    report = dispatcher.dispatch_due()

    assert report.sent == 1
    dm = sandbox.dm_channel(ana)
    assert [m["text"] for m in sandbox.messages(dm)] == ["Hello Ana"]
    [row] = rows(sessions)
    assert (row.status, row.channel_id, row.attempts) == ("sent", dm, 1)
    assert row.slack_ts == sandbox.messages(dm)[0]["ts"]
    assert dispatcher.dispatch_due().handled == 0


def test_group_dm_goes_to_one_conversation_with_everyone(
    sessions: sessionmaker[Session], sandbox: SlackSandbox, dispatcher: OutboxDispatcher, ana: str
) -> None:
    ben = sandbox.add_user("ben")["id"]
    chen = sandbox.add_user("chen")["id"]
    queue(sessions, OutgoingMessage(key="intro:1", text="Meet!", to_users=(ana, ben, chen)))
    dispatcher.dispatch_due()
    channel = sandbox.dm_channel(ana, ben, chen)
    assert channel is not None
    assert [m["text"] for m in sandbox.messages(channel)] == ["Meet!"]


def test_a_429_is_retried_after_retry_after_in_test_time(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
    ana: str,
) -> None:
    queue(sessions, OutgoingMessage.dm(ana, key="k", text="hi"))
    sandbox.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=10)

    report = dispatcher.dispatch_due()

    assert report.sent == 1
    attempts = sandbox.calls_to("chat.postMessage")
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= timedelta(seconds=10)
    assert sandbox.early_retries == 0
    assert posted_keys(sandbox) == {"k": 1}


def test_a_long_rate_limit_defers_the_row_until_retry_after(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
    ana: str,
) -> None:
    queue(sessions, OutgoingMessage.dm(ana, key="k", text="hi"))
    # Too long a wait for the client to sleep through: the row waits in the outbox instead.
    sandbox.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=120)

    report = dispatcher.dispatch_due()
    assert (report.sent, report.deferred) == (0, 1)
    [row] = rows(sessions)
    assert row.status == "pending" and row.last_error == "ratelimited"
    assert row.next_attempt_at == clock.now() + timedelta(seconds=120)

    clock.advance(timedelta(seconds=60))
    assert dispatcher.dispatch_due().handled == 0  # not before Retry-After
    clock.advance(timedelta(seconds=61))
    assert dispatcher.dispatch_due().sent == 1
    assert sandbox.early_retries == 0
    assert posted_keys(sandbox) == {"k": 1}


def test_a_dropped_connection_before_anything_was_posted_is_retried(
    sessions: sessionmaker[Session], sandbox: SlackSandbox, dispatcher: OutboxDispatcher, ana: str
) -> None:
    # Opening a DM twice is harmless, so the client retries it; a dropped post is another
    # matter (test_crash_window.py).
    queue(sessions, OutgoingMessage.dm(ana, key="k", text="hi"))
    sandbox.fail_next("conversations.open", drop_connection=True)
    assert dispatcher.dispatch_due().sent == 1
    assert posted_keys(sandbox) == {"k": 1}


def test_a_deactivated_member_is_a_permanent_failure_recorded_once(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
    ana: str,
) -> None:
    sandbox.update_user(ana, deleted=True)
    queue(sessions, OutgoingMessage.dm(ana, key="k", text="hi"))

    report = dispatcher.dispatch_due()

    assert report.failed == 1 and report.failures == [("k", "user_disabled")]
    [row] = rows(sessions)
    assert (row.status, row.last_error, row.attempts) == ("failed", "user_disabled", 1)
    calls = len(sandbox.calls)
    clock.advance(timedelta(days=1))
    assert dispatcher.dispatch_due().handled == 0
    assert len(sandbox.calls) == calls


def test_a_transient_error_backs_off_then_gives_up(
    sessions: sessionmaker[Session], sandbox: SlackSandbox, clock: ManualClock, app: App, ana: str
) -> None:
    dispatcher = OutboxDispatcher(
        sessions=sessions, client=app.client, clock=clock, worker="t", max_attempts=3
    )
    queue(sessions, OutgoingMessage.dm(ana, key="k", text="hi"))
    sandbox.fail_next("chat.postMessage", "internal_error", times=10)
    waits = []
    for _ in range(3):
        before = clock.now()
        dispatcher.dispatch_due()
        [row] = rows(sessions)
        waits.append((row.next_attempt_at - before).total_seconds())
        clock.advance(timedelta(hours=2))
    [row] = rows(sessions)
    assert row.status == "failed" and (row.last_error or "").startswith("gave up after 3 attempts")
    assert waits[:2] == [30, 60]


def test_a_bad_token_keeps_messages_waiting(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    ana: str,
    services: Services,
) -> None:
    from bot.slack.client import build_web_client

    client = build_web_client("xoxb-wrong", sandbox.api_url, clock)
    dispatcher = OutboxDispatcher(sessions=sessions, client=client, clock=clock, worker="t")
    queue(
        sessions,
        OutgoingMessage.dm(ana, key="a", text="1"),
        OutgoingMessage.dm(ana, key="b", text="2"),
    )
    report = dispatcher.dispatch_due()
    assert (report.deferred, report.failed) == (1, 0)
    assert [r.status for r in rows(sessions)] == ["pending", "pending"]


def test_racing_dispatchers_deliver_each_key_once(
    sessions: sessionmaker[Session], sandbox: SlackSandbox, clock: ManualClock, app: App
) -> None:
    people = [sandbox.add_user(f"member{i}")["id"] for i in range(30)]
    queue(
        sessions, *(OutgoingMessage.dm(uid, key=f"k{i}", text="hi") for i, uid in enumerate(people))
    )
    workers = [
        OutboxDispatcher(sessions=sessions, client=app.client, clock=clock, worker=f"w{i}")
        for i in range(3)
    ]
    barrier = threading.Barrier(len(workers))
    reports = []

    def run(worker: OutboxDispatcher) -> None:
        barrier.wait()
        reports.append(worker.drain())

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert posted_keys(sandbox) == {f"k{i}": 1 for i in range(30)}
    assert sum(r.sent for r in reports) == 30
    assert {r.status for r in rows(sessions)} == {"sent"}


def test_a_broken_row_does_not_hold_up_the_others(
    sessions: sessionmaker[Session], sandbox: SlackSandbox, dispatcher: OutboxDispatcher, ana: str
) -> None:
    with sessions.begin() as s:
        s.add(
            OutboxMessage(
                idempotency_key="broken",
                payload={"to": {"users": [ana]}},  # no text: a bug upstream
                next_attempt_at=START,
                created_at=START,
            )
        )
    queue(sessions, OutgoingMessage.dm(ana, key="fine", text="hi"))

    report = dispatcher.dispatch_due()

    assert (report.sent, report.deferred) == (1, 1)
    assert posted_keys(sandbox) == {"fine": 1}
    broken = next(r for r in rows(sessions) if r.idempotency_key == "broken")
    assert broken.status == "pending" and (broken.last_error or "").startswith(
        "unexpected: KeyError"
    )


def test_after_a_429_no_other_message_is_tried_before_retry_after(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
    ana: str,
) -> None:
    queue(
        sessions,
        OutgoingMessage.dm(ana, key="a", text="1"),
        OutgoingMessage.dm(ana, key="b", text="2"),
    )
    sandbox.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=90)

    assert dispatcher.dispatch_due().deferred == 1
    assert len(sandbox.calls_to("chat.postMessage")) == 1  # "b" waited too
    clock.advance(timedelta(seconds=30))
    assert dispatcher.dispatch_due().handled == 0
    clock.advance(timedelta(seconds=61))
    assert dispatcher.drain().sent == 2
    assert sandbox.early_retries == 0 and posted_keys(sandbox) == {"a": 1, "b": 1}


def test_a_reply_waits_for_its_thread_and_an_edit_changes_the_posted_message(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
    ana: str,
) -> None:
    room = sandbox.add_channel("circle-otter", is_private=True, members=[ana])
    header = OutgoingMessage(key="week:h", text="Week 48 check-ins", channel=room)
    reply = OutgoingMessage(key="week:ana", text="Ana: shipped", channel=room, thread_of="week:h")
    edit = OutgoingMessage(
        key="week:ana:2", text="Ana: shipped v2", channel=room, edit_of="week:ana"
    )
    sandbox.fail_next("chat.postMessage", times=1)  # the header's first try fails
    queue(sessions, header, reply, edit)

    dispatcher.dispatch_due()  # header deferred; reply and edit wait for their messages
    assert sandbox.messages(room) == []
    assert [r.status for r in rows(sessions)] == ["pending"] * 3
    for _ in range(3):
        clock.advance(timedelta(seconds=30))
        dispatcher.drain()

    top, threaded = sandbox.messages(room)
    assert top["text"] == "Week 48 check-ins" and "thread_ts" not in top
    assert threaded["thread_ts"] == top["ts"]
    assert threaded["text"] == "Ana: shipped v2"  # the edit landed on the reply itself
    assert [r.status for r in rows(sessions)] == ["sent", "sent", "sent"]
    assert len(sandbox.calls_to("chat.update")) == 1
