"""The table's messages before the lunch: the group DM brief 48 hours ahead (who's
coming, the guest, the table's questions), the calendar file's note, and the reminders the
day and the hour before. Pure builders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.lunches.blocks import LunchView, guest_line
from bot.lunches.times import community_when, slack_date
from bot.platform.dates import day_and_time, time_words
from bot.slack.blocks import context, escape, header, section, split_text
from bot.slack.words import plural

SHOWN_QUESTIONS = 15

NOT_A_QA = (
    "This is a conversation, not a Q&A: a small table, honest answers, and what is said "
    "here stays here. Bring one real problem you are working on."
)


@dataclass(frozen=True)
class Diner:
    name: str
    role: str  # "Senior PM, Globex", or ""


def brief(lunch: LunchView, tz: ZoneInfo, diners: Sequence[Diner], questions: Sequence[str]):
    """The table's group DM 48 hours before: who, the guest's bio, the questions."""
    guest = lunch.guest
    text = (
        f"Your tiny lunch with {guest.name} is in two days: {community_when(lunch.starts_at, tz)}"
        f", {lunch.place}. Who's coming and the table's questions are below."
    )
    who = "\n".join(
        f"• {escape(d.name)}" + (f" — {escape(d.role)}" if d.role else "") for d in diners
    )
    guest_part = guest_line(guest) + (f"\n{escape(guest.bio)}" if guest.bio else "")
    blocks: list[dict[str, Any]] = [
        header(f"Tiny lunch with {guest.name}"),
        section(f"*When:* {slack_date(lunch.starts_at, tz)}\n*Where:* {escape(lunch.place)}"),
        section(f"*Our guest*\n{guest_part}"),
        section(f"*Who's coming ({plural(len(diners), 'person', 'people')})*\n{who}"),
    ]
    if questions:
        shown = [f"• {escape(q)}" for q in questions[:SHOWN_QUESTIONS]]
        if len(questions) > SHOWN_QUESTIONS:
            shown.append(f"… and {len(questions) - SHOWN_QUESTIONS} more")
        for piece in split_text("*What the table would like to ask*\n" + "\n".join(shown)):
            blocks.append(section(piece))
    blocks.append(context(NOT_A_QA))
    return text, blocks


def calendar_text(lunch: LunchView) -> str:
    return f"The lunch with {lunch.guest.name} for your calendar: open the file to add it."


def day_before_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"Tomorrow: tiny lunch with {lunch.guest.name}, {day_and_time(lunch.starts_at, tz)} "
        f"(your time), {lunch.place}. {NOT_A_QA}"
    )


def hour_before_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"In an hour: tiny lunch with {lunch.guest.name} at {time_words(lunch.starts_at, tz)} "
        f"(your time), {lunch.place}. Enjoy it."
    )
