"""Modals, Home tabs and trigger ids: the surfaces Slack draws from ``views.*`` calls.

Slack's rules kept here: a trigger id is single use and dies after 3 seconds; a modal stack
holds at most 3 views; ``hash`` guards against overwriting a view someone else changed.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.sandbox.records import ApiError, Seen

TRIGGER_TTL = timedelta(seconds=3)
MAX_STACK = 3


@dataclass
class Trigger:
    user_id: str
    issued: datetime
    used: bool = False


class ViewHost(Protocol):
    """What views need from the workspace they live in (``Workspace`` provides it)."""

    @property
    def team_id(self) -> str: ...

    @property
    def app_id(self) -> str: ...

    @property
    def bot_id(self) -> str: ...

    def now(self) -> datetime: ...

    def epoch(self) -> int: ...

    def new_id(self, prefix: str) -> str: ...

    def record_seen(
        self,
        user_id: str,
        kind: str,
        *,
        text: str = ...,
        blocks: list[dict[str, Any]] | None = ...,
        view: dict[str, Any] | None = ...,
    ) -> Seen: ...


class ViewStore:
    """Every view by id, each person's modal stack, and each person's Home tab."""

    def __init__(self, ws: ViewHost) -> None:
        self._ws = ws
        self.triggers: dict[str, Trigger] = {}
        self.by_id: dict[str, dict[str, Any]] = {}
        self.owner: dict[str, str] = {}
        self.stacks: dict[str, list[str]] = {}
        self.opened: dict[str, list[str]] = {}
        self.homes: dict[str, str] = {}
        self._external: dict[str, str] = {}

    # triggers ----------------------------------------------------------------------------

    def issue_trigger(self, user_id: str) -> str:
        now = self._ws.now()
        trigger_id = f"{int(now.timestamp())}.{len(self.triggers) + 1}.{secrets.token_hex(8)}"
        self.triggers[trigger_id] = Trigger(user_id, now)
        return trigger_id

    def redeem(self, trigger_id: Any) -> str:
        """The person a trigger id belongs to; it cannot be used again."""
        trigger = self.triggers.get(trigger_id) if isinstance(trigger_id, str) else None
        if trigger is None:
            raise ApiError("invalid_trigger_id")
        if trigger.used:
            raise ApiError("exchanged_trigger_id")
        if self._ws.now() - trigger.issued > TRIGGER_TTL:
            raise ApiError("expired_trigger_id")
        trigger.used = True
        return trigger.user_id

    # views -------------------------------------------------------------------------------

    def _build(self, view: dict[str, Any], view_id: str, **extra: Any) -> dict[str, Any]:
        ws = self._ws
        built = copy.deepcopy(view)
        for i, block in enumerate(built.get("blocks") or []):
            block.setdefault("block_id", f"b{i}{secrets.token_hex(2)}")
            element = block.get("element")
            if isinstance(element, dict):
                element.setdefault("action_id", f"a{i}{secrets.token_hex(2)}")
        built.update(
            {
                "id": view_id,
                "team_id": ws.team_id,
                "private_metadata": built.get("private_metadata", ""),
                "callback_id": built.get("callback_id", ""),
                "state": {"values": {}},
                "hash": f"{ws.epoch()}.{secrets.token_hex(4)}",
                "clear_on_close": bool(built.get("clear_on_close", False)),
                "notify_on_close": bool(built.get("notify_on_close", False)),
                "external_id": built.get("external_id", ""),
                "app_id": ws.app_id,
                "app_installed_team_id": ws.team_id,
                "bot_id": ws.bot_id,
                "root_view_id": view_id,
                "previous_view_id": None,
            }
        )
        built.update(extra)
        return built

    def _store(self, user_id: str, built: dict[str, Any], kind: str) -> dict[str, Any]:
        view_id = built["id"]
        if built["external_id"]:
            holder = self._external.get(built["external_id"])
            if holder is not None and holder != view_id:
                raise ApiError("duplicate_external_id")
            self._external[built["external_id"]] = view_id
        self.by_id[view_id] = built
        self.owner[view_id] = user_id
        title = (built.get("title") or {}).get("text", "")
        self._ws.record_seen(user_id, kind, text=title, blocks=built.get("blocks"), view=built)
        return built

    def open(self, user_id: str, view: dict[str, Any]) -> dict[str, Any]:
        built = self._store(user_id, self._build(view, self._ws.new_id("V")), "modal")
        self.stacks[user_id] = [built["id"]]
        self.opened.setdefault(user_id, []).append(built["id"])
        return built

    def push(self, user_id: str, view: dict[str, Any]) -> dict[str, Any]:
        stack = self.stacks.setdefault(user_id, [])
        if len(stack) >= MAX_STACK:
            raise ApiError("push_limit_reached")
        view_id = self._ws.new_id("V")
        root = stack[0] if stack else view_id
        previous = stack[-1] if stack else None
        built = self._build(view, view_id, root_view_id=root, previous_view_id=previous)
        self._store(user_id, built, "modal")
        stack.append(view_id)
        self.opened.setdefault(user_id, []).append(view_id)
        return built

    def find(self, view_id: Any = None, external_id: Any = None) -> dict[str, Any]:
        if view_id:
            found = self.by_id.get(view_id)
        elif external_id:
            found = self.by_id.get(self._external.get(external_id, ""))
        else:
            raise ApiError("invalid_arguments")
        if found is None:
            raise ApiError("not_found")
        return found

    def update(self, current: dict[str, Any], view: dict[str, Any], hash_: Any) -> dict[str, Any]:
        if hash_ and hash_ != current["hash"]:
            raise ApiError("hash_conflict")
        view_id = current["id"]
        kind = "home" if current.get("type") == "home" else "modal"
        keep = {k: current[k] for k in ("root_view_id", "previous_view_id")}
        return self._store(self.owner[view_id], self._build(view, view_id, **keep), kind)

    def publish(self, user_id: str, view: dict[str, Any], hash_: Any) -> dict[str, Any]:
        home_id = self.homes.get(user_id)
        if home_id is not None and hash_ and hash_ != self.by_id[home_id]["hash"]:
            raise ApiError("hash_conflict")
        view_id = home_id or self._ws.new_id("V")
        built = self._store(user_id, self._build(view, view_id), "home")
        self.homes[user_id] = view_id
        return built

    def close(self, view_id: str) -> None:
        """Close this modal and any pushed on top of it."""
        stack = self.stacks.get(self.owner.get(view_id, ""), [])
        if view_id in stack:
            del stack[stack.index(view_id) :]

    def clear(self, user_id: str) -> None:
        self.stacks[user_id] = []

    def is_open(self, view_id: str) -> bool:
        return view_id in self.stacks.get(self.owner.get(view_id, ""), [])
