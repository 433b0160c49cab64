"""How strict the sandbox is, and the refusals it recorded.

``strict`` turns on, together, the rules real Slack enforces that a lenient sandbox would hide:
action_ids unique within a block and slack_sdk's models as a second opinion on every Block Kit
payload, slash-command text escaped as this manifest makes Slack escape it, and only the events,
commands and clicks the manifest lets Slack send. ``history_limits`` is a separate opt-in: the
conversations.history limits of commercially distributed apps outside the Marketplace.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from bot.sandbox.manifest import REPO_MANIFEST, AppManifest
from bot.sandbox.records import Refusal
from bot.sandbox.slash_text import command_text

# https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps/
# ("limited to 1 request per minute ... The maximum and default for the limit parameter has
# been reduced to 15 objects", for conversations.history and conversations.replies)
HISTORY_METHODS = ("conversations.history", "conversations.replies")
HISTORY_PER_MINUTE = 1
HISTORY_MAX_LIMIT = 15


class _Channel(Protocol):
    id: str
    kind: str
    members: list[str]


class Directory(Protocol):
    """Who and what a person can mention (the sandbox's workspace)."""

    def user_named(self, name: str) -> str | None: ...

    def channel_named(self, name: str) -> _Channel | None: ...


class SandboxRules:
    """The switches, the app's manifest (read when first needed), and what was refused."""

    def __init__(
        self,
        *,
        strict: bool = True,
        manifest: AppManifest | str | Path | None = None,
        history_limits: bool = False,
    ) -> None:
        self.strict = strict
        self.history_limits = history_limits
        self._manifest = manifest if isinstance(manifest, AppManifest) else None
        self._manifest_path = Path(manifest) if isinstance(manifest, str | Path) else None
        self.refusals: list[Refusal] = []

    @property
    def manifest(self) -> AppManifest:
        """The parsed manifest: the one given, or the repository's ``manifest.yml``."""
        if self._manifest is None:
            self._manifest = AppManifest.load(self._manifest_path or REPO_MANIFEST)
        return self._manifest

    def refuse(self, where: str, error: str, messages: list[str], at: datetime) -> None:
        self.refusals.append(Refusal(where, error, list(messages), at))

    def command_text(self, ws: Directory, user_id: str, command: str, typed: str) -> str:
        """The ``text`` Slack sends for what this person typed (as typed unless strict)."""
        if not self.strict:
            return typed

        def channel_named(name: str) -> str | None:
            conv = ws.channel_named(name)
            # A private channel is only mentionable by its members.
            if conv is None or (conv.kind == "private" and user_id not in conv.members):
                return None
            return conv.id

        return command_text(
            typed,
            should_escape=self.manifest.should_escape(command),
            user_named=ws.user_named,
            channel_named=channel_named,
        )
