"""The admin's view of a round: statistics and groups (names only, never answers)."""

from __future__ import annotations

from typing import Any

from bot.members.profile_options import INTERESTS
from bot.platform.periods import week_words
from bot.slack.words import plural

SHOWN_GROUPS = 25


def stats_line(stats: dict[str, Any]) -> str:
    return (
        f"eligible {stats['eligible']} · paired {stats['paired']} "
        f"({plural(stats['pairs'], 'pair')}, {plural(stats['trios'], 'trio')}) · "
        f"unpaired {len(stats['unpaired'])} · "
        f"paused {stats['paused']} · opted out {stats['opted_out']} · "
        f"skipping {stats['skipped']} · left {stats['left']} · repeats {stats['repeats']} · "
        f"friend re-pairings {stats['friends']} · "
        f"mean shared interests {stats['mean_shared_interests']} · seed {stats['seed']}"
    )


def preview_text(
    period: str, stats: dict[str, Any], groups: list[tuple[list[str], list[str]]], *, ran: bool
) -> str:
    """``groups``: (slack user ids, shared interest keys) per group."""
    title = f"*Round for the {week_words(period)}*" + (
        " (already sent)" if ran else " (preview: nothing sent)"
    )
    lines = [title, stats_line(stats)]
    for ids, shared in groups[:SHOWN_GROUPS]:
        who = " + ".join(f"<@{uid}>" for uid in ids)
        topics = ", ".join(INTERESTS.get(k, k) for k in shared[:4]) or "no shared interests"
        lines.append(f"• {who}: {topics}")
    if len(groups) > SHOWN_GROUPS:
        lines.append(f"… and {plural(len(groups) - SHOWN_GROUPS, 'more group')}")
    for item in stats["unpaired"]:
        lines.append(f"• <@{item['member']}> unpaired: {item['reason']}")
    return "\n".join(lines)
