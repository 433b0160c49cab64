"""Events, clicks and DMs reach the app only when manifest.yml lets Slack send them."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from bot.platform.clock import ManualClock
from bot.sandbox import AppManifest, NotSentBySlack, SlackDriver, SlackSandbox, WsgiTransport
from bot.sandbox.manifest import REPO_MANIFEST, subscription_for

if TYPE_CHECKING:
    from conftest import EchoApp

REPO = yaml.safe_load(REPO_MANIFEST.read_text())
MakeDriver = Callable[[AppManifest], SlackDriver]


def manifest_with(**changes: Any) -> AppManifest:
    """The repository's manifest with some settings changed (and a writable Messages tab)."""
    raw = copy.deepcopy(REPO)
    home = raw["features"]["app_home"]
    settings = raw["settings"]
    if "bot_events" in changes:
        settings["event_subscriptions"]["bot_events"] = changes["bot_events"]
    if "scopes" in changes:
        raw["oauth_config"]["scopes"] = {"bot": changes["scopes"]}
    if "optional" in changes:
        raw["oauth_config"]["scopes"]["bot_optional"] = changes["optional"]
    home["messages_tab_enabled"] = True
    home["messages_tab_read_only_enabled"] = changes.get("read_only", False)
    if "interactivity" in changes:
        settings["interactivity"]["is_enabled"] = changes["interactivity"]
    return AppManifest.from_dict(raw)


@pytest.fixture
def driver_for(clock: ManualClock, app: EchoApp) -> Iterator[MakeDriver]:
    """A strict sandbox and driver for this manifest, stopped after the test."""
    started: list[SlackSandbox] = []

    def make(manifest: AppManifest) -> SlackDriver:
        started.append(SlackSandbox(clock=clock, strict=True, manifest=manifest).start())
        return SlackDriver(started[-1], WsgiTransport(app))

    yield make
    for sandbox in started:
        sandbox.stop()


def test_message_events_are_subscribed_per_conversation_type() -> None:
    assert subscription_for({"type": "message", "channel_type": "im"}) == "message.im"
    assert subscription_for({"type": "message", "channel_type": "channel"}) == "message.channels"
    assert subscription_for({"type": "team_join"}) == "team_join"


def test_subscribed_events_are_delivered(
    strict: SlackSandbox, strict_driver: SlackDriver, app: EchoApp
) -> None:
    alice = strict.add_user("alice")["id"]
    for event in strict.rules.manifest.bot_events & {"team_join", "user_change"}:
        strict_driver.event({"type": event, "user": strict.user(alice)})
        assert app.last_payload["event"]["type"] == event


def test_an_event_the_manifest_does_not_list_is_never_delivered(
    strict: SlackSandbox, strict_driver: SlackDriver, app: EchoApp
) -> None:
    alice = strict.add_user("alice")["id"]
    assert "member_joined_channel" not in strict.rules.manifest.bot_events
    with pytest.raises(NotSentBySlack, match="does not subscribe to member_joined_channel"):
        strict_driver.event({"type": "member_joined_channel", "user": alice})
    assert app.requests == []


def test_a_lenient_sandbox_delivers_any_event(
    sandbox: SlackSandbox, driver: SlackDriver, app: EchoApp
) -> None:
    alice = sandbox.add_user("alice")["id"]
    driver.event({"type": "member_joined_channel", "user": alice})
    assert app.last_payload["event"]["type"] == "member_joined_channel"


def test_a_dm_to_the_bot_needs_a_message_im_subscription(
    driver_for: MakeDriver, app: EchoApp
) -> None:
    driver = driver_for(manifest_with(bot_events=["app_home_opened"]))
    alice = driver.sandbox.add_user("alice")["id"]
    with pytest.raises(NotSentBySlack, match=r"does not subscribe to message\.im"):
        driver.direct_message(alice, "hello?")
    assert app.requests == []


def test_a_subscribed_dm_is_delivered_with_slacks_shape(
    driver_for: MakeDriver, app: EchoApp
) -> None:
    scopes = [*REPO["oauth_config"]["scopes"]["bot"], "im:history"]
    driver = driver_for(manifest_with(bot_events=["message.im"], scopes=scopes))
    sandbox = driver.sandbox
    alice = sandbox.add_user("alice")["id"]
    driver.direct_message(alice, "hello?")
    event = app.last_payload["event"]
    dm = sandbox.dm_channel(alice)
    assert (event["type"], event["channel_type"], event["channel"]) == ("message", "im", dm)
    assert (event["user"], event["text"]) == (alice, "hello?")
    assert sandbox.messages(dm or "")[-1]["ts"] == event["ts"]


def test_an_optional_im_history_scope_is_enough(driver_for: MakeDriver, app: EchoApp) -> None:
    scopes = [s for s in REPO["oauth_config"]["scopes"]["bot"] if s != "im:history"]
    manifest = manifest_with(bot_events=["message.im"], scopes=scopes, optional=["im:history"])
    driver = driver_for(manifest)
    alice = driver.sandbox.add_user("alice")["id"]
    assert driver.direct_message(alice, "hello?").status == 200


def test_message_im_without_im_history_is_refused(driver_for: MakeDriver, app: EchoApp) -> None:
    scopes = [s for s in REPO["oauth_config"]["scopes"]["bot"] if s != "im:history"]
    driver = driver_for(manifest_with(bot_events=["message.im"], scopes=scopes))
    alice = driver.sandbox.add_user("alice")["id"]
    with pytest.raises(NotSentBySlack, match="needs the im:history scope"):
        driver.direct_message(alice, "hello?")


def test_nobody_can_write_in_a_read_only_messages_tab(driver_for: MakeDriver, app: EchoApp) -> None:
    driver = driver_for(manifest_with(bot_events=["message.im"], read_only=True))
    alice = driver.sandbox.add_user("alice")["id"]
    with pytest.raises(NotSentBySlack, match="read-only"):
        driver.direct_message(alice, "hello?")
    assert driver.sandbox.dm_channel(alice) is None


def test_clicks_need_interactivity(driver_for: MakeDriver, app: EchoApp) -> None:
    driver = driver_for(manifest_with(interactivity=False))
    alice = driver.sandbox.add_user("alice")["id"]
    with pytest.raises(NotSentBySlack, match="interactivity"):
        driver.click(alice, "anything")
