"""`circlebot run` in Socket Mode, for real: the README's first path.

One real process (SQLite in a temp dir, no scheduler) connects to the sandbox's Socket Mode
endpoint with SLACK_APP_TOKEN, and Slack's side is played over that link: commands, App Home,
a button, then the connection churn Slack causes — a `disconnect` refresh and dropped links.
Every wait has a deadline; waits are on the sandbox's own conditions, not on sleeps.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.sandbox import SlackDriver, SlackSandbox, SocketModeTransport
from tests.conftest import ROOT, manifest_scopes

ACK_LIMIT = 3.0  # Slack's deadline for every acknowledgement
AFTER_RECONNECT = 1.0  # the first command on a new link is acknowledged within this


@pytest.fixture(scope="module")
def slack() -> Iterator[SlackSandbox]:
    with SlackSandbox(scopes=manifest_scopes()) as sandbox:  # real clock: a real process
        yield sandbox
    assert sandbox.errors == [], "the Slack sandbox hit an internal error"
    assert sandbox.socket_mode.protocol_errors == []


@pytest.fixture(scope="module")
def circlebot(slack: SlackSandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    tmp = tmp_path_factory.mktemp("socket-mode")
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_SIGNING_SECRET": slack.signing_secret,
        "SLACK_APP_TOKEN": slack.app_token,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp / 'circlebot.db'}",
        "CIRCLEBOT_TIMEZONE": "Europe/Berlin",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    log_path = tmp / "circlebot.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.platform.cli", "run", "--no-scheduler"],
            env=env,
            cwd=tmp,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        link = slack.socket_mode.wait_for_link(timeout=30)
        assert link is not None, f"circlebot never connected: {log_path.read_text()}"
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    output = log_path.read_text()
    assert process.returncode == 0, output
    assert "Traceback" not in output, output


@pytest.fixture
def transport(slack: SlackSandbox, circlebot: None) -> SocketModeTransport:
    return SocketModeTransport(slack.socket_mode)


@pytest.fixture
def over_socket(slack: SlackSandbox, transport: SocketModeTransport) -> SlackDriver:
    return SlackDriver(slack, transport)


def poll(check: Callable[[], Any], what: str, seconds: float = 5) -> Any:
    """Wait for the bot's follow-up Web API calls (they may come after the ack)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def ack_latency(transport: SocketModeTransport) -> float:
    delivery = transport.last
    assert delivery is not None and delivery.failure is None, delivery
    assert delivery.latency is not None
    return delivery.latency


def test_a_slash_command_is_acknowledged_in_time_with_the_answer(
    slack: SlackSandbox, over_socket: SlackDriver, transport: SocketModeTransport
) -> None:
    ana = slack.add_user("ana", real_name="Ana Okafor")["id"]

    reply = over_socket.slash_command(ana, "/profile", "help")

    assert reply.status == 200 and "`/profile show`" in reply.text
    assert ack_latency(transport) < ACK_LIMIT
    assert any("`/profile show`" in seen.text for seen in slack.seen_by(ana))


def test_app_home_is_published_and_its_button_opens_a_modal(
    slack: SlackSandbox, over_socket: SlackDriver, transport: SocketModeTransport
) -> None:
    ben = slack.add_user("ben", real_name="Ben Ito")["id"]

    assert over_socket.app_home_opened(ben).status == 200
    assert ack_latency(transport) < ACK_LIMIT
    home = poll(lambda: slack.home(ben), "the App Home to be published")

    assert over_socket.click(ben, "profile_edit", view_id=home["id"]).status == 200
    assert ack_latency(transport) < ACK_LIMIT
    modals = poll(lambda: slack.open_modals(ben), "the profile modal to open")
    assert modals[-1]["callback_id"] == "profile"


def test_after_slacks_disconnect_it_reconnects_within_5s(
    slack: SlackSandbox, over_socket: SlackDriver, transport: SocketModeTransport
) -> None:
    cara = slack.add_user("cara")["id"]
    told = time.monotonic()
    old = slack.socket_mode.disconnect("refresh_requested")

    link = slack.socket_mode.wait_for_link(newer_than=old, timeout=5)

    assert link is not None and link.ready_at is not None
    assert link.ready_at - told < 5
    assert over_socket.slash_command(cara, "/profile", "help").status == 200
    assert ack_latency(transport) < AFTER_RECONNECT
    assert slack.socket_mode.failures == []


def test_a_command_sent_as_slack_says_disconnect_is_still_answered(
    slack: SlackSandbox, over_socket: SlackDriver, transport: SocketModeTransport
) -> None:
    dan = slack.add_user("dan")["id"]
    old = slack.socket_mode.disconnect("warning")

    # Slack may still deliver on the old link until the new one says hello.
    assert over_socket.slash_command(dan, "/profile", "help").status == 200
    assert ack_latency(transport) < ACK_LIMIT
    assert slack.socket_mode.wait_for_link(newer_than=old, timeout=5) is not None


@pytest.mark.parametrize("how", ["reset", "fin", "silent"])
def test_after_a_dropped_connection_it_reconnects_within_15s(
    how: str, slack: SlackSandbox, over_socket: SlackDriver, transport: SocketModeTransport
) -> None:
    eve = slack.add_user(f"eve-{how}")["id"]
    old = slack.socket_mode.newest_link_id()
    dropped = time.monotonic()
    slack.socket_mode.drop(how)

    link = slack.socket_mode.wait_for_link(newer_than=old, timeout=15)

    assert link is not None and link.ready_at is not None
    assert link.ready_at - dropped < 15
    assert over_socket.slash_command(eve, "/profile", "help").status == 200
    assert ack_latency(transport) < AFTER_RECONNECT
    assert slack.socket_mode.failures == []
