"""SlackDriver: the payloads it builds, how it signs them, and what it sends where."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.sandbox import HttpTransport, SlackDriver, SlackSandbox

if TYPE_CHECKING:
    from conftest import EchoApp


def test_requests_are_signed_so_slack_sdk_verifies_them(
    driver: SlackDriver, app: EchoApp, alice: str
) -> None:
    driver.slash_command(alice, "/circle", "status")
    environ, body = app.requests[0]["environ"], app.requests[0]["body"]

    verifier = SignatureVerifier("sandbox-signing-secret", clock=_FixedClock(1_736_154_010))
    headers = {
        "x-slack-request-timestamp": environ["HTTP_X_SLACK_REQUEST_TIMESTAMP"],
        "x-slack-signature": environ["HTTP_X_SLACK_SIGNATURE"],
    }
    assert headers["x-slack-request-timestamp"] == "1736154000"
    assert verifier.is_valid_request(body, headers)
    assert not SignatureVerifier(
        "another-secret", clock=_FixedClock(1_736_154_010)
    ).is_valid_request(body, headers)


class _FixedClock:
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def test_the_wsgi_environ_looks_like_a_real_server_made_it(
    driver: SlackDriver, app: EchoApp, alice: str
) -> None:
    driver.slash_command(alice, "/circle")
    environ, body = app.requests[0]["environ"], app.requests[0]["body"]

    assert environ["REQUEST_METHOD"] == "POST"
    assert environ["PATH_INFO"] == "/slack/events"
    assert environ["CONTENT_TYPE"] == "application/x-www-form-urlencoded"
    assert environ["CONTENT_LENGTH"] == str(len(body.encode()))
    assert environ["wsgi.url_scheme"] == "http"
    assert "HTTP_CONTENT_TYPE" not in environ


def test_slash_command_payload_has_slacks_fields(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    driver.slash_command(alice, "/circle", "pause 2 weeks")
    fields = app.last_payload

    assert fields["command"] == "/circle" and fields["text"] == "pause 2 weeks"
    assert fields["user_id"] == alice and fields["user_name"] == "alice"
    assert fields["channel_id"] == sandbox.dm_channel(alice)
    assert fields["channel_name"] == "directmessage"
    assert fields["team_id"] == sandbox.team_id and fields["team_domain"] == "product-circle"
    assert fields["api_app_id"] == sandbox.app_id
    assert fields["response_url"].startswith(sandbox.base_url + "/response/")
    assert fields["trigger_id"]


def test_slash_command_ack_text_is_what_the_person_sees(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    app.answer, app.content_type = b"You are paused until Jan 20", "text/plain"
    reply = driver.slash_command(alice, "/circle", "pause")

    assert reply.text == "You are paused until Jan 20"
    [seen] = sandbox.seen_by(alice)
    assert (seen.kind, seen.text, seen.channel) == (
        "ephemeral",
        "You are paused until Jan 20",
        sandbox.dm_channel(alice),
    )


def test_slash_command_json_ack_with_blocks_is_recorded(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Status*"}}]
    app.answer = json.dumps({"text": "Status", "blocks": blocks}).encode()
    reply = driver.slash_command(alice, "/circle", "status")

    assert reply.json["blocks"] == blocks and reply.text == "Status"
    assert sandbox.seen_by(alice)[0].blocks == blocks


def test_an_empty_ack_shows_nothing(driver: SlackDriver, sandbox: SlackSandbox, alice: str) -> None:
    reply = driver.slash_command(alice, "/circle")
    assert (reply.status, reply.body) == (200, "")
    assert sandbox.seen_by(alice) == []


def test_events_are_wrapped_in_an_event_callback(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    driver.team_join(sandbox.user(alice))
    envelope = app.last_payload

    assert app.requests[-1]["environ"]["CONTENT_TYPE"] == "application/json"
    assert envelope["type"] == "event_callback"
    assert envelope["team_id"] == sandbox.team_id and envelope["api_app_id"] == sandbox.app_id
    assert envelope["event"]["type"] == "team_join" and envelope["event"]["user"]["id"] == alice
    assert envelope["event_id"].startswith("Ev") and envelope["event_time"] == 1_736_154_000

    driver.app_home_opened(alice)
    assert app.last_payload["event"]["channel"] == sandbox.dm_channel(alice)
    driver.event({"type": "member_joined_channel", "user": alice}, event_id="Ev123")
    assert app.last_payload["event_id"] == "Ev123"


def test_forged_requests_can_be_sent(driver: SlackDriver, app: EchoApp) -> None:
    driver.post_signed("a=b", "application/x-www-form-urlencoded", signature="v0=forged")
    assert app.requests[0]["environ"]["HTTP_X_SLACK_SIGNATURE"] == "v0=forged"


@pytest.fixture
def http_app(app: EchoApp) -> Iterator[str]:
    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()


def test_http_transport_posts_over_loopback(
    sandbox: SlackSandbox, app: EchoApp, http_app: str, alice: str
) -> None:
    app.status, app.answer = "401 Unauthorized", b'{"error": "invalid request"}'
    driver = SlackDriver(sandbox, HttpTransport(http_app))

    reply = driver.slash_command(alice, "/circle", "status")

    assert reply.status == 401 and reply.json == {"error": "invalid request"}
    assert reply.headers["content-type"] == "application/json"
    assert app.last_payload["text"] == "status"
    assert sandbox.seen_by(alice) == []
