"""Reading the sandbox back: what was called, posted, shown to whom, and refused.

``SlackSandbox`` mixes this in; tests and the demo assert on it. Every answer is a copy taken
under the sandbox lock, so reading never changes the workspace.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from bot.sandbox.records import ApiCall, ApiError, Refusal, ResponsePost, Seen
from bot.sandbox.response_urls import ResponseUrls
from bot.sandbox.rules import SandboxRules
from bot.sandbox.webapi import WebApi
from bot.sandbox.workspace import Workspace


class SandboxInspection:
    """Read-only accessors over the workspace and the records the sandbox keeps."""

    _lock: threading.RLock
    _ws: Workspace
    _api: WebApi
    _responses: ResponseUrls
    rules: SandboxRules

    # Web API calls and what was refused --------------------------------------------------

    @property
    def calls(self) -> list[ApiCall]:
        return self._api.calls

    def calls_to(self, method: str) -> list[ApiCall]:
        with self._lock:
            return [call for call in self._api.calls if call.method == method]

    @property
    def early_retries(self) -> int:
        """How many requests came before the Retry-After the sandbox gave had elapsed."""
        with self._lock:
            return sum(1 for call in self._api.calls if call.early_retry)

    @property
    def responses(self) -> list[ResponsePost]:
        return self._responses.posts

    @property
    def refusals(self) -> list[Refusal]:
        """Block Kit refused anywhere (Web API, response_url, acks), oldest first."""
        return self.rules.refusals

    # conversations and what is in them ---------------------------------------------------

    def conversation(self, channel_id: str) -> dict[str, Any]:
        """The conversation in Slack's ``conversations.info`` shape."""
        with self._lock:
            return self._ws.conversation_object(self._ws.conversation(channel_id))

    def conversation_members(self, channel_id: str) -> list[str]:
        with self._lock:
            return list(self._ws.conversation(channel_id).members)

    def dm_channel(self, *user_ids: str) -> str | None:
        with self._lock:
            return self._ws.dm_channel(user_ids)

    def messages(self, channel_id: str) -> list[dict[str, Any]]:
        """Messages in a conversation, oldest first, in Slack's shape (plus ``channel``)."""
        with self._lock:
            return copy.deepcopy(self._ws.conversation(channel_id).messages)

    def message(self, channel_id: str, ts: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._ws.find_message(self._ws.conversation(channel_id), ts)
            return copy.deepcopy(found)

    def ephemeral(self, channel_id: str, ts: str) -> dict[str, Any] | None:
        """An ephemeral message (with ``to``: who saw it), so a driver can click its buttons."""
        with self._lock:
            return copy.deepcopy(self._ws.ephemerals.get((channel_id, ts)))

    def files_in(self, channel_id: str) -> list[dict[str, Any]]:
        """Files shared in a conversation: id, name, title, content (bytes), ts."""
        with self._lock:
            return [
                copy.deepcopy(f)
                for f in self._ws.uploads.values()
                if f.get("channel") == channel_id
            ]

    # people and what they saw ------------------------------------------------------------

    def user(self, user_id: str) -> dict[str, Any]:
        with self._lock:
            try:
                return self._ws.user_object(user_id)
            except ApiError:
                raise KeyError(user_id) from None

    def seen_by(self, user_id: str) -> list[Seen]:
        with self._lock:
            return list(self._ws.seen.get(user_id, []))

    # modals and App Home -----------------------------------------------------------------

    def views(self, user_id: str) -> list[dict[str, Any]]:
        """Every modal opened or pushed for this person, oldest first, latest version of each."""
        with self._lock:
            store = self._ws.views
            return [copy.deepcopy(store.by_id[v]) for v in store.opened.get(user_id, [])]

    def open_modals(self, user_id: str) -> list[dict[str, Any]]:
        """The modal stack this person has on screen now, bottom first."""
        with self._lock:
            store = self._ws.views
            return [copy.deepcopy(store.by_id[v]) for v in store.stacks.get(user_id, [])]

    def view(self, view_id: str) -> dict[str, Any]:
        with self._lock:
            try:
                return copy.deepcopy(self._ws.views.by_id[view_id])
            except KeyError:
                raise KeyError(view_id) from None

    def is_modal_open(self, view_id: str) -> bool:
        with self._lock:
            return self._ws.views.is_open(view_id)

    def home(self, user_id: str) -> dict[str, Any] | None:
        with self._lock:
            store = self._ws.views
            view_id = store.homes.get(user_id)
            return copy.deepcopy(store.by_id[view_id]) if view_id else None

    def everyone_seen(self) -> dict[str, list[Seen]]:
        """What each person saw, by user id (the copy test reads every text through this)."""
        with self._lock:
            return {user: list(seen) for user, seen in self._ws.seen.items()}

    def people_in(self, channel_id: str) -> int:
        """How many people (not the bot, not other bots) a conversation holds."""
        with self._lock:
            members = self._ws.conversation(channel_id).members
            return sum(1 for member in members if self._ws.is_human(member))
