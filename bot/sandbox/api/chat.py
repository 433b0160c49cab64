"""Web API methods that put words on screens: chat.postMessage, postEphemeral, update."""

from __future__ import annotations

from typing import Any

from bot.sandbox.blockkit import message_block_errors
from bot.sandbox.records import ApiCall, ApiError
from bot.sandbox.workspace import Conversation, Workspace

MAX_TEXT = 40_000


def _content(
    ws: Workspace, args: dict[str, Any], call: ApiCall, *, required: bool = True
) -> tuple[str, Any]:
    """The message text and blocks, checked against Slack's limits (and strict rules)."""
    text = args.get("text")
    text = "" if text is None else str(text)
    blocks = args.get("blocks")
    if blocks is not None and not isinstance(blocks, list):
        raise ApiError("invalid_blocks_format")
    if required and not text and not blocks and not args.get("attachments"):
        raise ApiError("no_text")
    if len(text) > MAX_TEXT:
        raise ApiError("msg_too_long")
    if blocks:
        errors = message_block_errors(blocks, strict=ws.rules.strict)
        if errors:
            # https://docs.slack.dev/reference/methods/chat.postMessage (error invalid_blocks)
            ws.rules.refuse(call.method, "invalid_blocks", errors, ws.now())
            raise ApiError("invalid_blocks", response_metadata={"messages": errors})
    return text, blocks


def _metadata(args: dict[str, Any]) -> dict[str, Any] | None:
    metadata = args.get("metadata")
    if metadata is None or metadata == "":
        return None
    if (
        not isinstance(metadata, dict)
        or not isinstance(metadata.get("event_type"), str)
        or not isinstance(metadata.get("event_payload"), dict)
    ):
        raise ApiError("invalid_metadata_format")
    return {"event_type": metadata["event_type"], "event_payload": metadata["event_payload"]}


def postable(ws: Workspace, channel: Any) -> Conversation:
    """Where the bot may post: a user id means its DM with that person."""
    if channel is None or channel == "":
        raise ApiError("channel_not_found")
    conv = ws.resolve_channel(channel)
    if conv.is_dm:
        others = [m for m in conv.members if m != ws.bot_user_id]
        if conv.kind == "im" and ws.is_deleted(others[0]):
            raise ApiError("user_disabled")
        return conv
    if ws.bot_user_id not in conv.members:
        raise ApiError("not_in_channel" if conv.kind == "public" else "channel_not_found")
    if conv.is_archived:
        raise ApiError("is_archived")
    return conv


def _public(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if k != "channel"}


def chat_post_message(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    text, blocks = _content(ws, args, call)
    metadata = _metadata(args)
    conv = postable(ws, args.get("channel"))
    thread_ts = args.get("thread_ts") or None
    message = ws.post_message(
        conv, text=text, blocks=blocks, thread_ts=thread_ts, metadata=metadata
    )
    return {"ok": True, "channel": conv.id, "ts": message["ts"], "message": _public(message)}


def chat_post_ephemeral(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    text, blocks = _content(ws, args, call)
    conv = postable(ws, args.get("channel"))
    user_id = args.get("user")
    if not isinstance(user_id, str) or not ws.has_user(user_id):
        raise ApiError("user_not_found")
    if user_id not in conv.members or ws.is_deleted(user_id):
        raise ApiError("user_not_in_channel")
    message = ws.post_ephemeral(conv, user_id, text, blocks)
    return {"ok": True, "message_ts": message["ts"]}


def chat_update(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    """Edit in place. Like Slack, fields left out keep their old values; ``blocks=[]`` clears."""
    conv = ws.conversation(args.get("channel"))
    message = ws.find_message(conv, args.get("ts"))
    if message is None:
        raise ApiError("message_not_found")
    if message.get("user") != ws.bot_user_id:
        raise ApiError("cant_update_message")
    if conv.is_archived:
        raise ApiError("is_archived")
    text, blocks = _content(ws, args, call, required="text" not in args and "blocks" not in args)
    metadata = _metadata(args)
    if "text" in args:
        message["text"] = text
    if blocks is not None:
        message["blocks"] = blocks
    if metadata is not None:
        message["metadata"] = metadata
    message["edited"] = {"user": ws.bot_user_id, "ts": ws.next_ts()}
    ws.show_members(conv, "message", message)
    return {
        "ok": True,
        "channel": conv.id,
        "ts": message["ts"],
        "text": message["text"],
        "message": _public(message),
    }


METHODS = {
    "chat.postMessage": chat_post_message,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.update": chat_update,
}
