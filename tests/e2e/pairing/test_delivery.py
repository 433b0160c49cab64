"""Intros reach people at Slack's real pace, once each, through restarts and departures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from slack_bolt import App
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.rounds import run_round
from bot.platform.clock import ManualClock
from bot.platform.settings import Settings
from bot.sandbox import SlackDriver, SlackSandbox
from storage.models import OutboxMessage, Pairing


def intro_keys(sandbox: SlackSandbox) -> list[str]:
    return [
        c.args["metadata"]["event_payload"]["outbox_key"]
        for c in sandbox.calls_to("chat.postMessage")
        if c.ok and c.args["metadata"]["event_payload"]["outbox_key"].startswith("pairing:")
    ]


def deliver_everything(
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
    sessions: sessionmaker[Session],
    limit: int = 10_000,
) -> None:
    """Run the dispatcher like the scheduler would, letting test time pass between runs."""
    for _ in range(limit):
        dispatcher.dispatch_due()
        with sessions() as s:
            waiting = s.scalars(
                select(OutboxMessage.next_attempt_at).where(OutboxMessage.status == "pending")
            ).all()
        if not waiting:
            return
        clock.set(max(clock.now(), min(waiting), dispatcher.resume_at or clock.now()))
    raise AssertionError("delivery did not finish")


def test_a_thousand_members_at_tier_3_pace_without_a_failure(
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    add_members(sandbox, sessions, clock, 1000)
    sandbox.set_rate_limit("conversations.open", 50)  # Tier 3
    sandbox.set_rate_limit("chat.postMessage", 600)  # "several hundred per minute"
    with sessions.begin() as s:
        run_round(s, clock.now(), settings)
    started = clock.now()

    deliver_everything(dispatcher, clock, sessions)

    keys = intro_keys(sandbox)
    assert len(keys) == len(set(keys)) == 500
    with sessions() as s:
        assert {r.status for r in s.scalars(select(OutboxMessage))} == {"sent"}
    assert sandbox.early_retries == 0
    storm = [c for c in sandbox.calls if c.status == 429]
    assert len(storm) >= 5  # the tiers pushed back about once a minute, each with Retry-After
    assert {c.method for c in storm} >= {"conversations.open"}
    minutes = (clock.now() - started).total_seconds() / 60
    assert 9 <= minutes <= 12  # 500 conversations at ~50/min


def test_restart_mid_delivery_sends_the_rest_exactly_once(
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    app: App,
) -> None:
    add_members(sandbox, sessions, clock, 60)
    with sessions.begin() as s:
        run_round(s, clock.now(), settings)
    first = OutboxDispatcher(sessions=sessions, client=app.client, clock=clock, worker="first")

    class Killed(BaseException):
        pass

    sent = {"n": 0}
    real = first._mark_sent

    def die_after_ten(*args: Any, **kwargs: Any) -> Any:
        sent["n"] += 1
        if sent["n"] == 11:
            raise Killed  # Slack has the 11th intro; we never recorded it
        return real(*args, **kwargs)

    first._mark_sent = die_after_ten  # type: ignore[method-assign]  # a fault, for this test
    with pytest.raises(Killed):
        first.dispatch_due()

    clock.advance(timedelta(minutes=6))  # the dead worker's lease runs out
    second = OutboxDispatcher(sessions=sessions, client=app.client, clock=clock, worker="second")
    report = second.drain()

    keys = intro_keys(sandbox)
    assert len(keys) == len(set(keys)) == 30
    # The default install has no history scope, so the intro Slack may have is never sent
    # again: it is counted as uncertain (the admins hear how many), and nothing is doubled.
    assert report.uncertain == 1 and report.sent == 19


def test_a_member_who_leaves_before_delivery_is_replaced_or_their_partner_told(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    ids = add_members(sandbox, sessions, clock, 4)
    with sessions.begin() as s:
        result = run_round(s, clock.now(), settings)
    slack = {m.id: m.slack_user_id for m in result.plan.members.values()}
    pairs = [[slack[i] for i in g.members] for g in result.plan.round.groups]
    (a, b), (c, d) = pairs
    driver.user_change(sandbox.update_user(a, deleted=True))
    driver.user_change(sandbox.update_user(c, deleted=True))
    dispatcher.drain()

    # Both partners lost theirs before delivery: they meet each other instead.
    assert all(a not in sandbox.conversation_members(ch) for ch in _intro_channels(sandbox))
    new = [s for s in sandbox.seen_by(b) if s.kind == "message" and "Meet your pair" in s.text]
    assert len(new) == 1 and d in sandbox.conversation_members(new[0].channel)
    assert set(ids) >= {a, b, c, d}


def _intro_channels(sandbox: SlackSandbox) -> set[str]:
    return {c.args["channel"] for c in sandbox.calls_to("chat.postMessage") if c.ok}


def test_a_member_who_leaves_after_the_intro_arrived_changes_nothing_for_their_partner(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> None:
    add_members(sandbox, sessions, clock, 4)
    with sessions.begin() as s:
        result = run_round(s, clock.now(), settings)
    slack = {m.id: m.slack_user_id for m in result.plan.members.values()}
    (a, b), _ = [[slack[i] for i in g.members] for g in result.plan.round.groups]
    dispatcher.drain()

    driver.user_change(sandbox.update_user(a, deleted=True))
    dispatcher.drain()

    told = [s for s in sandbox.seen_by(b) if "has left the community" in s.text]
    assert told == []  # they already have the intro and each other's names
    with sessions() as s:
        assert s.scalars(select(Pairing.cancelled)).all() == [False, False]
