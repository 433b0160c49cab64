"""Web API methods for surfaces: views.open, views.push, views.update, views.publish."""

from __future__ import annotations

import json
from typing import Any

from bot.sandbox.blockkit import view_errors
from bot.sandbox.records import ApiCall, ApiError
from bot.sandbox.workspace import Workspace

MAX_VIEW_BYTES = 250_000


def checked_view(view: Any, expected_type: str, *, strict: bool = False) -> dict[str, Any]:
    """The view if Slack would accept it; ``invalid_arguments`` with Slack's messages if not."""
    if not isinstance(view, dict):
        message = "[ERROR] must provide a view object [json-pointer:/view]"
        raise ApiError("invalid_arguments", response_metadata={"messages": [message]})
    if len(json.dumps(view)) > MAX_VIEW_BYTES:
        raise ApiError("view_too_large")
    errors = view_errors(view, expected_type=expected_type, strict=strict)
    if errors:
        # https://docs.slack.dev/reference/methods/views.open (error invalid_arguments)
        raise ApiError("invalid_arguments", response_metadata={"messages": errors})
    return view


def shown_view(ws: Workspace, view: Any, expected_type: str, where: str) -> dict[str, Any]:
    """``checked_view`` with the sandbox's rules; a refusal is recorded before it is raised.

    ``where`` is the method, or ``view_submission ack`` for a ``response_action`` update/push.
    """
    try:
        return checked_view(view, expected_type, strict=ws.rules.strict)
    except ApiError as error:
        messages = error.extra.get("response_metadata", {}).get("messages", [])
        ws.rules.refuse(where, error.error, messages, ws.now())
        raise


def views_open(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    view = shown_view(ws, args.get("view"), "modal", call.method)
    user_id = ws.views.redeem(args.get("trigger_id"))
    return {"ok": True, "view": ws.views.open(user_id, view)}


def views_push(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    view = shown_view(ws, args.get("view"), "modal", call.method)
    user_id = ws.views.redeem(args.get("trigger_id"))
    return {"ok": True, "view": ws.views.push(user_id, view)}


def views_update(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    current = ws.views.find(args.get("view_id"), args.get("external_id"))
    if current.get("type") == "modal" and not ws.views.is_open(current["id"]):
        raise ApiError("not_found")  # a closed modal is gone; Slack cannot update it
    view = shown_view(ws, args.get("view"), current.get("type", "modal"), call.method)
    return {"ok": True, "view": ws.views.update(current, view, args.get("hash"))}


def views_publish(ws: Workspace, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    user_id = args.get("user_id")
    if not isinstance(user_id, str) or not ws.has_user(user_id):
        raise ApiError("user_not_found")
    view = shown_view(ws, args.get("view"), "home", call.method)
    return {"ok": True, "view": ws.views.publish(user_id, view, args.get("hash"))}


METHODS = {
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
}
