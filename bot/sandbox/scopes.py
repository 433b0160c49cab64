"""Which bot scope each Web API method needs (the "Scopes" of each method's page under
https://docs.slack.dev/reference/methods).

Some methods need a different scope per conversation type (``conversations.history`` on a DM
needs ``im:history``), so the answer depends on the arguments and the workspace.
"""

from __future__ import annotations

from typing import Any

from bot.sandbox.args import truthy
from bot.sandbox.workspace import Workspace

_FIXED: dict[str, tuple[str, ...]] = {
    "chat.postMessage": ("chat:write",),
    "chat.postEphemeral": ("chat:write",),
    "chat.update": ("chat:write",),
    "users.list": ("users:read",),
    "users.info": ("users:read",),
    "files.getUploadURLExternal": ("files:write",),
    "files.completeUploadExternal": ("files:write",),
}

_HISTORY: dict[str, tuple[str, ...]] = {
    "public": ("channels:history",),
    "private": ("groups:history",),
    "im": ("im:history",),
    "mpim": ("mpim:history",),
}

_BY_KIND: dict[str, dict[str, tuple[str, ...]]] = {
    "conversations.history": _HISTORY,
    "conversations.replies": _HISTORY,
    "conversations.members": {
        "public": ("channels:read",),
        "private": ("groups:read",),
        "im": ("im:read",),
        "mpim": ("mpim:read",),
    },
    "conversations.invite": {
        "public": ("channels:manage", "channels:write.invites"),
        "private": ("groups:write", "groups:write.invites"),
    },
    "conversations.kick": {
        "public": ("channels:manage",),
        "private": ("groups:write",),
    },
    "conversations.archive": {
        "public": ("channels:manage",),
        "private": ("groups:write",),
        "mpim": ("mpim:write",),
    },
}


def acceptable_scopes(method: str, args: dict[str, Any], ws: Workspace) -> tuple[str, ...]:
    """Scopes any one of which allows this call; empty when none is needed or knowable.

    When the channel is unknown the scope cannot be decided, so the argument check answers
    (``channel_not_found``) instead, as Slack does.
    """
    if method in _FIXED:
        return _FIXED[method]
    if method == "conversations.open":
        users = [u for u in str(args.get("users") or "").split(",") if u.strip()]
        return ("mpim:write",) if len(users) > 1 else ("im:write",)
    if method == "conversations.create":
        return ("groups:write",) if truthy(args.get("is_private")) else ("channels:manage",)
    table = _BY_KIND.get(method)
    if table is None:
        return ()
    channel: Any = args.get("channel")  # any JSON value, or None: unknown ids are a miss
    conv = ws.conversations.get(channel)
    if conv is None:
        return ()
    return table.get(conv.kind, ())
