"""Strict Block Kit: action_id unique within a block, block_id unique within a message or view,
and slack_sdk's models as a second opinion, refused the way Slack refuses them everywhere."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.blockkit import message_block_errors, view_errors
from bot.sandbox.records import ApiError

if TYPE_CHECKING:
    from conftest import EchoApp


def button(label: str, action_id: str, value: str = "x") -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": label},
        "action_id": action_id,
        "value": value,
    }


def twin_buttons() -> list[dict[str, Any]]:
    """One actions block whose two buttons share an action_id (the pairing_met defect)."""
    buttons = [button("Yes", "pairing_met", "yes"), button("No", "pairing_met", "no")]
    return [{"type": "actions", "block_id": "met", "elements": buttons}]


def section(text: str, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id is not None:
        block["block_id"] = block_id
    return block


def modal(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "modal", "title": {"type": "plain_text", "text": "Met?"}, "blocks": blocks}


def _error(call: Any) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as raised:
        call()
    return dict(raised.value.response.data)


# the rules themselves ----------------------------------------------------------------------


def test_twin_action_ids_in_one_block_are_refused_only_when_strict() -> None:
    [error] = message_block_errors(twin_buttons(), strict=True)
    assert error == (
        "[ERROR] duplicate action_id 'pairing_met' in block "
        "[json-pointer:/blocks/0/elements/1/action_id]"
    )
    assert message_block_errors(twin_buttons()) == []  # today's lenient behaviour, unchanged


def test_the_same_action_id_in_two_blocks_and_blocks_without_ids_are_fine() -> None:
    blocks = [
        {"type": "actions", "elements": [button("Yes", "pairing_met")]},
        {"type": "actions", "elements": [button("No", "pairing_met")]},
        section("no block_id"),
        section("no block_id either"),
    ]
    assert message_block_errors(blocks, strict=True) == []


def test_an_accessory_and_an_input_element_count_within_their_block() -> None:
    accessory = {**section("Pick one"), "accessory": button("Go", "go")}
    field = {"type": "plain_text_input", "action_id": "answer"}
    input_block = {
        "type": "input",
        "block_id": "q",
        "label": {"type": "plain_text", "text": "Q"},
        "element": field,
    }
    view = {**modal([accessory, input_block]), "submit": {"type": "plain_text", "text": "Go"}}
    assert view_errors(view, expected_type="modal", strict=True) == []


def test_block_ids_must_be_unique_in_a_message_and_in_a_view() -> None:
    twice = [section("a", "same"), section("b", "same")]
    pointer = "[json-pointer:/blocks/1/block_id]"
    assert message_block_errors(twice, strict=True) == [f"[ERROR] duplicate block_id {pointer}"]
    errors = view_errors(modal(twice), expected_type="modal", strict=True)
    assert errors == ["[ERROR] duplicate block_id [json-pointer:/view/blocks/1/block_id]"]


def test_slack_sdk_is_a_second_opinion_on_blocks_and_views() -> None:
    unknown = [{"type": "no_such_block"}]
    assert message_block_errors(unknown) == []
    assert message_block_errors(unknown, strict=True) == [
        "[ERROR] slack_sdk: unknown block type 'no_such_block' [json-pointer:/blocks/0]"
    ]
    long_placeholder = {
        "type": "static_select",
        "action_id": "pick",
        "placeholder": {"type": "plain_text", "text": "p" * 151},
        "options": [{"text": {"type": "plain_text", "text": "A"}, "value": "a"}],
    }
    nested = [{"type": "actions", "elements": [long_placeholder]}]
    [error] = message_block_errors(nested, strict=True)
    assert error.startswith("[ERROR] slack_sdk: placeholder attribute cannot exceed 150")
    empty_home = {"type": "home", "blocks": []}
    assert view_errors(empty_home, expected_type="home") == []
    assert view_errors(empty_home, expected_type="home", strict=True) == [
        "[ERROR] slack_sdk: views must contain between 1 and 100 blocks [json-pointer:/view]"
    ]


# where Slack refuses them ------------------------------------------------------------------


def test_chat_methods_answer_invalid_blocks(strict: SlackSandbox, strict_client: WebClient) -> None:
    alice = strict.add_user("alice")["id"]
    channel = strict.open_dm(alice)
    for call in (
        lambda: strict_client.chat_postMessage(channel=channel, text="Met?", blocks=twin_buttons()),
        lambda: strict_client.chat_postEphemeral(
            channel=channel, user=alice, text="Met?", blocks=twin_buttons()
        ),
    ):
        body = _error(call)
        assert body["error"] == "invalid_blocks"
        assert "duplicate action_id" in body["response_metadata"]["messages"][0]
    ts = strict_client.chat_postMessage(channel=channel, text="Met?")["ts"]
    body = _error(
        lambda: strict_client.chat_update(
            channel=channel, ts=ts, text="Met?", blocks=twin_buttons()
        )
    )
    assert body["error"] == "invalid_blocks"

    assert [r.where for r in strict.refusals] == [
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.update",
    ]
    assert {r.error for r in strict.refusals} == {"invalid_blocks"}
    assert strict.messages(channel)[0].get("blocks") is None  # nothing was shown


def test_the_lenient_sandbox_still_accepts_them(sandbox: SlackSandbox, client: WebClient) -> None:
    alice = sandbox.add_user("alice")["id"]
    assert client.chat_postMessage(channel=alice, text="Met?", blocks=twin_buttons())["ok"]


def test_views_methods_answer_invalid_arguments(
    strict: SlackSandbox, strict_client: WebClient
) -> None:
    alice = strict.add_user("alice")["id"]
    body = _error(
        lambda: strict_client.views_open(
            trigger_id=strict.issue_trigger_id(alice), view=modal(twin_buttons())
        )
    )
    assert body["error"] == "invalid_arguments"
    home = {"type": "home", "blocks": twin_buttons()}
    body = _error(lambda: strict_client.views_publish(user_id=alice, view=home))
    assert body["error"] == "invalid_arguments"
    opened = strict_client.views_open(
        trigger_id=strict.issue_trigger_id(alice), view=modal([section("hi")])
    )
    twice = modal([section("a", "same"), section("b", "same")])
    body = _error(lambda: strict_client.views_update(view_id=opened["view"]["id"], view=twice))
    assert body["error"] == "invalid_arguments"
    assert [(r.where, r.error) for r in strict.refusals] == [
        ("views.open", "invalid_arguments"),
        ("views.publish", "invalid_arguments"),
        ("views.update", "invalid_arguments"),
    ]


def test_a_slash_command_answer_with_twin_action_ids_shows_slacks_error(
    strict: SlackSandbox, strict_driver: SlackDriver, app: EchoApp
) -> None:
    alice = strict.add_user("alice")["id"]
    app.answer = json.dumps({"text": "Met?", "blocks": twin_buttons()}).encode()
    strict_driver.slash_command(alice, "/circle", "status")

    [seen] = strict.seen_by(alice)
    assert seen.text == '/circle failed with the error "invalid_command_response"'
    assert seen.blocks is None
    [refusal] = strict.refusals
    assert (refusal.where, refusal.error) == ("/circle ack", "invalid_command_response")


def test_a_lenient_sandbox_shows_such_an_answer_as_before(
    sandbox: SlackSandbox, driver: SlackDriver, app: EchoApp
) -> None:
    alice = sandbox.add_user("alice")["id"]
    app.answer = json.dumps({"text": "Met?", "blocks": twin_buttons()}).encode()
    driver.slash_command(alice, "/circle", "status")
    assert sandbox.seen_by(alice)[0].blocks == twin_buttons()  # lenient: no uniqueness rule


def test_a_response_url_post_with_twin_action_ids_is_400_invalid_blocks(
    strict: SlackSandbox,
) -> None:
    import urllib.error
    import urllib.request

    alice = strict.add_user("alice")["id"]
    url = strict.response_url(alice, strict.open_dm(alice))
    body = json.dumps({"text": "Met?", "blocks": twin_buttons()}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert (raised.value.code, raised.value.read().decode()) == (400, "invalid_blocks")
    assert strict.responses[0].outcome == "invalid_blocks"
    assert [(r.where, r.error) for r in strict.refusals] == [("response_url", "invalid_blocks")]
    assert strict.seen_by(alice) == []


def test_a_view_submission_answer_with_a_bad_view_is_refused(
    strict: SlackSandbox, strict_client: WebClient, strict_driver: SlackDriver, app: EchoApp
) -> None:
    alice = strict.add_user("alice")["id"]
    opened = strict_client.views_open(
        trigger_id=strict.issue_trigger_id(alice), view=modal([section("hi")])
    )
    view_id = opened["view"]["id"]
    app.answer = json.dumps({"response_action": "update", "view": modal(twin_buttons())}).encode()
    with pytest.raises(ApiError):
        strict_driver.submit_view(alice, view_id, {})
    [refusal] = strict.refusals
    assert (refusal.where, refusal.error) == ("view_submission ack", "invalid_arguments")
    assert strict.view(view_id)["blocks"][0]["text"]["text"] == "hi"
