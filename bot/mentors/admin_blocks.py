"""What admins read about mentoring: the match preview with Publish (names only, never
goals), its answer, and `/mentor status` in numbers. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.slack.blocks import actions_block, button, context, escape, section
from bot.slack.words import plural

PUBLISH = "mentor_match_publish"
PREVIEW_ROWS = 30


MATCH_CHANGED = "The match changed since the preview; here it is again."


def changed_message(preview: tuple[str, list[dict[str, Any]]]) -> tuple[str, list[dict[str, Any]]]:
    """A fresh preview when Publish found the match had moved on: the notice is in the blocks
    too, since Slack shows the blocks, not the fallback text."""
    text, blocks = preview
    return f"{MATCH_CHANGED} {text}", [section(MATCH_CHANGED), *blocks]


def preview_message(
    rows: Sequence[tuple[str, str]],
    open_requests: int,
    mentors_with_room: int,
    digest: str,
    cohort: str = "",
) -> tuple[str, list[dict[str, Any]]]:
    """Who would be matched with whom: names only, never goals."""
    stay = open_requests - len(rows)
    scope = f" for {escape(cohort)}" if cohort else ""
    summary = (
        f"Mentor match preview{scope}: {plural(open_requests, 'open request')}, "
        f"{plural(mentors_with_room, 'mentor')} with room. "
        f"{plural(len(rows), 'match', 'matches')}; {stay} {'stays' if stay == 1 else 'stay'} open."
    )
    blocks: list[dict[str, Any]] = [section(summary)]
    if rows:
        shown = [f"• {escape(a)} → {escape(b)}" for a, b in rows[:PREVIEW_ROWS]]
        if len(rows) > PREVIEW_ROWS:
            shown.append(f"… and {len(rows) - PREVIEW_ROWS} more")
        blocks.append(section("\n".join(shown)))
        blocks.append(
            actions_block(
                [button("Publish", PUBLISH, digest, style="primary")], block_id="mentor-match"
            )
        )
        blocks.append(context("Nothing is sent until you publish. Each mentor is asked first."))
    return summary, blocks


def published_text(asked: int) -> str:
    return f"Published: {plural(asked, 'mentor')} asked. Mentees hear once their mentor says yes."


def status_text(counts: dict[str, int]) -> str:
    return (
        "*Mentoring in numbers*\n"
        f"• {plural(counts['mentors'], 'mentor')} offering, "
        f"{plural(counts['seats'], 'seat')} free\n"
        f"• {plural(counts['open'], 'open request')}, "
        f"{counts['asked']} waiting on a mentor's answer\n"
        f"• {plural(counts['active'], 'active pair')}, "
        f"{plural(counts['recaps'], 'session')} with a recap\n"
        f"• First-session answers: {counts['fit_yes']} a good fit, {counts['fit_no']} not a fit"
    )
