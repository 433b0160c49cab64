"""Web API methods about identity and people: auth.test, users.list, users.info."""

from __future__ import annotations

from typing import Any

from bot.sandbox.args import int_arg, paginate
from bot.sandbox.records import ApiCall, ApiError
from bot.sandbox.workspace import Workspace

MAX_LIMIT = 1000


def auth_test(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    return {
        "ok": True,
        "url": f"https://{ws.domain}.slack.com/",
        "team": ws.team_name,
        "user": ws.bot_name,
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def users_list(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    """Cursor-paginated members; without ``limit`` Slack tries to send everyone at once."""
    limit = int_arg(args, "limit")
    if limit is None:
        call.notes.append("users.list without limit: whole directory in one response")
    elif not 1 <= limit <= MAX_LIMIT:
        raise ApiError("invalid_limit")
    ids = ws.user_ids()
    page, next_cursor = paginate(ids, "user", ids, args.get("cursor"), limit)
    return {
        "ok": True,
        "members": [ws.user_object(u) for u in page],
        "cache_ts": ws.epoch(),
        "response_metadata": {"next_cursor": next_cursor},
    }


def users_info(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    user_id = args.get("user")
    if not isinstance(user_id, str) or not ws.has_user(user_id):
        raise ApiError("user_not_found")
    return {"ok": True, "user": ws.user_object(user_id)}


METHODS = {
    "auth.test": auth_test,
    "users.list": users_list,
    "users.info": users_info,
}
