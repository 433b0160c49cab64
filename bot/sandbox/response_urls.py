"""``response_url`` endpoints: how an app answers a slash command or a click later on.

Slack allows 5 posts within 30 minutes per URL
(https://docs.slack.dev/interactivity/handling-user-interaction). Past that the sandbox
answers HTTP 404 with the plain-text body ``used_url`` (too many posts) or ``expired_url``
(too late), like Slack's webhook endpoints answer errors in plain text; success is ``ok``.
Blocks Slack would not show are answered 400 ``invalid_blocks`` and recorded as refusals; a
slash command's HTTP answer with such blocks is refused too, and in strict mode the person sees
Slack's ``/command failed with the error "invalid_command_response"`` instead.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.sandbox.args import truthy
from bot.sandbox.blockkit import message_block_errors
from bot.sandbox.records import ApiError, ResponsePost
from bot.sandbox.workspace import Workspace

MAX_USES = 5
COMMAND_REFUSAL = "invalid_command_response"
LIFETIME = timedelta(minutes=30)


@dataclass
class _Url:
    user_id: str
    channel_id: str
    message_ts: str | None
    issued: datetime
    uses: int = 0


class ResponseUrls:
    """Issued response URLs and what was posted to them."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self._urls: dict[str, _Url] = {}
        self.posts: list[ResponsePost] = []

    def issue(self, user_id: str, channel_id: str, message_ts: str | None = None) -> str:
        token = secrets.token_urlsafe(12)
        self._urls[token] = _Url(user_id, channel_id, message_ts, self._ws.now())
        return token

    def post(self, token: str, payload: Any) -> tuple[int, str]:
        """Apply one POST; returns the HTTP status and plain-text body to answer with."""
        url = self._urls.get(token)
        if url is None:
            return 404, "invalid_token"
        if self._ws.now() - url.issued > LIFETIME:
            status, outcome = 404, "expired_url"
        elif url.uses >= MAX_USES:
            status, outcome = 404, "used_url"
        else:
            url.uses += 1
            status, outcome = self.deliver(url.user_id, url.channel_id, payload, url.message_ts)
        self.posts.append(
            ResponsePost(url.user_id, url.channel_id, payload, self._ws.now(), status, outcome)
        )
        return status, "ok" if status == 200 else outcome

    def ack(self, user_id: str, channel_id: str, payload: Any, command: str) -> str:
        """Show a slash command's immediate answer (the app's HTTP body); returns the outcome."""
        _, outcome = self.deliver(
            user_id, channel_id, payload, where=f"{command} ack", refused_as=COMMAND_REFUSAL
        )
        if outcome == COMMAND_REFUSAL and self._ws.rules.strict:
            # Slack refuses the whole answer and tells the person
            # (https://docs.slack.dev/interactivity/implementing-slash-commands; public
            # reports: haruotsu/slack-review-notify#99, knacklabs/gantry#458)
            text = f'{command} failed with the error "{COMMAND_REFUSAL}"'
            self._ws.record_seen(user_id, "ephemeral", channel=channel_id, text=text)
        return outcome

    def deliver(
        self,
        user_id: str,
        channel_id: str,
        payload: Any,
        message_ts: str | None = None,
        *,
        where: str = "response_url",
        refused_as: str = "invalid_blocks",
    ) -> tuple[int, str]:
        """Show a response payload: ephemeral by default, or in_channel, replace, delete."""
        ws = self._ws
        if not isinstance(payload, dict):
            return 400, "invalid_payload"
        try:
            conv = ws.conversation(channel_id)
        except ApiError:
            return 404, "channel_not_found"
        original = ws.find_message(conv, message_ts) if message_ts else None
        ephemeral = ws.ephemerals.get((channel_id, message_ts or ""))
        if truthy(payload.get("delete_original")):
            if original is not None:
                conv.messages.remove(original)
            ws.ephemerals.pop((channel_id, message_ts or ""), None)
            return 200, "deleted"
        text = str(payload.get("text") or "")
        blocks = payload.get("blocks")
        if not text and not blocks:
            return 400, "no_text"
        if blocks:
            errors = (
                message_block_errors(blocks, strict=ws.rules.strict)
                if isinstance(blocks, list)
                else ["[ERROR] must be an array of blocks [json-pointer:/blocks]"]
            )
            if errors:
                # https://docs.slack.dev/interactivity/handling-user-interaction (same Block
                # Kit rules as chat.postMessage for response_url bodies)
                ws.rules.refuse(where, refused_as, errors, ws.now())
                return 400, refused_as
        if truthy(payload.get("replace_original")) and original is not None:
            original.update({"text": text, "blocks": blocks} if blocks else {"text": text})
            ws.show_members(conv, "response", original)
            return 200, "replaced"
        if truthy(payload.get("replace_original")) and ephemeral is not None:
            ephemeral.update({"text": text, "blocks": blocks})
            ws.record_seen(
                user_id, "ephemeral", channel=channel_id, text=text, blocks=blocks, ts=message_ts
            )
            return 200, "replaced"
        if payload.get("response_type") == "in_channel":
            ws.post_message(
                conv,
                text=text,
                blocks=blocks,
                thread_ts=payload.get("thread_ts"),
                seen_kind="response",
            )
            return 200, "in_channel"
        ws.post_ephemeral(conv, user_id, text, blocks)
        return 200, "ephemeral"
