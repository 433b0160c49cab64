"""The tiny-lunch section of a member's App Home. A pure builder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from bot.lunches.upcoming_blocks import STATUS_WORDS, Upcoming
from bot.platform.dates import day_and_time
from bot.slack.blocks import escape, section

HOME_SHOWN = 3


def home_section(items: Sequence[Upcoming], tz: ZoneInfo) -> dict[str, Any] | None:
    """App Home's tiny-lunch lines: the lunches I asked for, with where I stand, and those
    I can still ask for; None when there is nothing for me (the section is left out)."""
    lines = []
    for item in items:
        lunch = item.lunch
        mine = STATUS_WORDS.get(item.status or "", "")
        if item.status in ("asked", "seated", "confirmed", "waitlisted"):
            lines.append(
                f"• {escape(lunch.guest.name)}, {day_and_time(lunch.starts_at, tz)}: {mine}"
            )
        elif item.open:
            lines.append(
                f"• {escape(lunch.guest.name)}, {day_and_time(lunch.starts_at, tz)}: sign-up open "
                f"until {day_and_time(lunch.closes_at, tz)}"
            )
    if not lines:
        return None
    shown = lines[:HOME_SHOWN]
    if len(lines) > HOME_SHOWN:
        shown.append(f"… and {len(lines) - HOME_SHOWN} more")
    return section(
        "*Tiny lunches* (your time; `/lunch` to ask or give a seat back)\n" + "\n".join(shown)
    )
