"""The app's manifest as Slack reads it: which commands, events and surfaces Slack will use.

Slack only sends an app what its manifest declares: the slash commands it lists (each with its
own ``should_escape``), the events it subscribes to, interactivity if enabled, and messages from
the Messages tab only when that tab is writable. The strict sandbox reads ``manifest.yml`` itself
so the tests cannot drift from what a real workspace would do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO_MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"

# Message events are subscribed per conversation type:
# https://docs.slack.dev/reference/events/message (message.channels/.groups/.im/.mpim)
_MESSAGE_EVENT_BY_CHANNEL_TYPE = {
    "channel": "message.channels",
    "group": "message.groups",
    "im": "message.im",
    "mpim": "message.mpim",
}


# Slack subscribes an app to an event only with the scope the event needs:
# https://docs.slack.dev/reference/events/message.im (im:history) and the other event pages
_EVENT_SCOPES = {
    "message.im": "im:history",
    "message.mpim": "mpim:history",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "team_join": "users:read",
    "user_change": "users:read",
}


class NotSentBySlack(ValueError):
    """The driver was asked for a request Slack would never send this app."""


def subscription_for(event: dict[str, Any]) -> str:
    """The ``bot_events`` entry that makes Slack deliver this event (``message.im`` for a DM)."""
    kind = str(event.get("type", ""))
    if kind == "message":
        channel_type = str(event.get("channel_type", ""))
        return _MESSAGE_EVENT_BY_CHANNEL_TYPE.get(channel_type, f"message.{channel_type}")
    return kind


@dataclass(frozen=True)
class AppManifest:
    """The parts of an app manifest that decide what Slack sends to the app."""

    commands: dict[str, bool]  # "/circle" -> should_escape
    bot_events: frozenset[str]
    interactivity: bool
    messages_tab_enabled: bool
    messages_tab_read_only: bool
    bot_scopes: tuple[str, ...]
    bot_optional_scopes: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AppManifest:
        features = data.get("features") or {}
        settings = data.get("settings") or {}
        home = features.get("app_home") or {}
        commands = {
            # https://docs.slack.dev/reference/app-manifest (should_escape defaults to false)
            str(c["command"]): bool(c.get("should_escape", False))
            for c in features.get("slash_commands") or []
        }
        events = (settings.get("event_subscriptions") or {}).get("bot_events") or []
        scopes = (data.get("oauth_config") or {}).get("scopes") or {}
        return cls(
            commands=commands,
            bot_events=frozenset(str(e) for e in events),
            interactivity=bool((settings.get("interactivity") or {}).get("is_enabled", False)),
            messages_tab_enabled=bool(home.get("messages_tab_enabled", False)),
            messages_tab_read_only=bool(home.get("messages_tab_read_only_enabled", False)),
            bot_scopes=tuple(str(s) for s in scopes.get("bot") or []),
            # https://docs.slack.dev/reference/app-manifest (scopes.bot_optional, 2026-03-16)
            bot_optional_scopes=tuple(str(s) for s in scopes.get("bot_optional") or []),
        )

    @classmethod
    def load(cls, path: str | Path = REPO_MANIFEST) -> AppManifest:
        return cls.from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    def should_escape(self, command: str) -> bool:
        """The command's ``should_escape``; refuses a command the manifest does not declare."""
        # https://docs.slack.dev/interactivity/implementing-slash-commands (only declared ones)
        if command not in self.commands:
            raise NotSentBySlack(
                f"manifest.yml declares no slash command {command}; Slack would not send it"
            )
        return self.commands[command]

    def check_event(self, event: dict[str, Any]) -> None:
        """Refuse an event the manifest does not subscribe to: Slack would never send it."""
        # https://docs.slack.dev/apis/events-api/#subscribing (only subscribed event types)
        wanted = subscription_for(event)
        if wanted not in self.bot_events:
            listed = ", ".join(sorted(self.bot_events)) or "nothing"
            raise NotSentBySlack(
                f"manifest.yml does not subscribe to {wanted} (bot_events: {listed}); "
                "Slack would never deliver this event"
            )
        needed = _EVENT_SCOPES.get(wanted)
        if needed is not None and needed not in (*self.bot_scopes, *self.bot_optional_scopes):
            raise NotSentBySlack(f"the {wanted} event needs the {needed} scope in manifest.yml")

    def check_interactivity(self) -> None:
        # https://docs.slack.dev/interactivity/handling-user-interaction (needs interactivity on)
        if not self.interactivity:
            raise NotSentBySlack("manifest.yml has interactivity disabled; Slack sends no clicks")

    def check_messages_tab(self) -> None:
        """A person can write to the bot only in an enabled, writable Messages tab."""
        # https://docs.slack.dev/reference/app-manifest (features.app_home messages_tab_*)
        if not self.messages_tab_enabled or self.messages_tab_read_only:
            raise NotSentBySlack(
                "the app's Messages tab is disabled or read-only in manifest.yml; "
                "nobody can write to the bot there"
            )
