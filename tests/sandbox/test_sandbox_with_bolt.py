"""The sandbox and driver with a real Bolt app: signed in, routed, and calling back out."""

from __future__ import annotations

import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.sandbox import SlackDriver, SlackSandbox, WsgiTransport

JOIN_VIEW = {
    "type": "modal",
    "callback_id": "join",
    "title": {"type": "plain_text", "text": "Join the circle"},
    "submit": {"type": "plain_text", "text": "Join"},
    "blocks": [
        {
            "type": "input",
            "block_id": "topic",
            "label": {"type": "plain_text", "text": "What do you want to talk about?"},
            "element": {"type": "plain_text_input", "action_id": "value"},
        }
    ],
}


def build_app(sandbox: SlackSandbox) -> App:
    client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)
    app = App(signing_secret=sandbox.signing_secret, client=client, process_before_response=True)

    @app.command("/circle")
    def circle(ack, body, client, command):
        if command["text"] == "join":
            ack()
            client.views_open(trigger_id=body["trigger_id"], view=JOIN_VIEW)
        else:
            ack(f"Unknown subcommand: {command['text']}")

    @app.view("join")
    def joined(ack, body, client, view):
        topic = view["state"]["values"]["topic"]["value"]["value"]
        if len(topic) < 3:
            ack(response_action="errors", errors={"topic": "Say a little more"})
            return
        ack()
        client.chat_postMessage(
            channel=body["user"]["id"],
            text=f"Welcome! We'll pair you on {topic}.",
            blocks=[
                {
                    "type": "actions",
                    "block_id": "welcome",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": "got_it",
                            "text": {"type": "plain_text", "text": "Got it"},
                        }
                    ],
                }
            ],
        )

    @app.action("got_it")
    def got_it(ack, respond):
        ack()
        respond(text="See you Monday", replace_original=True)

    return app


@pytest.fixture
def driver(sandbox: SlackSandbox) -> SlackDriver:
    return SlackDriver(sandbox, WsgiTransport(SlackRequestHandler(build_app(sandbox))))


def test_join_story_from_command_to_button(
    driver: SlackDriver, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    assert driver.slash_command(alice, "/circle", "join").status == 200
    [modal] = sandbox.open_modals(alice)

    assert driver.submit_view(alice, modal["id"], {"topic": "AI"}).json["errors"] == {
        "topic": "Say a little more"
    }
    assert sandbox.is_modal_open(modal["id"])
    driver.submit_view(alice, modal["id"], {"topic": "pricing"})
    assert sandbox.open_modals(alice) == []

    [welcome] = sandbox.messages(sandbox.dm_channel(alice))
    driver.click(alice, "got_it", message=(welcome["channel"], welcome["ts"]))

    assert [(s.kind, s.text) for s in sandbox.seen_by(alice)] == [
        ("modal", "Join the circle"),
        ("message", "Welcome! We'll pair you on pricing."),
        ("response", "See you Monday"),
    ]
    assert sandbox.seen_by(bob) == []


def test_ack_text_reaches_the_person(
    driver: SlackDriver, sandbox: SlackSandbox, alice: str
) -> None:
    reply = driver.slash_command(alice, "/circle", "dance")
    assert reply.text == "Unknown subcommand: dance"
    assert [s.text for s in sandbox.seen_by(alice)] == ["Unknown subcommand: dance"]


def test_bolt_rejects_a_stale_or_forged_signature(driver: SlackDriver) -> None:
    stale = driver.post_signed(
        "command=%2Fcircle", "application/x-www-form-urlencoded", timestamp=1
    )
    forged = driver.post_signed(
        "command=%2Fcircle", "application/x-www-form-urlencoded", signature="v0=00"
    )
    assert (stale.status, forged.status) == (401, 401)
