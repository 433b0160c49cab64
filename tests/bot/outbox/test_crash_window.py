"""A send cut off after it may have reached Slack is never sent twice.

Without the optional history scopes (the default install) such a message is marked
``uncertain`` and counted in the admins' alert: at most once. With them the bot looks for
its own message in a narrow window and posts only if it is not there: exactly once. Leases
run out and Retry-After passes on the injected clock; nothing sleeps.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any, NoReturn

import pytest
from slack_bolt import App
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.outbox.transport import METADATA_EVENT
from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox
from jobs.outbox import dispatch_outbox
from storage.models import OutboxMessage
from tests.bot.outbox.installs import BOTH_MODES, HISTORY_GRANTED

ADMIN = "U0ADMIN01"
SECRET = "my manager shouted at me again"
LEASE = OutboxDispatcher.lease


class Crash(BaseException):
    """Stands in for the process dying at an awkward moment (nothing catches it)."""


def die(*args: object, **kwargs: object) -> NoReturn:
    raise Crash


def queue(sessions: sessionmaker[Session], clock: ManualClock, *messages: OutgoingMessage) -> None:
    with sessions.begin() as s:
        enqueue(s, messages, now=clock.now())


def row(sessions: sessionmaker[Session], key: str) -> OutboxMessage:
    with sessions() as s:
        found = s.scalar(select(OutboxMessage).where(OutboxMessage.idempotency_key == key))
    assert found is not None
    return found


def posted_keys(sandbox: SlackSandbox) -> Counter[str]:
    """Outbox keys of the messages Slack stored, counted."""
    keys: Counter[str] = Counter()
    for call in sandbox.calls_to("chat.postMessage"):
        metadata = call.args.get("metadata") or {}
        if call.ok and metadata.get("event_type") == METADATA_EVENT:
            keys[metadata["event_payload"]["outbox_key"]] += 1
    return keys


def alerts(sandbox: SlackSandbox) -> list[str]:
    return [s.text for s in sandbox.seen_by(ADMIN) if s.kind == "message"]


@pytest.fixture
def ana(sandbox: SlackSandbox) -> str:
    return sandbox.add_user("ana", real_name="Ana Okafor")["id"]


@pytest.fixture
def admin(sandbox: SlackSandbox) -> str:
    return sandbox.add_user("root", user_id=ADMIN, real_name="Root Admin")["id"]


def worker(
    sessions: sessionmaker[Session], app: App, clock: ManualClock, name: str
) -> OutboxDispatcher:
    return OutboxDispatcher(sessions=sessions, client=app.client, clock=clock, worker=name)


def crash_after_slack_accepted(
    sessions: sessionmaker[Session],
    app: App,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    times: int = 1,
) -> None:
    """Dispatchers post, then die before recording it (one row each); leases run out."""
    for i in range(times):
        first = worker(sessions, app, clock, f"first{i}")
        monkeypatch.setattr(first, "_mark_sent", die)
        with pytest.raises(Crash):
            first.dispatch_due()
    clock.advance(LEASE + timedelta(seconds=1))


def history_calls(sandbox: SlackSandbox) -> list[Any]:
    return sandbox.calls_to("conversations.history") + sandbox.calls_to("conversations.replies")


# Default install: at most once ---------------------------------------------------------


def test_default_install_a_crash_after_slack_accepted_is_uncertain_never_doubled_and_counted(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    app: App,
    ana: str,
    admin: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queue(sessions, clock, OutgoingMessage.dm(ana, key="intro:ana", text=SECRET))
    crash_after_slack_accepted(sessions, app, clock, monkeypatch)
    assert row(sessions, "intro:ana").status == "sending"  # Slack has it; we never recorded it

    second = worker(sessions, app, clock, "second")
    report = dispatch_outbox(second, [ADMIN])

    assert (report.sent, report.reconciled, report.uncertain) == (0, 0, 1)
    assert row(sessions, "intro:ana").status == "uncertain"
    assert history_calls(sandbox) == []  # it may not read the DM, and does not try
    second.drain()  # the alert goes out
    [alert] = alerts(sandbox)
    assert "1 message may or may not have reached Slack" in alert
    assert SECRET not in alert and ana not in alert and "intro:ana" not in alert
    clock.advance(timedelta(days=1))
    assert second.drain().handled == 0
    assert posted_keys(sandbox)["intro:ana"] == 1  # never twice


def test_default_install_a_timeout_after_slack_accepted_is_not_sent_again(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    ana: str,
) -> None:
    queue(sessions, clock, OutgoingMessage.dm(ana, key="k", text="hi"))
    poster = dispatcher.transport.poster
    real = poster._perform_urllib_http_request

    def slow_network(*, url: str, args: dict[str, Any]) -> dict[str, Any]:
        real(url=url, args=args)  # Slack got it and stored the message...
        raise TimeoutError("The read operation timed out")  # ...we never heard back

    poster._perform_urllib_http_request = slow_network  # type: ignore[method-assign]
    report = dispatcher.dispatch_due()

    assert report.uncertain == 1 and report.failures == [("k", report.failures[0][1])]
    assert report.failures[0][1].startswith("uncertain")
    assert row(sessions, "k").status == "uncertain"
    clock.advance(timedelta(hours=2))
    assert dispatcher.drain().handled == 0
    assert posted_keys(sandbox) == {"k": 1}
    assert len(sandbox.calls_to("chat.postMessage")) == 1  # no retry, in or out of the client


def test_default_install_a_dropped_post_is_not_sent_again(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    ana: str,
) -> None:
    # The connection dropped after the request went out: the bot cannot know whether Slack
    # posted it (here it did not), and without a history scope it cannot look.
    queue(sessions, clock, OutgoingMessage.dm(ana, key="k", text="hi"))
    sandbox.fail_next("chat.postMessage", drop_connection=True)
    assert dispatcher.dispatch_due().uncertain == 1
    clock.advance(timedelta(hours=2))
    assert dispatcher.drain().handled == 0
    assert len(sandbox.calls_to("chat.postMessage")) == 1 and posted_keys(sandbox) == {}


# Both installs ----------------------------------------------------------------------


@BOTH_MODES
def test_a_crash_before_the_post_began_is_sent_once_later(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    app: App,
    ana: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = worker(sessions, app, clock, "first")
    monkeypatch.setattr(first.store, "begin_post", die)  # dies with the DM open, before posting
    queue(sessions, clock, OutgoingMessage.dm(ana, key="k", text="hi"))
    with pytest.raises(Crash):
        first.dispatch_due()

    clock.advance(LEASE + timedelta(seconds=1))
    report = worker(sessions, app, clock, "second").dispatch_due()
    assert (report.sent, report.reconciled, report.uncertain) == (1, 0, 0)
    assert posted_keys(sandbox) == {"k": 1} and history_calls(sandbox) == []


@BOTH_MODES
def test_a_post_slack_refused_is_retried_without_doubt(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    ana: str,
) -> None:
    queue(sessions, clock, OutgoingMessage.dm(ana, key="k", text="hi"))
    sandbox.fail_next("chat.postMessage", "internal_error")  # an answer: nothing was posted
    assert dispatcher.dispatch_due().deferred == 1
    waiting = row(sessions, "k")
    assert waiting.status == "pending" and waiting.post_started_at is None
    clock.advance(timedelta(seconds=30))
    assert dispatcher.dispatch_due().sent == 1
    assert posted_keys(sandbox) == {"k": 1} and history_calls(sandbox) == []


# History scopes granted: exactly once -------------------------------------------------


@HISTORY_GRANTED
def test_with_history_a_crash_after_slack_accepted_is_found_and_not_posted_again(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    app: App,
    ana: str,
    admin: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queue(sessions, clock, OutgoingMessage.dm(ana, key="k", text="hi"))
    crash_after_slack_accepted(sessions, app, clock, monkeypatch)
    started = row(sessions, "k").post_started_at
    assert started is not None

    second = worker(sessions, app, clock, "second")
    report = dispatch_outbox(second, [ADMIN])

    assert (report.sent, report.reconciled, report.uncertain) == (0, 1, 0)
    sent = row(sessions, "k")
    assert sent.status == "sent" and sent.post_started_at is None and sent.channel_id
    assert sent.slack_ts == sandbox.messages(sent.channel_id)[0]["ts"]
    assert posted_keys(sandbox) == {"k": 1} and alerts(sandbox) == []
    # One look, narrow, within Slack's limit for non-Marketplace apps, never a second page.
    [look] = history_calls(sandbox)
    assert look.method == "conversations.history" and look.args["channel"] == sent.channel_id
    oldest, latest = float(look.args["oldest"]), float(look.args["latest"])
    assert oldest <= started.timestamp() <= latest
    assert latest - oldest <= (LEASE + timedelta(minutes=2)).total_seconds()
    assert int(look.args["limit"]) <= 15 and "cursor" not in look.args
    assert str(look.args["include_all_metadata"]).lower() in ("1", "true")


@HISTORY_GRANTED
def test_with_history_a_dropped_post_is_looked_up_not_found_and_posted_once(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    ana: str,
) -> None:
    queue(sessions, clock, OutgoingMessage.dm(ana, key="k", text="hi"))
    sandbox.fail_next("chat.postMessage", drop_connection=True)
    report = dispatcher.dispatch_due()
    assert report.deferred == 1 and row(sessions, "k").post_started_at is not None

    clock.advance(timedelta(seconds=30))
    report = dispatcher.dispatch_due()
    assert (report.sent, report.reconciled, report.uncertain) == (1, 0, 0)
    assert len(history_calls(sandbox)) == 1
    assert posted_keys(sandbox) == {"k": 1} and row(sessions, "k").status == "sent"


@HISTORY_GRANTED
def test_with_history_a_rate_limited_look_up_parks_the_row_until_retry_after(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    app: App,
    ana: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ben = sandbox.add_user("ben")["id"]
    queue(
        sessions,
        clock,
        OutgoingMessage.dm(ana, key="a", text="hi"),
        OutgoingMessage.dm(ben, key="b", text="hi"),
    )
    crash_after_slack_accepted(sessions, app, clock, monkeypatch, times=2)
    sandbox.set_rate_limit("conversations.history", 1)  # Slack's rule for some apps

    second = worker(sessions, app, clock, "second")
    report = second.dispatch_due()
    assert (report.reconciled, report.deferred) == (1, 1)
    parked = row(sessions, "b")
    assert parked.status == "pending" and parked.post_started_at is not None
    assert parked.next_attempt_at == clock.now() + timedelta(seconds=60)

    clock.advance(timedelta(seconds=30))
    assert second.dispatch_due().handled == 0  # not before Retry-After
    clock.advance(timedelta(seconds=31))
    assert second.dispatch_due().reconciled == 1
    assert posted_keys(sandbox) == {"a": 1, "b": 1}  # parked, never re-posted
    assert sandbox.early_retries == 0 and len(history_calls(sandbox)) == 3


@HISTORY_GRANTED
def test_with_history_members_messages_are_never_kept_or_logged(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    app: App,
    ana: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG")
    queue(sessions, clock, OutgoingMessage.dm(ana, key="k", text="hi"))
    crash_after_slack_accepted(sessions, app, clock, monkeypatch)
    dm = sandbox.dm_channel(ana)
    assert dm is not None
    clock.advance(timedelta(seconds=-LEASE.total_seconds()))  # Ana answers within the window
    sandbox.post_user_message(ana, dm, SECRET)
    clock.advance(LEASE)

    report = worker(sessions, app, clock, "second").dispatch_due()

    assert report.reconciled == 1
    [look] = history_calls(sandbox)
    assert SECRET in repr(look.response)  # Slack showed it to the bot...
    assert SECRET not in caplog.text  # ...which kept and logged nothing of it
    with sessions() as s:
        stored = [repr(r.payload) + repr(r.last_error) for r in s.scalars(select(OutboxMessage))]
    assert not any(SECRET in text for text in stored)
    assert SECRET not in repr(report)


@HISTORY_GRANTED
def test_with_history_a_busy_window_is_uncertain_rather_than_paged_through(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    app: App,
    ana: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    room = sandbox.add_channel("cohort-announcements", members=[ana])
    queue(sessions, clock, OutgoingMessage(key="k", text="Welcome!", channel=room))
    crash_after_slack_accepted(sessions, app, clock, monkeypatch)
    clock.advance(timedelta(seconds=-LEASE.total_seconds()))
    for i in range(20):  # a lively channel: more than one look may read
        sandbox.post_user_message(ana, room, f"hello {i}")
    clock.advance(LEASE)

    report = worker(sessions, app, clock, "second").dispatch_due()

    assert (report.sent, report.reconciled, report.uncertain) == (0, 0, 1)
    [look] = history_calls(sandbox)
    assert int(look.args["limit"]) <= 15 and "cursor" not in look.args
    assert posted_keys(sandbox) == {"k": 1}


@HISTORY_GRANTED
def test_with_history_a_thread_reply_is_looked_for_in_its_thread(
    sessions: sessionmaker[Session],
    sandbox: SlackSandbox,
    clock: ManualClock,
    app: App,
    dispatcher: OutboxDispatcher,
    ana: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    room = sandbox.add_channel("circle-otter", is_private=True, members=[ana])
    queue(sessions, clock, OutgoingMessage(key="week", text="Week 48", channel=room))
    dispatcher.drain()
    reply = OutgoingMessage(key="week:ana", text="Ana: shipped", channel=room, thread_of="week")
    queue(sessions, clock, reply)
    crash_after_slack_accepted(sessions, app, clock, monkeypatch)

    worker(sessions, app, clock, "second").dispatch_due()

    # Replies are not in a channel's history: the look-up reads the thread, narrowly.
    [look] = history_calls(sandbox)
    assert look.method == "conversations.replies"
    assert look.args["ts"] == row(sessions, "week").slack_ts
    assert int(look.args["limit"]) <= 15 and "cursor" not in look.args
    assert posted_keys(sandbox) == {"week": 1, "week:ana": 1}  # never twice
    # Found, or (where Slack would not let it look) uncertain: never posted again.
    assert row(sessions, "week:ana").status in ("sent", "uncertain")
