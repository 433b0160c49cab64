"""The Slack Web API calls the outbox makes, and how their failures are sorted.

This is the only outbox module that knows slack_sdk: it speaks in channels, texts and
timestamps, and turns every Slack or network failure into one of bot/outbox/errors.py,
so the dispatcher decides what happens to a row without knowing Slack's error codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeAlias
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox.errors import InstallationError, PermanentError, TransientError
from bot.slack.client import retry_after_seconds
from bot.slack.errors import INSTALLATION_ERRORS, PERMANENT_ERRORS

# Every message carries its outbox key in Slack message metadata under this event type,
# which is how a retry finds out that an earlier attempt was posted after all.
METADATA_EVENT = "circlebot_outbox"

# The client the transport drives (bot/slack/client.py builds it), named here so that
# callers of the dispatcher need not import slack_sdk themselves.
SlackClient: TypeAlias = WebClient


@dataclass
class SlackTransport:
    client: SlackClient

    def open_conversation(self, users: list[str]) -> str:
        """The id of the DM or group DM with these users (Slack opens it or finds it)."""
        response = self._call("conversations_open", users=",".join(users))
        return response["channel"]["id"]

    def find_posted(
        self, channel: str, key: str, *, since: datetime, filename: str | None = None
    ) -> str | None:
        """The ts of our message with this outbox key, if an earlier attempt posted it.
        Files carry no metadata, so an earlier upload is recognised by its file name."""
        oldest = (since - timedelta(minutes=1)).timestamp()
        cursor = None
        for _ in range(10):
            response = self._call(
                "conversations_history",
                channel=channel,
                oldest=f"{oldest:.6f}",
                limit=200,
                include_all_metadata=True,
                cursor=cursor,
            )
            for message in response.get("messages", []):
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if (
                    metadata.get("event_type") == METADATA_EVENT
                    and payload.get("outbox_key") == key
                ):
                    return message["ts"]
                if filename and any(f.get("name") == filename for f in message.get("files") or []):
                    return message["ts"]
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    def post(
        self,
        channel: str,
        text: str,
        *,
        key: str,
        blocks: list[dict[str, Any]] | None = None,
        thread_ts: str | None = None,
    ) -> str:
        """chat.postMessage, tagged with the outbox key so a retry can find it."""
        kwargs: dict[str, Any] = {
            "channel": channel,
            "text": text,
            "metadata": {"event_type": METADATA_EVENT, "event_payload": {"outbox_key": key}},
        }
        if blocks:
            kwargs["blocks"] = blocks
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        response = self._call("chat_postMessage", **kwargs)
        return response["ts"]

    def update(
        self, channel: str, ts: str, text: str, blocks: list[dict[str, Any]] | None = None
    ) -> None:
        """chat.update: idempotent, so a retry after a crash simply edits again."""
        kwargs: dict[str, Any] = {"channel": channel, "ts": ts, "text": text}
        if blocks:
            kwargs["blocks"] = blocks
        self._call("chat_update", **kwargs)

    def upload(self, channel: str, file: dict[str, str], comment: str) -> str:
        """Slack's two-step upload, then the file is shared with ``comment``. Slack gives
        no message ts for it, so the empty string is returned."""
        data = file["content"].encode()
        ticket = self._call(
            "files_getUploadURLExternal", filename=file["filename"], length=len(data)
        )
        try:
            with urlopen(
                Request(ticket["upload_url"], data=data, method="POST"), timeout=30
            ) as answer:
                if answer.status != 200:
                    raise TransientError(f"file upload answered {answer.status}")
        except HTTPError as exc:
            raise TransientError(f"file upload answered {exc.code}") from exc
        except (URLError, OSError, TimeoutError) as exc:
            raise TransientError(f"connection error: {exc}") from exc
        self._call(
            "files_completeUploadExternal",
            files=[{"id": ticket["file_id"], "title": file.get("title") or file["filename"]}],
            channel_id=channel,
            initial_comment=comment,
        )
        return ""

    def _call(self, method: str, **kwargs: Any) -> Any:
        """One Web API call, with its failure sorted into permanent, transient or fatal."""
        try:
            return getattr(self.client, method)(**kwargs)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            if exc.response.status_code == 429 or error == "ratelimited":
                raise TransientError(
                    "ratelimited", retry_after_seconds(exc.response.headers)
                ) from exc
            if error in INSTALLATION_ERRORS:
                raise InstallationError(error) from exc
            if error in PERMANENT_ERRORS:
                raise PermanentError(error) from exc
            raise TransientError(error) from exc
        except (URLError, OSError, TimeoutError) as exc:
            raise TransientError(f"connection error: {exc}") from exc
