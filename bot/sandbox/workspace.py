"""The sandbox's Slack workspace: people, conversations, messages, and who saw what.

Plain state plus the rules that are about the workspace itself (ids, message timestamps, DM
identity, who counts as a human viewer). Web API argument checking lives in
``bot.sandbox.api``; locking is the server's job.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.platform.clock import Clock
from bot.sandbox.records import SEEN_KINDS, ApiError, Seen
from bot.sandbox.rules import SandboxRules
from bot.sandbox.viewstore import ViewStore

SLACKBOT_ID = "USLACKBOT"

# Slack shows long zone names; zoneinfo only knows abbreviations.
_TZ_LABELS = {
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "GMT": "Greenwich Mean Time",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "IST": "India Standard Time",
    "JST": "Japan Standard Time",
    "AEST": "Australian Eastern Standard Time",
    "AEDT": "Australian Eastern Daylight Time",
    "UTC": "Coordinated Universal Time",
}


@dataclass
class Conversation:
    """A channel, private channel, DM (``im``) or group DM (``mpim``)."""

    id: str
    kind: str  # "public" | "private" | "im" | "mpim"
    name: str
    members: list[str]
    created: int
    creator: str
    is_archived: bool = False
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_dm(self) -> bool:
        return self.kind in ("im", "mpim")


class Workspace:
    """One Slack team with a bot user, Slackbot, and whatever the test adds."""

    def __init__(
        self,
        *,
        team_id: str,
        team_name: str,
        clock: Clock,
        scopes: tuple[str, ...] | None,
        rules: SandboxRules | None = None,
    ) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.domain = "".join(c if c.isalnum() else "-" for c in team_name.lower()).strip("-")
        self.clock = clock
        self.scopes = scopes
        self.rules = rules or SandboxRules()
        self.bot_user_id = "U0BOT"
        self.bot_id = "B0BOT"
        self.app_id = "A0CIRCLE"
        self.bot_name = "circlebot"
        self.base_url = ""  # set when the HTTP server starts; upload URLs point here
        self.uploads: dict[str, dict[str, Any]] = {}  # file id -> name, title, content, channel
        self._people: dict[str, dict[str, Any]] = {}
        self.conversations: dict[str, Conversation] = {}
        self._dms: dict[frozenset[str], str] = {}
        self.ephemerals: dict[tuple[str, str], dict[str, Any]] = {}
        self.seen: dict[str, list[Seen]] = {}
        self.views = ViewStore(self)
        self._serial = itertools.count(1)
        self._last_ts_micros = 0
        self._add_person(self.bot_user_id, self.bot_name, real_name="Circle", is_bot=True)
        self._add_person(SLACKBOT_ID, "slackbot", real_name="Slackbot")

    # ids and time ------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def epoch(self) -> int:
        return int(self.clock.now().timestamp())

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._serial):08d}"

    def next_ts(self) -> str:
        """A message ts from the clock; strictly increasing even when the clock stands still."""
        micros = int(self.clock.now().timestamp() * 1_000_000)
        micros = max(micros, self._last_ts_micros + 100)
        self._last_ts_micros = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    # people ------------------------------------------------------------------------------

    def _add_person(self, user_id: str, name: str, **attrs: Any) -> None:
        person = {
            "name": name,
            "real_name": name.title(),
            "display_name": "",
            "tz": "America/New_York",
            "title": "",
            "email": f"{name}@{self.domain}.example.com",
            "is_admin": False,
            "is_owner": False,
            "is_bot": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "deleted": False,
        }
        person.update({k: v for k, v in attrs.items() if v is not None})
        person["updated"] = self.epoch()
        self._people[user_id] = person

    def add_user(self, name: str, *, user_id: str | None = None, **attrs: Any) -> dict[str, Any]:
        if user_id is None:
            tag = "".join(c for c in name.upper() if c.isalnum())[:8]
            user_id = f"U{next(self._serial):02d}{tag}"
        if user_id in self._people:
            raise ValueError(f"user {user_id} already exists")
        self._add_person(user_id, name, **attrs)
        return self.user_object(user_id)

    def update_user(self, user_id: str, **changes: Any) -> dict[str, Any]:
        person = self._person(user_id)
        unknown = set(changes) - set(person)
        if unknown:
            raise ValueError(f"unknown user fields: {sorted(unknown)}")
        person.update(changes)
        person["updated"] = self.epoch()
        return self.user_object(user_id)

    def _person(self, user_id: str) -> dict[str, Any]:
        try:
            return self._people[user_id]
        except KeyError:
            raise ApiError("user_not_found") from None

    def has_user(self, user_id: str) -> bool:
        return user_id in self._people

    def user_ids(self) -> list[str]:
        return list(self._people)

    def user_named(self, name: str) -> str | None:
        """The id of the active person with this ``name`` (what ``@name`` refers to)."""
        for user_id, person in self._people.items():
            if person["name"] == name and not person["deleted"]:
                return user_id
        return None

    def is_deleted(self, user_id: str) -> bool:
        return bool(self._person(user_id)["deleted"])

    def is_human(self, user_id: str) -> bool:
        """Someone who could be looking at a screen: not a bot, not Slackbot, not deactivated."""
        person = self._people.get(user_id)
        if not person:
            return False
        return user_id != SLACKBOT_ID and not person["is_bot"] and not (person["deleted"])

    def user_object(self, user_id: str) -> dict[str, Any]:
        """The user in Slack's ``users.info`` shape, with tz offsets for the current clock time."""
        p = self._person(user_id)
        try:
            zone = ZoneInfo(p["tz"])
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        local = self.clock.now().astimezone(zone)
        abbrev = local.tzname() or "UTC"
        offset = local.utcoffset()
        profile: dict[str, Any] = {
            "title": p["title"],
            "real_name": p["real_name"],
            "real_name_normalized": p["real_name"],
            "display_name": p["display_name"],
            "display_name_normalized": p["display_name"],
            "status_text": "",
            "status_emoji": "",
            "team": self.team_id,
        }
        may_read_email = self.scopes is None or "users:read.email" in self.scopes
        if may_read_email and not p["is_bot"] and user_id != SLACKBOT_ID:
            profile["email"] = p["email"]
        if user_id == self.bot_user_id:
            profile.update({"bot_id": self.bot_id, "api_app_id": self.app_id})
        return {
            "id": user_id,
            "team_id": self.team_id,
            "name": p["name"],
            "deleted": p["deleted"],
            "real_name": p["real_name"],
            "tz": p["tz"],
            "tz_label": _TZ_LABELS.get(abbrev, abbrev),
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": profile,
            "is_admin": p["is_admin"],
            "is_owner": p["is_owner"],
            "is_primary_owner": False,
            "is_restricted": p["is_restricted"],
            "is_ultra_restricted": p["is_ultra_restricted"],
            "is_bot": p["is_bot"],
            "is_app_user": False,
            "updated": p["updated"],
        }

    # conversations -----------------------------------------------------------------------

    def add_conversation(
        self, kind: str, name: str, members: list[str], *, creator: str | None = None
    ) -> Conversation:
        prefix = {"im": "D", "mpim": "G"}.get(kind, "C")
        conv = Conversation(
            id=self.new_id(prefix),
            kind=kind,
            name=name,
            members=list(dict.fromkeys(members)),
            created=self.epoch(),
            creator=creator or self.bot_user_id,
        )
        self.conversations[conv.id] = conv
        return conv

    def conversation(self, channel_id: Any) -> Conversation:
        conv = self.conversations.get(channel_id) if isinstance(channel_id, str) else None
        if conv is None:
            raise ApiError("channel_not_found")
        return conv

    def channel_named(self, name: str) -> Conversation | None:
        for conv in self.conversations.values():
            if not conv.is_dm and conv.name == name:
                return conv
        return None

    def open_dm(self, user_ids: list[str]) -> tuple[Conversation, bool]:
        """The bot's DM (one person) or group DM (several) with exactly these people.

        Returns the conversation and whether it already existed.
        """
        people = frozenset(u for u in user_ids if u != self.bot_user_id)
        existing = self._dms.get(people)
        if existing:
            return self.conversations[existing], True
        members = [*sorted(people), self.bot_user_id]
        if len(people) == 1:
            (only,) = people
            conv = self.add_conversation("im", only, members)
        else:
            names = sorted(self._person(u)["name"] for u in members)
            conv = self.add_conversation("mpim", "mpdm-" + "--".join(names) + "-1", members)
        self._dms[people] = conv.id
        return conv, False

    def dm_channel(self, user_ids: tuple[str, ...]) -> str | None:
        return self._dms.get(frozenset(u for u in user_ids if u != self.bot_user_id))

    def resolve_channel(self, channel: Any) -> Conversation:
        """A channel id, or a user id meaning "the bot's DM with that user" (like Slack)."""
        if isinstance(channel, str) and channel[:1] in ("U", "W") and channel in self._people:
            if channel == self.bot_user_id:
                raise ApiError("channel_not_found")
            return self.open_dm([channel])[0]
        return self.conversation(channel)

    def conversation_object(self, conv: Conversation) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "id": conv.id,
            "created": conv.created,
            "is_archived": conv.is_archived,
            "is_im": conv.kind == "im",
            "is_mpim": conv.kind == "mpim",
            "is_private": conv.kind != "public",
            "context_team_id": self.team_id,
        }
        if conv.kind == "im":
            obj.update({"user": conv.name, "is_open": True})
            return obj
        obj.update(
            {
                "name": conv.name,
                "name_normalized": conv.name,
                "is_channel": conv.kind == "public",
                "is_group": conv.kind == "private",
                "is_general": False,
                "creator": conv.creator,
                "is_member": self.bot_user_id in conv.members,
                "num_members": len(conv.members),
                "topic": {"value": "", "creator": "", "last_set": 0},
                "purpose": {"value": "", "creator": "", "last_set": 0},
            }
        )
        return obj

    # messages and what people saw --------------------------------------------------------

    def post_message(
        self,
        conv: Conversation,
        *,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
        user: str | None = None,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
        seen_kind: str = "message",
    ) -> dict[str, Any]:
        """Store a message (from the bot unless ``user`` is given) and show it to the members."""
        author = user or self.bot_user_id
        message: dict[str, Any] = {"type": "message", "ts": self.next_ts(), "user": author}
        if author == self.bot_user_id:
            message.update({"bot_id": self.bot_id, "app_id": self.app_id})
        message.update({"text": text, "team": self.team_id, "channel": conv.id})
        if blocks is not None:
            message["blocks"] = blocks
        if thread_ts:
            message["thread_ts"] = thread_ts
        if metadata is not None:
            message["metadata"] = metadata
        conv.messages.append(message)
        self.show_members(conv, seen_kind, message)
        return message

    def find_message(self, conv: Conversation, ts: Any) -> dict[str, Any] | None:
        return next((m for m in conv.messages if m["ts"] == ts), None)

    def show_members(self, conv: Conversation, kind: str, message: dict[str, Any]) -> None:
        for member in conv.members:
            if member != message.get("user") and self.is_human(member):
                self.record_seen(
                    member,
                    kind,
                    channel=conv.id,
                    text=message.get("text", ""),
                    blocks=message.get("blocks"),
                    ts=message["ts"],
                )

    def record_seen(
        self,
        user_id: str,
        kind: str,
        *,
        text: str = "",
        blocks: list[dict[str, Any]] | None = None,
        channel: str | None = None,
        view: dict[str, Any] | None = None,
        ts: str | None = None,
    ) -> Seen:
        if kind not in SEEN_KINDS:
            raise ValueError(f"kind must be one of {sorted(SEEN_KINDS)}, not {kind!r}")
        seen = Seen(kind, self.now(), channel, text, blocks, view, ts)
        self.seen.setdefault(user_id, []).append(seen)
        return seen

    def post_ephemeral(
        self, conv: Conversation, user_id: str, text: str, blocks: list[dict[str, Any]] | None
    ) -> dict[str, Any]:
        """Show a message to one person only; kept so a driver can click its buttons later."""
        ts = self.next_ts()
        message: dict[str, Any] = {
            "type": "message",
            "ts": ts,
            "user": self.bot_user_id,
            "text": text,
        }
        if blocks is not None:
            message["blocks"] = blocks
        self.ephemerals[(conv.id, ts)] = {**message, "channel": conv.id, "to": user_id}
        self.record_seen(user_id, "ephemeral", channel=conv.id, text=text, blocks=blocks, ts=ts)
        return message
