"""The mentoring line of a member's App Home. A pure function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.platform.dates import day_words
from bot.slack.blocks import escape, section


@dataclass(frozen=True)
class HomeMentoring:
    """What a member's App Home says about mentoring: names and dates only, never a goal."""

    mentor: str | None = None  # their mentor's name
    mentor_session: date | None = None  # None: no monthly day picked yet
    mentees: tuple[tuple[str, date | None], ...] = ()
    asked: str | None = None  # the mentor they asked, who has not answered yet
    looking: bool = False  # an open request kept for the admins' match
    may_look: bool = True  # someone can be two levels above them
    offers: bool = False


def _next(day: date | None) -> str:
    return f"next session {day_words(day)}" if day else "pick your monthly day in your group DM"


def home_section(home: HomeMentoring) -> dict[str, Any]:
    """App Home's short mentoring line: your mentor and the next session, or how to find one."""
    lines = ["*Mentoring*"]
    if home.mentor:
        lines.append(f"Your mentor: {escape(home.mentor)}, {_next(home.mentor_session)}.")
    elif home.asked:
        lines.append(f"You've asked {escape(home.asked)}; I'll tell you when they answer.")
    elif home.looking:
        lines.append(
            "Your request for a mentor is open: ask one `/mentor find` suggests, or an "
            "admin's next match will find one."
        )
    elif home.may_look:
        lines.append("Looking for a mentor two levels up? `/mentor find` suggests three who fit.")
    lines += [f"You mentor {escape(name)}, {_next(day)}." for name, day in home.mentees]
    if len(lines) == 1:
        lines.append(
            "Your offer to mentor is open; `/mentor panel` shows it."
            if home.offers
            else "Would you mentor members two levels below you? `/mentor offer`"
        )
    return section("\n".join(lines))
