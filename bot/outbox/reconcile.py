"""What the outbox may do when a send was cut off: look, or leave it alone.

``chat.postMessage`` has no idempotency key, so after a crash, a timeout or a dropped
connection the bot cannot know whether Slack has the message. Finding out means reading
the conversation's history, which needs a ``*:history`` scope: in the default manifest those
are optional (``bot_optional``), because they would let the bot read every pair's group DM
and every circle channel. Slack says which scopes an installation granted in the
``X-OAuth-Scopes`` header of every Web API response; the outbox follows it:

* **at most once** (no history scope for that conversation): the row is marked ``uncertain``,
  never posted again, and counted in the admins' alert;
* **look first** (the scope is granted): one ``conversations.history`` (or, for a thread
  reply, ``conversations.replies``) call over a narrow window around the attempt, at most
  ``LOOKUP_LIMIT`` messages, never a second page, matched on the outbox key in the
  message's metadata. Only whether the key was found is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# The history scope each kind of conversation needs (Slack's conversations.history docs).
HISTORY_SCOPES: dict[str, str] = {
    "im": "im:history",
    "mpim": "mpim:history",
    "public": "channels:history",
    "private": "groups:history",
}
OPTIONAL_SCOPES = frozenset(HISTORY_SCOPES.values())

# Since 2025-05-29 Slack gives commercially distributed non-Marketplace apps 1 history
# request a minute and at most 15 messages each; stay inside that always.
# https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps
LOOKUP_LIMIT = 15
# Our clock against Slack's message timestamps: NTP keeps them well within this.
CLOCK_SKEW = timedelta(minutes=1)


def scopes_from_headers(headers: Mapping[str, Any]) -> frozenset[str] | None:
    """The scopes in ``X-OAuth-Scopes`` (any case; slack_sdk may keep lists of values),
    or None when the header is missing."""
    for name, value in headers.items():
        if name.lower() == "x-oauth-scopes":
            raw = ",".join(value) if isinstance(value, list | tuple) else str(value)
            return frozenset(scope.strip() for scope in raw.split(",") if scope.strip())
    return None


@dataclass(frozen=True)
class Grant:
    """The scopes Slack granted this installation; None when Slack did not say."""

    scopes: frozenset[str] | None

    @property
    def history_scopes(self) -> frozenset[str] | None:
        return None if self.scopes is None else self.scopes & OPTIONAL_SCOPES

    def may_look(self, acceptable: frozenset[str]) -> bool:
        """Whether a look-up needing one of ``acceptable`` is worth asking Slack for. When
        Slack did not say what it granted we ask, and a ``missing_scope`` answer means
        "cannot check" (the same outcome as not looking)."""
        return self.scopes is None or bool(self.scopes & acceptable)

    def describe(self) -> str:
        """One line for the start-up log: which delivery promise this installation gets."""
        history = self.history_scopes
        if history is None:
            return (
                "Slack sent no X-OAuth-Scopes header: the outbox will try a history look-up "
                "when a send was cut off, and treat a refusal as 'cannot check' (never re-sent)"
            )
        if not history:
            return (
                "no history scopes granted: a message whose send was cut off is marked "
                "uncertain and never sent again (at most once); admins are told how many"
            )
        return (
            f"history scopes granted ({', '.join(sorted(history))}): a message whose send "
            "was cut off is looked up among the bot's own recent messages first (exactly once)"
        )


def acceptable_scopes(to: Mapping[str, Any], channel: str) -> frozenset[str]:
    """Scopes any one of which lets the bot read this conversation's history. A DM or group
    DM is known from whom it is for; a channel given by id may be public or private."""
    users = to.get("users") or []
    if users:
        return frozenset({HISTORY_SCOPES["im" if len(users) == 1 else "mpim"]})
    if channel.startswith("D"):
        return frozenset({HISTORY_SCOPES["im"]})
    return frozenset({HISTORY_SCOPES["public"], HISTORY_SCOPES["private"], HISTORY_SCOPES["mpim"]})


def lookup_window(started: datetime, lease: timedelta) -> tuple[datetime, datetime]:
    """Where the message can be, if it was posted: from when the attempt began until its
    lease ran out (the lease outlasts the longest a client call can block), with margin
    for the clocks."""
    return started - CLOCK_SKEW, started + lease + CLOCK_SKEW


@dataclass(frozen=True)
class Lookup:
    """What a look-up learned: our message's ts, or that it is not there, or nothing sure."""

    ts: str | None = None
    certain: bool = True

    @property
    def found(self) -> bool:
        return self.ts is not None


NOT_THERE = Lookup()
CANNOT_TELL = Lookup(certain=False)
