"""Build ``view.state.values`` the way Slack does when someone submits a modal.

Tests say what the person chose in plain Python (``{"topic": "Pricing", "size": ["a"]}``);
this turns it into Slack's per-element shapes, picking option objects from the view itself so
a test cannot choose an option the modal never offered.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

_TEXT = {"plain_text_input", "email_text_input", "url_text_input", "number_input"}
_SINGLE_OPTION = {"static_select", "radio_buttons", "external_select"}
_MULTI_OPTION = {"multi_static_select", "checkboxes", "multi_external_select"}
_PICKERS = {
    "datepicker": "selected_date",
    "timepicker": "selected_time",
    "datetimepicker": "selected_date_time",
    "users_select": "selected_user",
    "conversations_select": "selected_conversation",
    "channels_select": "selected_channel",
}
_MULTI_PICKERS = {
    "multi_users_select": "selected_users",
    "multi_conversations_select": "selected_conversations",
    "multi_channels_select": "selected_channels",
}
_INITIAL = {
    "selected_date": "initial_date",
    "selected_time": "initial_time",
    "selected_date_time": "initial_date_time",
    "selected_user": "initial_user",
    "selected_conversation": "initial_conversation",
    "selected_channel": "initial_channel",
    "selected_users": "initial_users",
    "selected_conversations": "initial_conversations",
    "selected_channels": "initial_channels",
}


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        found.extend(group.get("options") or [])
    return found


def _option(element: dict[str, Any], value: Any, where: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if element["type"].endswith("external_select"):
        return {"text": {"type": "plain_text", "text": str(value)}, "value": str(value)}
    for option in _options(element):
        if option.get("value") == value:
            return option
    offered = [o.get("value") for o in _options(element)]
    raise ValueError(f"{where}: no option with value {value!r}; the view offers {offered}")


def _chosen(kind: str, element: dict[str, Any], value: Any, where: str) -> dict[str, Any]:
    if kind in _TEXT:
        return {"value": None if value is None else str(value)}
    if kind in _SINGLE_OPTION:
        return {"selected_option": None if value is None else _option(element, value, where)}
    if kind in _MULTI_OPTION:
        return {"selected_options": [_option(element, v, where) for v in value or []]}
    if kind in _PICKERS:
        if isinstance(value, datetime):
            value = int(value.timestamp())
        elif isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, date):
            value = value.isoformat()
        return {_PICKERS[kind]: value}
    if kind in _MULTI_PICKERS:
        return {_MULTI_PICKERS[kind]: list(value or [])}
    raise ValueError(f"{where}: the driver cannot fill a {kind!r} element")


def _initial(kind: str, element: dict[str, Any], where: str) -> dict[str, Any]:
    """What Slack reports for an element nobody touched: its initial value, if any."""
    if kind in _TEXT:
        return _chosen(kind, element, element.get("initial_value"), where)
    if kind in _SINGLE_OPTION:
        return {"selected_option": element.get("initial_option")}
    if kind in _MULTI_OPTION:
        return {"selected_options": list(element.get("initial_options") or [])}
    field = _PICKERS.get(kind) or _MULTI_PICKERS.get(kind)
    if field is None:
        raise ValueError(f"{where}: the driver cannot fill a {kind!r} element")
    initial = element.get(_INITIAL[field])
    return {field: list(initial or []) if kind in _MULTI_PICKERS else initial}


def input_blocks(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The view's input blocks by block_id."""
    return {
        b["block_id"]: b
        for b in view.get("blocks") or []
        if b.get("type") == "input" and isinstance(b.get("block_id"), str)
    }


def build_state(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """``view.state`` for a submission; ``values`` maps block_id to a simple Python value."""
    inputs = input_blocks(view)
    strays = [block_id for block_id in values if block_id not in inputs]
    if strays:
        raise ValueError(
            f"not input blocks of view {view.get('id')}: {strays}; its inputs: {list(inputs)}"
        )
    state: dict[str, Any] = {}
    for block_id, block in inputs.items():
        element = block["element"]
        kind = element["type"]
        where = f"block {block_id!r}"
        if block_id in values:
            chosen = _chosen(kind, element, values[block_id], where)
        else:
            chosen = _initial(kind, element, where)
        # Slack: an input block is required unless `optional: true` (Block Kit reference,
        # "Input block"); the client will not submit the modal while one is empty.
        if not block.get("optional") and _empty(chosen):
            raise ValueError(
                f"{where} is required (not optional) and empty: Slack would not let the "
                f"person submit view {view.get('id')}; fill it in as a person must"
            )
        state[block_id] = {element["action_id"]: {"type": kind, **chosen}}
    return {"values": state}


def _empty(chosen: dict[str, Any]) -> bool:
    """Nothing typed or picked: Slack's client counts spaces as typed, so they are not."""
    return all(value in (None, "", []) for value in chosen.values())
