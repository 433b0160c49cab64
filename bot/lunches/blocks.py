"""What members, guests and admins read about tiny lunches: the lunch as every builder
sees it, and its announcement (the channel post, an invited member's DM, the admin's answer).

Pure builders returning messages as (text, blocks); the other surfaces have their own
modules (seat_blocks, brief_blocks, takeaway_blocks, upcoming_blocks, home_blocks). Times
are in the reader's own zone (``tz``); a message several people read at once (the channel
post, the table's group DM) uses Slack's date token instead. The ``text`` of each message
is what notifications show: plain words, names, no markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.lunches.times import community_when, slack_date
from bot.members.names import first_name
from bot.members.profile_options import INTERESTS
from bot.slack.blocks import actions_block, button, context, escape, header, section
from bot.slack.words import plural

ASK = "lunch_ask"


@dataclass(frozen=True)
class Guest:
    name: str
    user_id: str | None  # None for an outside guest
    title: str | None
    company: str | None
    bio: str | None

    @property
    def first_name(self) -> str:
        return first_name(self.name)

    @property
    def role(self) -> str:
        """ "VP Product, Globex" — whatever of the two we know."""
        return ", ".join(part for part in (self.title, self.company) if part)


@dataclass(frozen=True)
class LunchView:
    """A lunch as the builders need it (no ORM rows here)."""

    id: int
    guest: Guest
    starts_at: datetime
    closes_at: datetime
    place: str
    seats: int
    tags: tuple[str, ...]


def guest_line(guest: Guest) -> str:
    """The guest's name in bold and their role: how every lunch message names them."""
    role = f" — {escape(guest.role)}" if guest.role else ""
    return f"*{escape(guest.name)}*{role}"


def _topics(tags: Sequence[str]) -> str:
    return ", ".join(INTERESTS.get(t, t) for t in tags)


def announcement(lunch: LunchView, tz: ZoneInfo, *, greeting: str | None = None):
    """The channel post (``greeting`` None) or an invited member's DM, with the button."""
    guest = lunch.guest
    text = (
        f"Tiny lunch with {guest.name} on {community_when(lunch.starts_at, tz)}: "
        f"{plural(lunch.seats, 'seat')}. Ask for one before "
        f"{community_when(lunch.closes_at, tz)}."
    )
    lines = [guest_line(guest)]
    if guest.bio:
        lines.append(escape(guest.bio))
    lines.append(f"*When:* {slack_date(lunch.starts_at, tz)}\n*Where:* {escape(lunch.place)}")
    lines.append(
        f"*{plural(lunch.seats, 'seat')}* · sign-up closes {slack_date(lunch.closes_at, tz)}"
    )
    if lunch.tags:
        lines.append(f"*Topics:* {_topics(lunch.tags)}")
    blocks: list[dict[str, Any]] = [header(f"Tiny lunch with {guest.name}")]
    if greeting:
        blocks.append(section(greeting))
    blocks += [
        section("\n".join(lines)),
        context(
            "Seats go first to members who have had the fewest this season, not to whoever "
            "clicks first. Everyone who asks hears back."
        ),
        actions_block(
            [button("I'd like a seat", ASK, str(lunch.id), "primary")],
            block_id=f"lunch_{lunch.id}",
        ),
    ]
    return text, blocks


def announcement_closed(lunch: LunchView, tz: ZoneInfo, *, cancelled: bool, asked: int = 0):
    """The channel post once sign-up is over: the same lunch, without the button, saying
    why (an edit of the announcement, so the channel never shows a button that refuses)."""
    text, blocks = announcement(lunch, tz)
    if cancelled:
        note = "This lunch was cancelled. Everyone who asked for a seat has heard from me."
        text = f"Cancelled: tiny lunch with {lunch.guest.name}."
    else:
        note = (
            f"Sign-up is closed: {plural(asked, 'member')} asked for "
            f"{plural(lunch.seats, 'seat')}, and everyone who asked has heard back. "
            "`/lunch` shows the next lunches."
        )
        text = f"Sign-up closed: tiny lunch with {lunch.guest.name} on " + community_when(
            lunch.starts_at, tz
        )
    kept = [b for b in blocks if b.get("type") not in ("actions", "context")]
    return text, [*kept, context(note)]


def invitation(lunch: LunchView, first_name: str, tz: ZoneInfo):
    greeting = (
        f"Hi {escape(first_name)}, this lunch's topics match your interests, so you're invited."
    )
    text, blocks = announcement(lunch, tz, greeting=greeting)
    return f"Hi {first_name}, you're invited. {text}", blocks


def planned_text(lunch: LunchView, tz: ZoneInfo, invited: int | None) -> str:
    """The admin's answer once the form went through."""
    told = (
        f", and {plural(invited, 'member')} whose interests match are invited by DM"
        if invited is not None
        else ""
    )
    return (
        f"Lunch #{lunch.id} with {lunch.guest.name} is planned for "
        f"{community_when(lunch.starts_at, tz)} and announced in the channel{told}."
    )
