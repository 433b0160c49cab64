"""The sandbox's Socket Mode endpoint, spoken to by a bare WebSocket client: the app-level
token, hello, envelopes and acks, late acks, disconnect messages and dropped links."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from bot.sandbox import SlackSandbox, SocketModeTransport
from bot.sandbox.socket_mode import envelope_for


@pytest.fixture
def slack() -> Iterator[SlackSandbox]:
    with SlackSandbox() as sandbox:
        yield sandbox
    assert sandbox.errors == []


def open_url(sandbox: SlackSandbox) -> str:
    client = WebClient(base_url=sandbox.api_url)
    return str(client.apps_connections_open(app_token=sandbox.app_token)["url"])


@contextmanager
def link(sandbox: SlackSandbox) -> Iterator[tuple[ClientConnection, dict[str, Any]]]:
    """Connect like an app does: the link and its hello."""
    with connect(open_url(sandbox), open_timeout=5, close_timeout=0.2) as ws:
        yield ws, json.loads(ws.recv(timeout=5))


class App:
    """A bare Socket Mode app in a thread: acks every envelope (when ``go`` is set)."""

    def __init__(
        self, ws: ClientConnection, answer: Callable[[dict[str, Any]], Any] = lambda e: None
    ) -> None:
        self.ws = ws
        self.answer = answer
        self.go = threading.Event()
        self.go.set()
        self.received: list[dict[str, Any]] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            for frame in self.ws:
                message = json.loads(frame)
                self.received.append(message)
                if "envelope_id" in message:
                    self.go.wait(10)
                    ack: dict[str, Any] = {"envelope_id": message["envelope_id"]}
                    payload = self.answer(message)
                    if payload is not None:
                        ack["payload"] = payload
                    self.ws.send(json.dumps(ack))
        except (ConnectionClosedError, ConnectionClosedOK, OSError):
            pass


def test_only_the_app_level_token_in_the_header_opens_a_connection(slack: SlackSandbox) -> None:
    client = WebClient(base_url=slack.api_url)
    url = client.apps_connections_open(app_token=slack.app_token)["url"]
    assert url.startswith("ws://127.0.0.1:") and "ticket=" in url

    for token, error in [
        (slack.bot_token, "not_allowed_token_type"),
        ("xapp-1-nope", "invalid_auth"),
    ]:
        with pytest.raises(SlackApiError) as refused:
            client.apps_connections_open(app_token=token)
        assert refused.value.response["error"] == error

    body = f"token={slack.app_token}".encode()  # as a POST parameter, not the header
    request = urllib.request.Request(f"{slack.api_url}apps.connections.open", data=body)
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read())["error"] == "not_authed"

    with pytest.raises(SlackApiError) as wrong_way:
        WebClient(token=slack.app_token, base_url=slack.api_url).users_list()
    assert wrong_way.value.response["error"] == "not_allowed_token_type"


def test_each_link_is_greeted_with_hello_and_a_ticket_opens_one_link(slack: SlackSandbox) -> None:
    url = open_url(slack)
    with connect(url, open_timeout=5) as ws:
        hello = json.loads(ws.recv(timeout=5))
        assert hello["type"] == "hello" and hello["num_connections"] == 1
        assert hello["connection_info"] == {"app_id": slack.app_id}
        assert set(hello["debug_info"]) >= {"host", "approximate_connection_time"}

        with pytest.raises(InvalidStatus), connect(url, open_timeout=5):
            pass  # the same ticket again

        with link(slack) as (_, hello):
            assert hello["num_connections"] == 2
    assert slack.socket_mode.protocol_errors[-1].startswith("connection refused")


def test_a_command_travels_as_an_envelope_and_its_ack_is_the_reply(slack: SlackSandbox) -> None:
    transport = SocketModeTransport(slack.socket_mode)
    body = b"command=%2Fprofile&text=help&user_id=U1&user_name=ana"
    with link(slack) as (ws, _):
        app = App(ws, answer=lambda e: {"text": f"hi {e['payload']['user_name']}"})

        reply = transport.post(body, {"content-type": "application/x-www-form-urlencoded"})

    assert reply.status == 200 and reply.text == "hi ana"
    envelope = app.received[-1]
    assert envelope["type"] == "slash_commands" and envelope["accepts_response_payload"]
    assert envelope["payload"]["text"] == "help"
    assert transport.last is not None and transport.last.latency is not None


def test_a_late_ack_is_a_failure_and_the_person_sees_an_error(slack: SlackSandbox) -> None:
    slack.socket_mode.ack_deadline = 0.2
    transport = SocketModeTransport(slack.socket_mode)
    with link(slack) as (ws, _):
        app = App(ws)
        app.go.clear()  # the app is busy

        reply = transport.post(b'{"type": "event_callback"}', {"content-type": "application/json"})

        assert (reply.status, reply.body) == (504, "operation_timeout")
        app.go.set()
        delivery = transport.last
        assert delivery is not None and delivery.done.wait(5)  # the late ack still arrives
    assert delivery.failure == "ack_timeout" and delivery.latency is not None
    assert slack.socket_mode.failures == [delivery]


def test_with_no_link_slack_cannot_dispatch(slack: SlackSandbox) -> None:
    reply = SocketModeTransport(slack.socket_mode).post(b"command=%2Fprofile", {})
    assert (reply.status, reply.body) == (503, "dispatch_failed")


def test_disconnect_asks_for_a_new_link_and_closes_the_old_one_later(
    slack: SlackSandbox,
) -> None:
    with link(slack) as (old_ws, _):
        old = slack.socket_mode.disconnect("refresh_requested", close_after=0.2)

        message = json.loads(old_ws.recv(timeout=5))
        assert message["type"] == "disconnect" and message["reason"] == "refresh_requested"
        with link(slack) as (new_ws, _):
            assert slack.socket_mode.wait_for_link(newer_than=old, timeout=5) is not None
            app = App(new_ws)
            reply = SocketModeTransport(slack.socket_mode).post(b"command=%2Fprofile", {})
            assert reply.status == 200 and app.received  # envelopes go to the new link

            with pytest.raises(ConnectionClosedOK):
                old_ws.recv(timeout=5)  # closed with a close frame, as Slack does
    with pytest.raises(ValueError):
        slack.socket_mode.disconnect("bored")


@pytest.mark.parametrize("how", ["reset", "fin"])
def test_a_dropped_link_ends_without_a_close_frame(slack: SlackSandbox, how: str) -> None:
    with link(slack) as (ws, _):
        slack.socket_mode.drop(how)
        with pytest.raises(ConnectionClosedError) as closed:
            ws.recv(timeout=5)
    assert closed.value.rcvd is None  # no close frame
    assert slack.socket_mode.open_links() == []


def test_a_silent_link_answers_nothing_not_even_pings(slack: SlackSandbox) -> None:
    with link(slack) as (ws, _):
        assert ws.ping().wait(5)  # a live link answers pings
        slack.socket_mode.drop("silent")
        assert not ws.ping().wait(0.3)
        assert slack.socket_mode.open_links() == []


def test_the_app_must_answer_with_acks(slack: SlackSandbox) -> None:
    with link(slack) as (ws, _):
        ws.send("hello?")
        ws.send(json.dumps({"envelope_id": "never-sent"}))
    links = slack.socket_mode.links()
    assert slack.socket_mode.wait_for(lambda: links[0].closed_at is not None, timeout=5)
    errors = slack.socket_mode.protocol_errors
    assert any("not an acknowledgement" in e for e in errors)
    assert any("ack for no envelope" in e for e in errors)


def test_each_payload_travels_in_its_envelope_type() -> None:
    form = "application/x-www-form-urlencoded"
    assert envelope_for(b"command=%2Fcircle&text=a%26b", form) == (
        "slash_commands",
        {"command": "/circle", "text": "a&b"},
        True,
    )
    clicked = b"payload=" + urllib.parse.quote(json.dumps({"type": "block_actions"})).encode()
    assert envelope_for(clicked, form) == ("interactive", {"type": "block_actions"}, False)
    submitted = b"payload=" + urllib.parse.quote(json.dumps({"type": "view_submission"})).encode()
    assert envelope_for(submitted, form)[2] is True  # response_action comes back in the ack
    event = b'{"type": "event_callback", "event": {"type": "app_home_opened"}}'
    kind, payload, accepts = envelope_for(event, "application/json; charset=utf-8")
    assert (kind, payload["event"]["type"], accepts) == ("events_api", "app_home_opened", False)
