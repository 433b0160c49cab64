"""Steps for vault stories (no tests here): run a command, find what the member saw, click."""

from __future__ import annotations

from typing import Any


def last_seen(sandbox, user_id: str, kinds=("ephemeral", "response")):  # type: ignore[no-untyped-def]
    return [s for s in sandbox.seen_by(user_id) if s.kind in kinds][-1]


def texts(seen) -> str:  # type: ignore[no-untyped-def]
    """Everything readable in a message: fallback text and every block's text."""
    parts = [seen.text]
    for block in seen.blocks or []:
        parts.append((block.get("text") or {}).get("text", ""))
        for element in block.get("elements") or []:
            text = element.get("text")
            parts.append(text.get("text", "") if isinstance(text, dict) else str(text or ""))
    return "\n".join(parts)


def entry_ids(seen) -> list[int]:  # type: ignore[no-untyped-def]
    return [
        int(b["block_id"].removeprefix("vault_entry_"))
        for b in seen.blocks or []
        if str(b.get("block_id", "")).startswith("vault_entry_")
    ]


def buttons(seen, entry_id: int) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    block = next(b for b in seen.blocks if b.get("block_id") == f"vault_entry_{entry_id}")
    return {e["action_id"]: e for e in block["elements"]}


def search(driver, sandbox, user_id: str, query: str, channel_id: str | None = None):  # type: ignore[no-untyped-def]
    driver.slash_command(user_id, "/vault", f"search {query}", channel_id=channel_id)
    return last_seen(sandbox, user_id)


def click(driver, user_id: str, seen, action_id: str, entry_id: int | None = None):  # type: ignore[no-untyped-def]
    block_id = f"vault_entry_{entry_id}" if entry_id is not None else None
    return driver.click(user_id, action_id, block_id=block_id, message=(seen.channel, seen.ts))


def add(driver, sandbox, user_id: str, text: str) -> str:  # type: ignore[no-untyped-def]
    reply = driver.slash_command(user_id, "/vault", f"add {text}")
    return reply.json["text"]
