"""The app reads what Slack granted at start (``X-OAuth-Scopes`` on auth.test) and the
outbox's reconciliation follows it; admins hear how many messages are uncertain, and
nothing else about them; members are told plainly what the bot can read."""

from __future__ import annotations

import logging
from typing import NoReturn

import pytest
from sqlalchemy import select

from bot.outbox.admin_alerts import failures_alert
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.outbox.reconcile import OPTIONAL_SCOPES, Grant, scopes_from_headers
from bot.platform.clock import ManualClock
from bot.platform.runtime import check_slack, slack_client
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.outbox import make_dispatcher
from storage.models import OutboxMessage
from tests.bot.outbox.installs import BOTH_MODES, WITH_HISTORY, hide_scopes


class Crash(BaseException):
    pass


def die(*args: object, **kwargs: object) -> NoReturn:
    raise Crash


def crash_then_recover(services: Services, sandbox: SlackSandbox, clock: ManualClock) -> str:
    """Start like `circlebot run` (check_slack, then the scheduler's dispatcher), die right
    after Slack accepted a DM, restart; the row's status afterwards."""
    ana = sandbox.add_user("ana")["id"]
    with services.sessions.begin() as s:
        enqueue(s, [OutgoingMessage.dm(ana, key="k", text="hi")], now=clock.now())
    client = slack_client(services)
    check_slack(client)
    first = make_dispatcher(services, client)
    first._mark_sent = die  # type: ignore[method-assign]
    with pytest.raises(Crash):
        first.dispatch_due()
    clock.advance(first.lease * 2)
    make_dispatcher(services, client).dispatch_due()
    with services.sessions() as s:
        return s.scalars(select(OutboxMessage.status)).one()


@BOTH_MODES
def test_the_outbox_follows_the_scopes_slack_granted_read_once_at_start(
    services: Services,
    sandbox: SlackSandbox,
    clock: ManualClock,
    granted: tuple[str, ...],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.platform.runtime")
    status = crash_then_recover(services, sandbox, clock)

    history = granted == WITH_HISTORY
    assert status == ("sent" if history else "uncertain")
    assert len(sandbox.calls_to("auth.test")) == 1  # read once, at start
    assert bool(sandbox.calls_to("conversations.history")) == history
    said = caplog.text
    assert ("history scopes granted (channels:history" in said) == history
    assert ("no history scopes granted" in said) != history


def test_when_slack_does_not_say_the_outbox_asks_and_a_refusal_means_uncertain(
    services: Services,
    sandbox: SlackSandbox,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hide_scopes(sandbox)
    assert crash_then_recover(services, sandbox, clock) == "uncertain"
    [look] = sandbox.calls_to("conversations.history")
    assert look.error == "missing_scope"  # the default install: Slack refused, never re-sent
    assert "Slack sent no X-OAuth-Scopes header" in caplog.text


def test_the_header_is_read_as_slack_and_slack_sdk_give_it() -> None:
    assert scopes_from_headers({"x-oauth-scopes": "chat:write, im:history"}) == {
        "chat:write",
        "im:history",
    }
    assert scopes_from_headers({"X-OAuth-Scopes": ["commands,users:read"]}) == {
        "commands",
        "users:read",
    }
    assert scopes_from_headers({"Content-Type": "application/json"}) is None
    grant = Grant(frozenset({"chat:write", "mpim:history"}))
    assert grant.history_scopes == {"mpim:history"} < OPTIONAL_SCOPES
    assert grant.may_look(frozenset({"mpim:history"}))
    assert not grant.may_look(frozenset({"im:history"}))


def test_admins_hear_of_every_uncertain_message_by_count_only() -> None:
    assert failures_alert(["user_disabled"]) is None  # one bad address is not an incident
    one = failures_alert(["uncertain: may have been posted; no history scope"])
    assert one is not None and "1 message may or may not have reached Slack" in one
    assert "It is marked `uncertain`" in one
    mixed = failures_alert(
        ["user_disabled"] * 5
        + ["uncertain: no answer after sending", "uncertain after 8 attempts: timed out"]
    )
    assert mixed is not None
    assert "5 messages could not be delivered (user_disabled ×5)" in mixed
    assert "2 messages may or may not have reached Slack" in mixed
    assert "no answer" not in mixed and "timed out" not in mixed  # codes and counts only


def test_profile_privacy_says_what_the_bot_can_read_with_and_without_history(
    driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    pat = sandbox.add_user("pat")["id"]
    said = driver.slash_command(pat, "/profile", "privacy").json["text"]
    assert "nothing you and other members write to each other" in said
    assert "optional history permissions" in said
    assert "look up its own recent messages" in said and "looks at nothing else" in said
