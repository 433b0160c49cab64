"""Steps for vault stories (no tests here): run a command, find what the member saw, click."""

from __future__ import annotations

from typing import Any

from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.records import Seen
from bot.sandbox.transports import Reply


def last_seen(
    sandbox: SlackSandbox, user_id: str, kinds: tuple[str, ...] = ("ephemeral", "response")
) -> Seen:
    return [s for s in sandbox.seen_by(user_id) if s.kind in kinds][-1]


def texts(seen: Seen) -> str:
    """Everything readable in a message: fallback text and every block's text."""
    parts = [seen.text]
    for block in seen.blocks or []:
        parts.append((block.get("text") or {}).get("text", ""))
        for element in block.get("elements") or []:
            text = element.get("text")
            parts.append(text.get("text", "") if isinstance(text, dict) else str(text or ""))
    return "\n".join(parts)


def entry_ids(seen: Seen) -> list[int]:
    return [
        int(b["block_id"].removeprefix("vault_entry_"))
        for b in seen.blocks or []
        if str(b.get("block_id", "")).startswith("vault_entry_")
    ]


def buttons(seen: Seen, entry_id: int) -> dict[str, dict[str, Any]]:
    block = next(b for b in seen.blocks or [] if b.get("block_id") == f"vault_entry_{entry_id}")
    return {e["action_id"]: e for e in block["elements"]}


def search(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    user_id: str,
    query: str,
    channel_id: str | None = None,
) -> Seen:
    driver.slash_command(user_id, "/vault", f"search {query}", channel_id=channel_id)
    return last_seen(sandbox, user_id)


def click(
    driver: SlackDriver, user_id: str, seen: Seen, action_id: str, entry_id: int | None = None
) -> Reply:
    block_id = f"vault_entry_{entry_id}" if entry_id is not None else None
    return driver.click(user_id, action_id, block_id=block_id, message=seen.message)


def add(driver: SlackDriver, sandbox: SlackSandbox, user_id: str, text: str) -> str:
    reply = driver.slash_command(user_id, "/vault", f"add {text}")
    return reply.json["text"]
