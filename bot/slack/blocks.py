"""Small Block Kit primitives that keep every text inside Slack's limits."""

from __future__ import annotations

from typing import Any

SECTION_TEXT = 3000
HEADER_TEXT = 150
BUTTON_TEXT = 75
FIELD_TEXT = 2000


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Escape what Slack's mrkdwn treats as control characters in user-written text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = SECTION_TEXT) -> list[str]:
    """Cut already-escaped mrkdwn into pieces of at most ``limit`` characters, at a line
    break or a space where there is one, and never inside an entity such as ``&amp;``:
    nothing a member wrote is lost to Slack's section limit."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        if cut <= limit // 2:
            cut = limit
        entity = text.rfind("&", max(cut - 8, 0), cut)
        if entity != -1 and ";" not in text[entity:cut]:
            cut = entity
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text else pieces


def plain(text: str, limit: int = SECTION_TEXT) -> dict[str, Any]:
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": True}


def mrkdwn(text: str, limit: int = SECTION_TEXT) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": truncate(text, limit)}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(text, HEADER_TEXT)}


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(text), **extra}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [mrkdwn(text)]}


def button(text: str, action_id: str, value: str = "", style: str | None = None):
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, BUTTON_TEXT),
        "action_id": action_id,
    }
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    return element


def variant(action_id: str, key: str) -> str:
    """The action_id of one of several buttons for the same action in one block.

    Slack refuses a block whose elements share an action_id ("should be unique among all
    other action_ids in the containing block"), so each is ``<action>:<key>``; the listener
    matches every variant (handlers/common/buttons.any_variant).
    """
    return f"{action_id}:{key}"


def divider() -> dict[str, Any]:
    return {"type": "divider"}


def actions_block(elements: list[dict[str, Any]], block_id: str | None = None):
    block: dict[str, Any] = {"type": "actions", "elements": elements[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


MODAL_TITLE = 24  # Slack's limit for a modal's title and its submit and close buttons


def modal(
    title: str,
    blocks: list[dict[str, Any]],
    *,
    submit: str | None = None,
    close: str = "Cancel",
    callback_id: str | None = None,
    private_metadata: str | None = None,
) -> dict[str, Any]:
    """The one modal shell: every view the bot opens is built here."""
    view: dict[str, Any] = {"type": "modal"}
    if callback_id is not None:
        view["callback_id"] = callback_id
    if private_metadata is not None:
        view["private_metadata"] = private_metadata
    view["title"] = plain(title, MODAL_TITLE)
    if submit is not None:
        view["submit"] = plain(submit, MODAL_TITLE)
    view["close"] = plain(close, MODAL_TITLE)
    view["blocks"] = blocks
    return view


def notice_modal(text: str, title: str = "Product Circle", close: str = "Close") -> dict[str, Any]:
    """A modal that only says something: the answer to a form that could not go through."""
    return modal(title, [section(text)], close=close)


def input_block(
    block_id: str, label: str, element: dict[str, Any], *, optional: bool = False, hint: str = ""
) -> dict[str, Any]:
    """A modal input whose element's action_id is its block_id, so a submission reads as
    ``values[name][name]``."""
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain(label, 2000),
        "element": {"action_id": block_id, **element},
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block
