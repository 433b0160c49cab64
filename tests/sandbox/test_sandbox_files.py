"""The two-step file upload, as slack_sdk's files_upload_v2 drives it."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox


def test_a_file_uploaded_to_a_dm_arrives_with_its_bytes(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    dm = client.conversations_open(users=alice)["channel"]["id"]
    client.files_upload_v2(
        channel=dm, content='{"me": 1}', filename="data.json", title="Your data",
        initial_comment="Here it is",
    )  # fmt: skip
    [shared] = sandbox.files_in(dm)
    assert (shared["name"], shared["title"], shared["content"]) == (
        "data.json",
        "Your data",
        b'{"me": 1}',
    )
    [message] = sandbox.messages(dm)
    assert message["text"] == "Here it is" and message["files"][0]["id"] == shared["id"]
    assert [s.text for s in sandbox.seen_by(alice) if s.kind == "message"] == ["Here it is"]


def test_completing_an_upload_that_never_arrived_fails(client: WebClient) -> None:
    ticket = client.files_getUploadURLExternal(filename="x.json", length=3)
    with pytest.raises(SlackApiError) as raised:
        client.files_completeUploadExternal(files=[{"id": ticket["file_id"], "title": "x"}])
    assert raised.value.response["error"] == "file_not_found"
