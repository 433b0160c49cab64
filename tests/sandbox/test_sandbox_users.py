"""auth.test, users.*, authentication and unknown methods against the sandbox."""

from __future__ import annotations

import json
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox


def test_auth_test_names_the_bot_and_team(client: WebClient, sandbox: SlackSandbox) -> None:
    answer = client.auth_test()
    assert answer["user_id"] == sandbox.bot_user_id
    assert answer["team_id"] == "T0CIRCLE"
    assert answer["bot_id"] == sandbox.bot_id
    assert answer["url"] == "https://product-circle.slack.com/"


def test_users_list_pages_with_limit_until_next_cursor_is_empty(
    client: WebClient, sandbox: SlackSandbox
) -> None:
    for name in ["alice", "bob", "carol", "dan"]:
        sandbox.add_user(name)  # six members with the bot and Slackbot

    pages, cursor = [], None
    while True:
        answer = client.users_list(limit=2, cursor=cursor)
        pages.append([m["name"] for m in answer["members"]])
        cursor = answer["response_metadata"]["next_cursor"]
        if not cursor:
            break

    assert pages == [["circlebot", "slackbot"], ["alice", "bob"], ["carol", "dan"]]
    assert [c.args.get("cursor") is None for c in sandbox.calls_to("users.list")] == [
        True,
        False,
        False,
    ]


def test_users_list_marks_the_bot_and_slackbot_like_slack(client: WebClient) -> None:
    members = {m["id"]: m for m in client.users_list(limit=10)["members"]}
    assert members["U0BOT"]["is_bot"] is True
    assert members["USLACKBOT"]["is_bot"] is False


def test_users_list_without_limit_returns_everyone_and_notes_it(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    answer = client.users_list()
    assert len(answer["members"]) == 3
    assert answer["response_metadata"]["next_cursor"] == ""
    assert "without limit" in sandbox.calls_to("users.list")[0].notes[0]


@pytest.mark.parametrize("limit", [0, 1001])
def test_users_list_rejects_limits_outside_1_to_1000(client: WebClient, limit: int) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.users_list(limit=limit)
    assert raised.value.response["error"] == "invalid_limit"


def test_users_list_rejects_a_made_up_cursor(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.users_list(limit=1, cursor="bm9wZTpub3Bl")
    assert raised.value.response["error"] == "invalid_cursor"


def test_users_info_has_slack_shape_with_timezone_offsets_for_the_clock(
    client: WebClient, alice: str, bob: str
) -> None:
    user = client.users_info(user=alice)["user"]
    assert user["profile"]["real_name"] == "Alice Adams"
    assert user["profile"]["title"] == "Group PM"
    assert (user["tz"], user["tz_offset"], user["tz_label"]) == (
        "America/New_York",
        -5 * 3600,
        "Eastern Standard Time",
    )
    assert client.users_info(user=bob)["user"]["tz_offset"] == 0


def test_users_info_unknown_user(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="UNOBODY")
    assert raised.value.response["error"] == "user_not_found"


def test_update_user_shows_in_the_api(client: WebClient, sandbox: SlackSandbox, alice: str) -> None:
    changed = sandbox.update_user(alice, deleted=True, tz="Asia/Tokyo")
    assert changed["deleted"] is True
    assert client.users_info(user=alice)["user"]["tz_offset"] == 9 * 3600


def test_wrong_token_is_invalid_auth_with_http_200(sandbox: SlackSandbox) -> None:
    client = WebClient(token="xoxb-wrong", base_url=sandbox.api_url)
    with pytest.raises(SlackApiError) as raised:
        client.auth_test()
    assert raised.value.response.status_code == 200
    assert raised.value.response["error"] == "invalid_auth"
    assert sandbox.calls[-1].token_ok is False


def test_missing_token_is_not_authed(sandbox: SlackSandbox) -> None:
    client = WebClient(base_url=sandbox.api_url)
    with pytest.raises(SlackApiError) as raised:
        client.users_list(limit=10)
    assert raised.value.response["error"] == "not_authed"


def test_unknown_method_is_404_unknown_method(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.api_call("reminders.add", params={"text": "x"})
    assert raised.value.response.status_code == 404
    assert raised.value.response["error"] == "unknown_method"


def test_get_with_query_arguments_works_too(sandbox: SlackSandbox, alice: str) -> None:
    url = f"{sandbox.api_url}users.info?user={alice}&token={sandbox.bot_token}"
    with urllib.request.urlopen(url) as response:
        answer = json.loads(response.read())
    assert answer["user"]["name"] == "alice"
    assert sandbox.calls[-1].args == {"user": alice}
