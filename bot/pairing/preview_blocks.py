"""The admin's view of a round: statistics and groups (names only, never answers)."""

from __future__ import annotations

from typing import Any

from bot.members.profile_options import INTERESTS

SHOWN_GROUPS = 25


def stats_line(stats: dict[str, Any]) -> str:
    return (
        f"eligible {stats['eligible']} · paired {stats['paired']} "
        f"({stats['pairs']} pairs, {stats['trios']} trios) · unpaired {len(stats['unpaired'])} · "
        f"paused {stats['paused']} · opted out {stats['opted_out']} · "
        f"skipping {stats['skipped']} · left {stats['left']} · repeats {stats['repeats']} · "
        f"friend re-pairings {stats['friends']} · "
        f"mean shared interests {stats['mean_shared_interests']} · seed {stats['seed']}"
    )


def preview_text(
    period: str, stats: dict[str, Any], groups: list[tuple[list[str], list[str]]], *, ran: bool
) -> str:
    """``groups``: (slack user ids, shared interest keys) per group."""
    title = f"*Round {period}*" + (" (already sent)" if ran else " (preview: nothing sent)")
    lines = [title, stats_line(stats)]
    for ids, shared in groups[:SHOWN_GROUPS]:
        who = " + ".join(f"<@{uid}>" for uid in ids)
        topics = ", ".join(INTERESTS.get(k, k) for k in shared[:4]) or "no shared interests"
        lines.append(f"• {who}: {topics}")
    if len(groups) > SHOWN_GROUPS:
        lines.append(f"… and {len(groups) - SHOWN_GROUPS} more groups")
    for item in stats["unpaired"]:
        lines.append(f"• <@{item['member']}> unpaired: {item['reason']}")
    return "\n".join(lines)
