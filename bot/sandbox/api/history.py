"""Web API methods that read messages back: conversations.history and conversations.replies.

Slack keeps a thread's replies out of a conversation's history: history lists the top-level
messages (a parent carries its thread's summary), and conversations.replies lists one thread,
parent first. Both take the same time window and, with ``history_limits``, the same caps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.sandbox.api.conversations import visible
from bot.sandbox.args import int_arg, paginate, truthy
from bot.sandbox.records import ApiCall, ApiError
from bot.sandbox.rules import HISTORY_MAX_LIMIT
from bot.sandbox.workspace import Conversation, Workspace


def _ts_arg(args: dict[str, Any], name: str) -> Decimal | None:
    value = args.get(name)
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ApiError("invalid_ts_" + name) from None


@dataclass(frozen=True)
class _Window:
    """``oldest``, ``latest``, ``inclusive`` and the page size of one read."""

    oldest: Decimal | None
    latest: Decimal | None
    inclusive: bool
    limit: int

    @classmethod
    def read(cls, ws: Workspace, args: dict[str, Any], *, default: int, most: int) -> _Window:
        capped = ws.rules.history_limits
        limit = int_arg(args, "limit", HISTORY_MAX_LIMIT if capped else default)
        if limit is None or not 1 <= limit <= most:
            raise ApiError("invalid_limit")
        if capped:
            # https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps/
            limit = min(limit, HISTORY_MAX_LIMIT)  # "maximum and default ... reduced to 15"
        oldest, latest = _ts_arg(args, "oldest"), _ts_arg(args, "latest")
        return cls(oldest, latest, truthy(args.get("inclusive")), limit)

    def holds(self, ts: str) -> bool:
        at = Decimal(ts)
        above = self.oldest is None or at > self.oldest or (self.inclusive and at == self.oldest)
        below = self.latest is None or at < self.latest or (self.inclusive and at == self.latest)
        return above and below


def _readable(ws: Workspace, args: dict[str, Any]) -> Conversation:
    conv = visible(ws, args)
    if ws.bot_user_id not in conv.members:
        raise ApiError("not_in_channel")
    return conv


def _is_reply(message: dict[str, Any]) -> bool:
    return message.get("thread_ts") not in (None, message["ts"])


def _replies(conv: Conversation, thread_ts: str) -> list[dict[str, Any]]:
    return [m for m in conv.messages if _is_reply(m) and m["thread_ts"] == thread_ts]


def _shown(
    ws: Workspace, conv: Conversation, message: dict[str, Any], metadata: bool
) -> dict[str, Any]:
    """A message as Slack returns it: metadata only when asked for (the bot subscribes to no
    metadata events, so that is the only way it gets it back), and the thread fields."""
    shown = {k: v for k, v in message.items() if k != "channel"}
    if not metadata:
        shown.pop("metadata", None)
    if _is_reply(message):
        parent = ws.find_message(conv, message["thread_ts"])
        if parent is not None:
            shown["parent_user_id"] = parent["user"]
        return shown
    replies = _replies(conv, message["ts"])
    if replies:
        # https://docs.slack.dev/messaging/retrieving-messages (threads: reply_count, ...)
        users = list(dict.fromkeys(r["user"] for r in replies))
        shown.update(
            {
                "thread_ts": message["ts"],
                "reply_count": len(replies),
                "reply_users_count": len(users),
                "latest_reply": replies[-1]["ts"],
                "reply_users": users,
                "is_locked": False,
                "subscribed": False,
            }
        )
    return shown


def _page(
    ws: Workspace,
    conv: Conversation,
    chosen: list[dict[str, Any]],
    args: dict[str, Any],
    limit: int,
) -> tuple[list[dict[str, Any]], str]:
    metadata = truthy(args.get("include_all_metadata"))
    shaped = [_shown(ws, conv, m, metadata) for m in chosen]
    return paginate(shaped, "ts", [m["ts"] for m in shaped], args.get("cursor"), limit)


def conversations_history(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    """Top-level messages, newest first; thread replies are only in conversations.replies."""
    conv = _readable(ws, args)
    window = _Window.read(ws, args, default=100, most=999)
    # https://docs.slack.dev/reference/methods/conversations.replies ("while
    # conversations.history returns only parent messages")
    chosen = [m for m in reversed(conv.messages) if not _is_reply(m) and window.holds(m["ts"])]
    page, next_cursor = _page(ws, conv, chosen, args, window.limit)
    return {
        "ok": True,
        "messages": page,
        "has_more": bool(next_cursor),
        "pin_count": 0,
        "response_metadata": {"next_cursor": next_cursor},
    }


def conversations_replies(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    """One thread, oldest first: the parent, then its replies within the time window.

    https://docs.slack.dev/reference/methods/conversations.replies: ``ts`` must be an existing
    message (a parent, or a reply, which names its thread); one without replies comes back
    alone. The parent opens the first page whatever the window, so it counts against
    ``limit``; later pages hold replies only. That page also says bot tokens may read only
    DM threads; the sandbox asks for the conversation's history scope, as for history.
    """
    conv = _readable(ws, args)
    window = _Window.read(ws, args, default=1000, most=1000)
    ts = args.get("ts")
    message = ws.find_message(conv, ts) if isinstance(ts, str) and ts else None
    if message is None:
        raise ApiError("thread_not_found")
    parent = ws.find_message(conv, message.get("thread_ts") or message["ts"])
    if parent is None:
        raise ApiError("thread_not_found")
    chosen = [parent, *(m for m in _replies(conv, parent["ts"]) if window.holds(m["ts"]))]
    page, next_cursor = _page(ws, conv, chosen, args, window.limit)
    return {
        "ok": True,
        "messages": page,
        "has_more": bool(next_cursor),
        "response_metadata": {"next_cursor": next_cursor},
    }


METHODS = {
    "conversations.history": conversations_history,
    "conversations.replies": conversations_replies,
}
