"""The Slack Web API calls the outbox makes, and how their failures are sorted.

This is the only outbox module that knows slack_sdk: it speaks in channels, texts and
timestamps, and turns every Slack or network failure into one of bot/outbox/errors.py,
so the dispatcher decides what happens to a row without knowing Slack's error codes.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeAlias
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen
from weakref import WeakKeyDictionary

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

from bot.outbox.errors import (
    InstallationError,
    LookupPostponed,
    MaybeSent,
    PermanentError,
    TransientError,
)
from bot.outbox.reconcile import (
    CANNOT_TELL,
    LOOKUP_LIMIT,
    NOT_THERE,
    Grant,
    Lookup,
    scopes_from_headers,
)
from bot.slack.client import retry_after_seconds
from bot.slack.errors import INSTALLATION_ERRORS, PERMANENT_ERRORS

# Every message carries its outbox key in Slack message metadata under this event type,
# which is how a retry finds out that an earlier attempt was posted after all.
METADATA_EVENT = "circlebot_outbox"

# The client the transport drives (bot/slack/client.py builds it), named here so that
# callers of the dispatcher need not import slack_sdk themselves.
SlackClient: TypeAlias = WebClient

# Slack errors after which a history look-up is worth trying again later; any other refusal
# (missing_scope, not_in_channel, an unknown method…) means the bot cannot check.
LOOKUP_RETRY = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable"})

# What each client's installation was granted, as Slack said at start (runtime.check_slack)
# or when the outbox first needed to know. Keyed by the client: the token decides the grant.
_GRANTS: WeakKeyDictionary[WebClient, Grant] = WeakKeyDictionary()


def remember_grant(client: SlackClient, headers: Mapping[str, Any]) -> Grant:
    """Record the scopes in a Web API response's ``X-OAuth-Scopes`` header for this client."""
    grant = Grant(scopes_from_headers(headers))
    _GRANTS[client] = grant
    return grant


@dataclass
class SlackTransport:
    client: SlackClient
    # Posts go through a copy of the client that does not retry a dropped connection by
    # itself: once the request went out Slack may have the message, and only the dispatcher
    # knows whether it may look before sending again.
    poster: SlackClient = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.poster = copy.copy(self.client)
        self.poster.retry_handlers = [
            h for h in self.client.retry_handlers if not isinstance(h, ConnectionErrorRetryHandler)
        ]

    def grant(self) -> Grant:
        """What Slack granted: known since start, else asked once (``auth.test``)."""
        known = _GRANTS.get(self.client)
        if known is not None:
            return known
        try:
            response = self.client.auth_test()
        except (SlackApiError, OSError):
            return Grant(None)  # not known now; the look-up itself will find out
        return remember_grant(self.client, response.headers)

    def open_conversation(self, users: list[str]) -> str:
        """The id of the DM or group DM with these users (Slack opens it or finds it)."""
        response = self._call("conversations_open", users=",".join(users))
        return response["channel"]["id"]

    def find_posted(
        self,
        channel: str,
        key: str,
        *,
        oldest: datetime,
        latest: datetime,
        thread_ts: str | None = None,
        filename: str | None = None,
    ) -> Lookup:
        """Whether our message with this outbox key is in ``channel`` between ``oldest`` and
        ``latest``: one request, at most ``LOOKUP_LIMIT`` messages, never a second page.
        Thread replies are not in a conversation's history, so a reply is looked for among
        its thread's replies. Files carry no metadata: an upload is recognised by its file
        name. Nothing is kept but the ts of ours."""
        kwargs: dict[str, Any] = {
            "channel": channel,
            "oldest": f"{oldest.timestamp():.6f}",
            "latest": f"{latest.timestamp():.6f}",
            "inclusive": True,
            "limit": LOOKUP_LIMIT,
            "include_all_metadata": True,
        }
        if thread_ts:
            kwargs["ts"] = thread_ts
        try:
            response = self._call(
                "conversations_replies" if thread_ts else "conversations_history", **kwargs
            )
        except TransientError as exc:
            if str(exc) == "ratelimited":
                raise LookupPostponed("history look-up ratelimited", exc.retry_after) from exc
            if str(exc) in LOOKUP_RETRY or str(exc).startswith("connection error"):
                raise TransientError(f"history look-up: {exc}") from exc
            return CANNOT_TELL
        except PermanentError:
            return CANNOT_TELL
        except InstallationError as exc:
            if str(exc) == "missing_scope":
                return CANNOT_TELL  # this conversation's history scope was not granted
            raise
        for message in response.get("messages") or []:
            if _is_ours(message, key, filename):
                return Lookup(ts=str(message["ts"]))
        return CANNOT_TELL if response.get("has_more") else NOT_THERE

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
        response = self._call("chat_postMessage", posting=True, **kwargs)
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
        data = file_bytes(file)
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
            posting=True,
            files=[{"id": ticket["file_id"], "title": file.get("title") or file["filename"]}],
            channel_id=channel,
            initial_comment=comment,
        )
        return ""

    def _call(self, method: str, *, posting: bool = False, **kwargs: Any) -> Any:
        """One Web API call, with its failure sorted into permanent, transient or fatal.
        A posting call that got no answer after its request went out may have been posted:
        that is ``MaybeSent``, never a plain retry."""
        client = self.poster if posting else self.client
        try:
            return getattr(client, method)(**kwargs)
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
        except URLError as exc:
            # urllib raises URLError while connecting and sending: Slack never had it whole.
            raise TransientError(f"connection error: {exc}") from exc
        except (OSError, TimeoutError) as exc:
            # Raised while waiting for the answer: the request went out.
            if posting:
                raise MaybeSent(f"no answer after sending: {exc!r}") from exc
            raise TransientError(f"connection error: {exc!r}") from exc


def file_bytes(file: Mapping[str, str]) -> bytes:
    """An outbox file's bytes: text as UTF-8, or binary (a PNG) stored as base64 in the
    JSON payload with ``"encoding": "base64"``."""
    if file.get("encoding") == "base64":
        return base64.b64decode(file["content"], validate=True)
    return file["content"].encode()


def _is_ours(message: Mapping[str, Any], key: str, filename: str | None) -> bool:
    """Only the outbox key in our metadata (or our file's name) is compared; nothing of
    anyone else's message is read further, kept or logged."""
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    if metadata.get("event_type") == METADATA_EVENT and payload.get("outbox_key") == key:
        return True
    return bool(filename) and any(f.get("name") == filename for f in message.get("files") or [])
