"""Web API methods about conversations: open, create, invite, kick, members, archive.

Reading messages back (history, replies) is in ``bot.sandbox.api.history``.
"""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.args import id_list, int_arg, paginate, truthy
from bot.sandbox.records import ApiCall, ApiError
from bot.sandbox.workspace import Conversation, Workspace

MAX_GROUP_DM_PEOPLE = 8  # "Needs at most 8 users to open" (the bot makes nine)
MAX_INVITES = 100
MAX_NAME = 80
CHANNEL_NAME = re.compile(r"^[a-z0-9_-]+$")


def visible(ws: Workspace, args: dict[str, Any]) -> Conversation:
    """The channel if the bot may know it exists: private channels hide from non-members."""
    conv = ws.conversation(args.get("channel"))
    if conv.kind != "public" and ws.bot_user_id not in conv.members:
        raise ApiError("channel_not_found")
    return conv


def conversations_open(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    users = [u for u in id_list(args.get("users")) if u != ws.bot_user_id]
    if not users and args.get("channel"):
        conv = ws.conversation(args["channel"])
        if not conv.is_dm:
            raise ApiError("method_not_supported_for_channel_type")
        existed = True
    else:
        if not users:
            raise ApiError("not_enough_users")
        if len(users) > MAX_GROUP_DM_PEOPLE:
            raise ApiError("too_many_users")
        for user_id in users:
            if not ws.has_user(user_id):
                raise ApiError("user_not_found")
        if any(ws.is_deleted(u) for u in users):
            raise ApiError("user_disabled")
        if truthy(args.get("prevent_creation")) and ws.dm_channel(tuple(users)) is None:
            return {"ok": True, "channel": {}, "no_op": True}
        conv, existed = ws.open_dm(users)
    full = truthy(args.get("return_im")) or conv.kind == "mpim"
    answer: dict[str, Any] = {
        "ok": True,
        "channel": ws.conversation_object(conv) if full else {"id": conv.id},
    }
    if existed:
        answer.update({"no_op": True, "already_open": True})
    return answer


def conversations_create(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    name = args.get("name")
    if not isinstance(name, str) or not name:
        raise ApiError("invalid_name_required")
    if len(name) > MAX_NAME:
        raise ApiError("invalid_name_maxlength")
    if not CHANNEL_NAME.match(name):
        raise ApiError("invalid_name_specials")
    if ws.channel_named(name) is not None:
        raise ApiError("name_taken")
    kind = "private" if truthy(args.get("is_private")) else "public"
    conv = ws.add_conversation(kind, name, [ws.bot_user_id])
    return {"ok": True, "channel": ws.conversation_object(conv)}


def conversations_invite(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    conv = visible(ws, args)
    if conv.is_dm:
        raise ApiError("method_not_supported_for_channel_type")
    if conv.is_archived:
        raise ApiError("is_archived")
    if ws.bot_user_id not in conv.members:
        raise ApiError("not_in_channel")
    users = id_list(args.get("users"))
    if not users:
        raise ApiError("no_user")
    if len(users) > MAX_INVITES:
        raise ApiError("too_many_users")
    if ws.bot_user_id in users:
        raise ApiError("cant_invite_self")
    failures: list[dict[str, Any]] = []
    for user_id in users:
        if not ws.has_user(user_id):
            failures.append({"user": user_id, "ok": False, "error": "user_not_found"})
        elif ws.is_deleted(user_id):
            failures.append({"user": user_id, "ok": False, "error": "cant_invite"})
    if failures and not truthy(args.get("force")):
        raise ApiError(failures[0]["error"], errors=failures)
    failed = {f["user"] for f in failures}
    new = [u for u in users if u not in failed and u not in conv.members]
    if not new:
        raise ApiError("already_in_channel")
    conv.members.extend(new)
    return {"ok": True, "channel": ws.conversation_object(conv)}


def conversations_members(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    conv = visible(ws, args)
    limit = int_arg(args, "limit", 100)
    if limit is None or not 1 <= limit <= 1000:
        raise ApiError("invalid_limit")
    page, next_cursor = paginate(conv.members, "member", conv.members, args.get("cursor"), limit)
    return {"ok": True, "members": page, "response_metadata": {"next_cursor": next_cursor}}


def conversations_archive(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    conv = visible(ws, args)
    if conv.kind == "im":
        raise ApiError("method_not_supported_for_channel_type")
    if conv.is_archived:
        raise ApiError("already_archived")
    if ws.bot_user_id not in conv.members:
        raise ApiError("not_in_channel")
    conv.is_archived = True
    return {"ok": True}


def conversations_kick(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    """Remove one person from a channel, with Slack's refusals."""
    conv = visible(ws, args)
    if conv.is_dm:
        raise ApiError("method_not_supported_for_channel_type")
    if ws.bot_user_id not in conv.members:
        raise ApiError("not_in_channel")
    user = args.get("user")
    if not isinstance(user, str) or not user:
        raise ApiError("user_not_found")
    if user == ws.bot_user_id:
        raise ApiError("cant_kick_self")
    if not ws.has_user(user):
        raise ApiError("user_not_found")
    if user not in conv.members:
        raise ApiError("not_in_channel")
    conv.members.remove(user)
    return {"ok": True}


METHODS = {
    "conversations.open": conversations_open,
    "conversations.create": conversations_create,
    "conversations.invite": conversations_invite,
    "conversations.kick": conversations_kick,
    "conversations.members": conversations_members,
    "conversations.archive": conversations_archive,
}
