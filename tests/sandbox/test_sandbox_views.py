"""views.* against the sandbox: trigger ids, modal rules, stacks, hashes and Home tabs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox


def modal(title: str = "Join the circle", **extra) -> dict:
    return {
        "type": "modal",
        "callback_id": "join",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Join"},
        "blocks": [
            {
                "type": "input",
                "block_id": "topic",
                "label": {"type": "plain_text", "text": "Topic"},
                "element": {"type": "plain_text_input", "action_id": "value"},
            }
        ],
        **extra,
    }


def _refusal(call) -> dict:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value.response.data


def test_views_open_returns_a_stored_view_seen_by_the_trigger_owner(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    trigger = sandbox.issue_trigger_id(alice)
    view = client.views_open(trigger_id=trigger, view=modal(private_metadata="r7"))["view"]

    assert view["id"].startswith("V")
    assert view["state"] == {"values": {}}
    assert (view["team_id"], view["app_id"]) == (sandbox.team_id, sandbox.app_id)
    assert view["hash"] and view["private_metadata"] == "r7"
    assert sandbox.view(view["id"])["callback_id"] == "join"
    assert [v["id"] for v in sandbox.views(alice)] == [view["id"]]
    [seen] = sandbox.seen_by(alice)
    assert (seen.kind, seen.text, seen.view["id"]) == ("modal", "Join the circle", view["id"])


def test_trigger_ids_are_single_use_and_expire_after_3_seconds(
    client: WebClient, sandbox: SlackSandbox, clock: ManualClock, alice: str
) -> None:
    assert _refusal(lambda: client.views_open(trigger_id="123.456.abc", view=modal()))["error"] == (
        "invalid_trigger_id"
    )

    used = sandbox.issue_trigger_id(alice)
    client.views_open(trigger_id=used, view=modal())
    assert _refusal(lambda: client.views_open(trigger_id=used, view=modal()))["error"] == (
        "exchanged_trigger_id"
    )

    late = sandbox.issue_trigger_id(alice)
    clock.advance(timedelta(seconds=3))
    fresh_enough = sandbox.issue_trigger_id(alice)
    clock.advance(timedelta(seconds=0.5))
    assert _refusal(lambda: client.views_open(trigger_id=late, view=modal()))["error"] == (
        "expired_trigger_id"
    )
    assert client.views_open(trigger_id=fresh_enough, view=modal())["ok"] is True


@pytest.mark.parametrize(
    ("view", "message"),
    [
        (
            modal(title="A title that is far too long"),
            "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
        ),
        (
            {**modal(), "submit": None},
            "[ERROR] submit is required when an input block is present [json-pointer:/view/submit]",
        ),
        (
            modal(private_metadata="m" * 3001),
            "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]",
        ),
        (
            modal(callback_id="c" * 256),
            "[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]",
        ),
        (
            {
                **modal(),
                "blocks": [{"type": "divider", "block_id": f"d{i}"} for i in range(101)],
            },
            "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]",
        ),
    ],
)
def test_views_open_rejects_views_slack_would_reject(
    client: WebClient, sandbox: SlackSandbox, alice: str, view: dict, message: str
) -> None:
    body = _refusal(
        lambda: client.views_open(trigger_id=sandbox.issue_trigger_id(alice), view=view)
    )
    assert body["error"] == "invalid_arguments"
    assert body["response_metadata"]["messages"] == [message]
    assert sandbox.views(alice) == []


def test_views_update_by_id_or_external_id_and_hash_conflicts(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    opened = client.views_open(
        trigger_id=sandbox.issue_trigger_id(alice), view=modal(external_id="join-alice")
    )["view"]

    updated = client.views_update(
        view_id=opened["id"], hash=opened["hash"], view=modal(title="Thanks")
    )["view"]
    assert updated["id"] == opened["id"] and updated["hash"] != opened["hash"]
    assert sandbox.view(opened["id"])["title"]["text"] == "Thanks"

    stale = _refusal(
        lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal())
    )
    assert stale["error"] == "hash_conflict"
    by_external = client.views_update(external_id="join-alice", view=modal(title="Again"))
    assert by_external["view"]["id"] == opened["id"]
    assert _refusal(lambda: client.views_update(view_id="V404", view=modal()))["error"] == (
        "not_found"
    )
    assert [s.text for s in sandbox.seen_by(alice)] == ["Join the circle", "Thanks", "Again"]


def test_at_most_three_views_stack_up(client: WebClient, sandbox: SlackSandbox, alice: str) -> None:
    root = client.views_open(trigger_id=sandbox.issue_trigger_id(alice), view=modal())["view"]
    second = client.views_push(trigger_id=sandbox.issue_trigger_id(alice), view=modal("2"))
    client.views_push(trigger_id=sandbox.issue_trigger_id(alice), view=modal("3"))

    assert second["view"]["root_view_id"] == root["id"]
    assert second["view"]["previous_view_id"] == root["id"]
    body = _refusal(
        lambda: client.views_push(trigger_id=sandbox.issue_trigger_id(alice), view=modal("4"))
    )
    assert body["error"] == "push_limit_reached"
    assert [v["title"]["text"] for v in sandbox.open_modals(alice)] == ["Join the circle", "2", "3"]


def test_views_publish_sets_the_home_tab(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    home = {
        "type": "home",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hi"}}],
    }
    first = client.views_publish(user_id=alice, view=home)["view"]
    second = client.views_publish(user_id=alice, view=home, hash=first["hash"])["view"]

    assert second["id"] == first["id"]
    assert sandbox.home(alice)["hash"] == second["hash"]
    assert [s.kind for s in sandbox.seen_by(alice)] == ["home", "home"]
    assert _refusal(lambda: client.views_publish(user_id="UNOBODY", view=home))["error"] == (
        "user_not_found"
    )
    assert _refusal(lambda: client.views_publish(user_id=alice, view=modal()))["error"] == (
        "invalid_arguments"
    )


def test_a_closed_modal_cannot_be_updated(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    opened = client.views_open(trigger_id=sandbox.issue_trigger_id(alice), view=modal())["view"]
    sandbox.close_modal(opened["id"])
    body = _refusal(lambda: client.views_update(view_id=opened["id"], view=modal()))
    assert body["error"] == "not_found"
