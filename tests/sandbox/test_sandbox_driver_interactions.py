"""SlackDriver interactions: clicks, modal submissions and closes, applied like Slack would."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import pytest
from slack_sdk import WebClient

from bot.sandbox import SlackDriver, SlackSandbox

if TYPE_CHECKING:
    from conftest import EchoApp


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
            {**input_block("buddy", {"type": "users_select"}), "optional": True},
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


def test_submit_view_refuses_an_empty_required_input_as_slacks_client_does(
    driver: SlackDriver, app: EchoApp, sandbox: SlackSandbox, alice: str
) -> None:
    """Input blocks are required unless `optional: true`; Slack will not submit the modal
    while one is empty, so a test cannot rely on such a submission reaching the app."""
    view_id = open_modal(
        sandbox,
        alice,
        [
            input_block("title", {"type": "plain_text_input"}),
            input_block("role", {"type": "static_select", "options": [option("pm")]}),
            {**input_block("notes", {"type": "plain_text_input"}), "optional": True},
        ],
    )
    for values in ({"role": "pm"}, {"title": "", "role": "pm"}, {"title": "Ship"}):
        with pytest.raises(ValueError, match="required"):
            driver.submit_view(alice, view_id, values)
    assert app.requests == []  # nothing reached the app

    driver.submit_view(alice, view_id, {"title": "  ", "role": "pm"})  # spaces are typed
    assert app.last_payload["view"]["state"]["values"]["notes"]["notes_action"]["value"] is None


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
