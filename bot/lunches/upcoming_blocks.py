"""What's coming up: a member's `/lunch` (with where they stand and the button where
they can still ask) and the admins' `/lunch list` (counts only, never questions or
takeaways). Pure builders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.lunches.blocks import ASK, LunchView, guest_line
from bot.platform.dates import day_and_time
from bot.slack.blocks import actions_block, button, context, escape, section
from bot.slack.words import plural

SHOWN_LUNCHES = 15  # three blocks each at most: within a message's 50


@dataclass(frozen=True)
class Upcoming:
    lunch: LunchView
    status: str | None  # the member's sign-up status, or None
    open: bool  # sign-up still open


STATUS_WORDS = {
    "asked": "you asked for a seat",
    "seated": "you have a seat: please confirm",
    "confirmed": "you have a seat",
    "waitlisted": "you're on the waitlist",
    "gave_back": "you gave your seat back",
    "expired": "your seat went to the waitlist",
    "withdrawn": "you left the list",
}


def upcoming_message(items: Sequence[Upcoming], tz: ZoneInfo):
    """`/lunch`: what's coming, with my status and the button where I can still ask."""
    if not items:
        return (
            "No tiny lunches are planned right now. They're announced in the channel, and "
            "members whose interests match get a DM.",
            None,
        )
    text = f"{plural(len(items), 'tiny lunch', 'tiny lunches')} coming up."
    blocks: list[dict[str, Any]] = [section(f"*{escape(text)}* Times are yours.")]
    for item in items[:SHOWN_LUNCHES]:
        lunch = item.lunch
        mine = STATUS_WORDS.get(item.status or "", "")
        state = f" · {mine}" if mine else ""
        line = (
            f"*#{lunch.id}* {guest_line(lunch.guest)}\n{day_and_time(lunch.starts_at, tz)} · "
            f"{escape(lunch.place)} · {plural(lunch.seats, 'seat')}{state}"
        )
        blocks.append(section(line))
        if item.open and item.status in (None, "withdrawn"):
            blocks.append(
                actions_block(
                    [button("I'd like a seat", ASK, str(lunch.id))], block_id=f"lunch_{lunch.id}"
                )
            )
        elif item.status in ("asked", "seated", "confirmed", "waitlisted"):
            blocks.append(context(f"To give it back: `/lunch leave {lunch.id}`"))
    if len(items) > SHOWN_LUNCHES:
        blocks.append(context(f"… and {len(items) - SHOWN_LUNCHES} more, further ahead"))
    return text, blocks


@dataclass(frozen=True)
class AdminRow:
    lunch: LunchView
    status: str
    counts: dict[str, int]


def admin_list_text(rows: Sequence[AdminRow], tz: ZoneInfo) -> str:
    """`/lunch list`: counts only, never questions or takeaways."""
    if not rows:
        return "No tiny lunches are coming up. Plan one with `/lunch new`."
    lines = [f"*{plural(len(rows), 'tiny lunch', 'tiny lunches')} coming up*"]
    for row in rows:
        lunch, n = row.lunch, row.counts
        asked = sum(n.values())
        head = (
            f"• *#{lunch.id}* {escape(lunch.guest.name)}, {day_and_time(lunch.starts_at, tz)} · "
            f"{plural(lunch.seats, 'seat')} · {plural(asked, 'sign-up')}"
        )
        if row.status == "planned":
            head += f" · sign-up closes {day_and_time(lunch.closes_at, tz)}"
        else:
            at_table = n.get("seated", 0) + n.get("confirmed", 0)
            head += (
                f" · {at_table} seated ({n.get('confirmed', 0)} confirmed), "
                f"{n.get('waitlisted', 0)} waiting"
            )
        lines.append(head)
    return "\n".join(lines)
