"""`/circle rates` for admins: how each circle's week is going, and where to lend a hand.

Counts only, never what anyone wrote. Circles that have gone quiet come first, each with a
move an admin can make; the rest get one line each without zero-noise ("0 skipped").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.slack.blocks import escape
from bot.slack.words import plural


@dataclass(frozen=True)
class CircleWeek:
    """One circle's check-in counts for the admin's view."""

    name: str
    peers: int
    answered: int
    skipped: int
    quiet_two_weeks: bool  # asked last week and this week, and nobody answered either time
    guide: str | None  # the guide's Slack id, for the suggested move


def _quiet_line(circle: CircleWeek) -> str:
    name = f"*{escape(circle.name)}*"
    if circle.guide:
        return (
            f"• {name} has had no check-ins last week or so far this week. A word with "
            f"<@{circle.guide}>, its guide, could help it restart."
        )
    return (
        f"• {name} has had no check-ins last week or so far this week, and it has no guide. "
        "A short hello from you in its channel could help it restart."
    )


def _line(circle: CircleWeek) -> str:
    name = f"*{escape(circle.name)}*"
    if not circle.peers:
        return f"• {name} has no peers yet: `/circle add @person` places a member where they fit."
    if not circle.answered and not circle.skipped:
        return f"• {name} — {plural(circle.peers, 'peer')}, check-ins still to come."
    parts = []
    if circle.answered:
        parts.append(f"{circle.answered} of {plural(circle.peers, 'peer')} checked in")
    if circle.skipped:
        parts.append(f"{circle.skipped} skipping this week")
    return f"• {name} — {', '.join(parts)}."


def rates_text(week: str, circles: Sequence[CircleWeek]) -> str:
    """The admin's reply: a one-line summary, circles needing a hand first, then the rest."""
    peers = sum(c.peers for c in circles)
    answered = sum(c.answered for c in circles)
    summary = f"*Check-ins, {week}* — {plural(len(circles), 'circle')}"
    if answered:
        summary += f", {answered} of {plural(peers, 'peer')} checked in so far."
    else:
        summary += f", {plural(peers, 'peer')}; check-ins still to come."
    quiet = [c for c in circles if c.quiet_two_weeks and c.peers]
    rest = [c for c in circles if c not in quiet]
    lines = [summary]
    if quiet:
        lines += ["*Might need a hand*", *(_quiet_line(c) for c in quiet)]
        if rest:
            lines.append("*The others*")
    lines += [_line(c) for c in rest]
    lines.append("Counts only: what people write stays in each circle's thread.")
    return "\n".join(lines)
