"""SlackDriver: the payloads it builds, how it signs them, and how it applies the app's answers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.sandbox import HttpTransport, SlackDriver, SlackSandbox, WsgiTransport


class EchoApp:
    """A WSGI app that remembers each request and answers with ``self.answer``."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = "200 OK"
        self.answer: bytes = b""
        self.content_type = "application/json"

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode()
        self.requests.append({"environ": dict(environ), "body": body})
        start_response(self.status, [("Content-Type", self.content_type)])
        return [self.answer]

    @property
    def last_payload(self) -> dict[str, Any]:
        body = self.requests[-1]["body"]
        if self.requests[-1]["environ"]["CONTENT_TYPE"] == "application/json":
            return json.loads(body)
        form = {k: v[0] for k, v in parse_qs(body).items()}
        return json.loads(form["payload"]) if "payload" in form else form


@pytest.fixture
def app() -> EchoApp:
    return EchoApp()


@pytest.fixture
def driver(sandbox: SlackSandbox, app: EchoApp) -> SlackDriver:
    return SlackDriver(sandbox, WsgiTransport(app), timestamp=lambda: 1_736_154_000.0)


def open_modal(sandbox: SlackSandbox, user_id: str, blocks: list[dict], **extra) -> str:
    """Open a modal the way the app would, through the Web API."""
    client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)
    view = {
        "type": "modal",
        "callback_id": "profile",
        "private_metadata": "round-7",
        "title": {"type": "plain_text", "text": "Your profile"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": blocks,
        **extra,
    }
    return client.views_open(trigger_id=sandbox.issue_trigger_id(user_id), view=view)["view"]["id"]


def option(value: str) -> dict:
    return {"text": {"type": "plain_text", "text": value.title()}, "value": value}


def input_block(block_id: str, element: dict) -> dict:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": block_id},
        "element": {"action_id": f"{block_id}_action", **element},
    }


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


def test_click_finds_the_button_in_a_message(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "Did you meet?"}},
        {
            "type": "actions",
            "block_id": "checkin",
            "elements": [
                {
                    "type": "button",
                    "action_id": "met_yes",
                    "value": "round-7",
                    "text": {"type": "plain_text", "text": "Yes"},
                }
            ],
        },
    ]
    posted = client.chat_postMessage(channel=alice, text="Did you meet?", blocks=blocks)

    driver.click(alice, "met_yes", message=(posted["channel"], posted["ts"]))
    payload = app.last_payload

    assert payload["type"] == "block_actions"
    assert payload["user"]["id"] == alice
    [action] = payload["actions"]
    assert (action["type"], action["block_id"], action["value"]) == ("button", "checkin", "round-7")
    assert payload["container"] == {
        "type": "message",
        "message_ts": posted["ts"],
        "channel_id": posted["channel"],
        "is_ephemeral": False,
    }
    assert (
        payload["message"]["ts"] == posted["ts"] and payload["channel"]["id"] == posted["channel"]
    )
    assert payload["response_url"].startswith(sandbox.base_url)
    with pytest.raises(ValueError, match="met_no"):
        driver.click(alice, "met_no", message=(posted["channel"], posted["ts"]))


def test_click_in_a_modal_sends_the_view_and_a_fresh_trigger(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    menu = {
        "type": "static_select",
        "action_id": "cadence",
        "options": [option("weekly"), option("monthly")],
    }
    view_id = open_modal(
        sandbox, alice, [{"type": "actions", "block_id": "prefs", "elements": [menu]}]
    )

    driver.click(alice, "cadence", view_id=view_id, selected_option="monthly")
    payload = app.last_payload

    assert payload["container"] == {"type": "view", "view_id": view_id}
    assert payload["view"]["private_metadata"] == "round-7"
    assert payload["actions"][0]["selected_option"] == option("monthly")
    assert "response_url" not in payload
    client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)
    pushed = client.views_push(
        trigger_id=payload["trigger_id"],
        view={"type": "modal", "title": {"type": "plain_text", "text": "More"}, "blocks": []},
    )
    assert pushed["view"]["previous_view_id"] == view_id


