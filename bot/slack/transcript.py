"""Turns Block Kit back into plain text lines, so the demo can print what people saw."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_USER = re.compile(r"<@([A-Z0-9]+)>")


def _text(obj: dict[str, Any] | None) -> str:
    if not obj:
        return ""
    text = obj.get("text", "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.replace("*", "")


def _element(el: dict[str, Any]) -> str:
    kind = el.get("type")
    if kind == "button":
        return f"[{_text(el.get('text'))}]"
    if kind in ("static_select", "multi_static_select"):
        return f"<{_text(el.get('placeholder')) or 'choose'}>"
    return _text(el) if "text" in el else ""


def block_lines(blocks: list[dict[str, Any]] | None) -> list[str]:
    lines: list[str] = []
    for block in blocks or []:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"# {_text(block.get('text'))}")
        elif kind == "section":
            text = _text(block.get("text"))
            lines.extend(text.splitlines() or [""])
            for field in block.get("fields") or []:
                lines.append(_text(field))
            if block.get("accessory"):
                lines.append(_element(block["accessory"]))
        elif kind == "context":
            lines.append(" ".join(_element(e) or _text(e) for e in block.get("elements", [])))
        elif kind == "actions":
            lines.append(" ".join(_element(e) for e in block.get("elements", [])))
        elif kind == "input":
            label = _text(block.get("label"))
            lines.append(f"{label}: ____")
        elif kind == "divider":
            lines.append("―" * 20)
    return [line for line in lines if line is not None]


def view_lines(view: dict[str, Any]) -> list[str]:
    """A modal as its title and fields on one line; a Home tab up to its first divider."""
    blocks = view.get("blocks") or []
    if view.get("type") == "home":
        cut = next((i for i, b in enumerate(blocks) if b.get("type") == "divider"), len(blocks))
        return block_lines(blocks[:cut])
    fields = [_text(b.get("label")) for b in blocks if b.get("type") == "input"]
    submit = f" [{_text(view['submit'])}]" if view.get("submit") else ""
    return [f"« {_text(view.get('title'))} » {' · '.join(fields)}{submit}"]


def name_users(text: str, names: dict[str, str]) -> str:
    return _USER.sub(lambda m: "@" + names.get(m.group(1), m.group(1)), text)


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>")
_DATE = re.compile(r"<!date\^[^|>]*\|([^>]*)>")
_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]+))?>")
_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])")


def readable(
    text: str,
    person: Callable[[str], str] = lambda uid: uid,
    channel: Callable[[str], str] = lambda cid: cid,
) -> str:
    """Slack mrkdwn as a person reads it on screen: no asterisks, names for mentions
    (``person`` and ``channel`` look them up), dates and links as their labels."""
    text = _MENTION.sub(lambda m: "@" + person(m[1]), text)
    text = _CHANNEL.sub(lambda m: "#" + (m[2] or channel(m[1])), text)
    text = _DATE.sub(lambda m: m[1], text)
    text = _LINK.sub(lambda m: m[2] or m[1], text)
    text = _ITALIC.sub(lambda m: m[1], _BOLD.sub(lambda m: m[1], text))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