def test_submit_view_builds_slacks_state_for_each_element_type(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    view_id = open_modal(
        sandbox,
        alice,
        [
            input_block("bio", {"type": "plain_text_input", "multiline": True}),
            input_block(
                "role", {"type": "static_select", "options": [option("pm"), option("gpm")]}
            ),
            input_block(
                "topics",
                {"type": "multi_static_select", "options": [option("pricing"), option("growth")]},
            ),
            input_block("days", {"type": "checkboxes", "options": [option("mon"), option("tue")]}),
            input_block(
                "mode", {"type": "radio_buttons", "options": [option("zoom"), option("irl")]}
            ),
            input_block("years", {"type": "number_input", "is_decimal_allowed": False}),
            input_block("start", {"type": "datepicker"}),
            input_block("nickname", {"type": "plain_text_input", "initial_value": "Al"}),
            input_block("buddy", {"type": "users_select"}),
        ],
    )

    driver.submit_view(
        alice,
        view_id,
        {
            "bio": "I ship things",
            "role": "gpm",
            "topics": ["pricing", "growth"],
            "days": ["tue"],
            "mode": "irl",
            "years": 7,
            "start": date(2025, 2, 3),
        },
    )
    payload = app.last_payload

    assert payload["type"] == "view_submission"
    assert payload["view"]["id"] == view_id and payload["view"]["callback_id"] == "profile"
    assert payload["view"]["state"]["values"] == {
        "bio": {"bio_action": {"type": "plain_text_input", "value": "I ship things"}},
        "role": {"role_action": {"type": "static_select", "selected_option": option("gpm")}},
        "topics": {
            "topics_action": {
                "type": "multi_static_select",
                "selected_options": [option("pricing"), option("growth")],
            }
        },
        "days": {"days_action": {"type": "checkboxes", "selected_options": [option("tue")]}},
        "mode": {"mode_action": {"type": "radio_buttons", "selected_option": option("irl")}},
        "years": {"years_action": {"type": "number_input", "value": "7"}},
        "start": {"start_action": {"type": "datepicker", "selected_date": "2025-02-03"}},
        "nickname": {"nickname_action": {"type": "plain_text_input", "value": "Al"}},
        "buddy": {"buddy_action": {"type": "users_select", "selected_user": None}},
    }


def test_submit_view_refuses_what_the_modal_does_not_offer(
    driver: SlackDriver, sandbox: SlackSandbox, alice: str
) -> None:
    view_id = open_modal(
        sandbox,
        alice,
        [
            input_block("role", {"type": "static_select", "options": [option("pm")]}),
            {"type": "section", "block_id": "intro", "text": {"type": "mrkdwn", "text": "Hi"}},
        ],
    )
    with pytest.raises(ValueError, match="no option with value 'ceo'"):
        driver.submit_view(alice, view_id, {"role": "ceo"})
    with pytest.raises(ValueError, match="not input blocks"):
        driver.submit_view(alice, view_id, {"intro": "x"})
    with pytest.raises(ValueError, match="unknown view"):
        driver.submit_view(alice, "V404", {})


def test_submission_answers_close_update_or_keep_the_modal(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    blocks = [input_block("topic", {"type": "plain_text_input"})]

    errors = {"response_action": "errors", "errors": {"topic": "Say a little more"}}
    app.answer = json.dumps(errors).encode()
    kept = open_modal(sandbox, alice, blocks)
    assert driver.submit_view(alice, kept, {"topic": "x"}).json == errors
    assert sandbox.is_modal_open(kept)

    thanks = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Thanks"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Saved"}}],
    }
    app.answer = json.dumps({"response_action": "update", "view": thanks}).encode()
    driver.submit_view(alice, kept, {"topic": "Pricing for platforms"})
    assert sandbox.view(kept)["title"]["text"] == "Thanks" and sandbox.is_modal_open(kept)

    app.answer = b""
    driver.submit_view(alice, kept, {})
    assert not sandbox.is_modal_open(kept)
    with pytest.raises(ValueError, match="not open"):
        driver.submit_view(alice, kept, {})


def test_close_view_only_tells_the_app_when_asked_to(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    blocks = [input_block("topic", {"type": "plain_text_input"})]
    quiet = open_modal(sandbox, alice, blocks)
    assert driver.close_view(alice, quiet) is None
    assert app.requests == [] and not sandbox.is_modal_open(quiet)

    noisy = open_modal(sandbox, alice, blocks, notify_on_close=True)
    assert driver.close_view(alice, noisy).status == 200
    assert app.last_payload["type"] == "view_closed"
    assert app.last_payload["view"]["id"] == noisy


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
