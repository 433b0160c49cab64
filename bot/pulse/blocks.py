"""Block Kit for the pulse: the five lines (DM, `/pulse`, App Home) and the longer
report. Pure functions of the figures; names (quiet members, cohorts, circles) escaped."""

from __future__ import annotations

from typing import Any

from bot.pulse.figures import MIN_ANSWERS, Pulse
from bot.pulse.lines import empty_week, five_lines, headline, report
from bot.slack.blocks import context, divider, escape, header, section, split_text

RULE = (
    f"Counts and rates only. A rate or average with fewer than {MIN_ANSWERS} answers behind "
    "it shows —, so no figure can point at one person."
)


def five_lines_text(pulse: Pulse) -> str:
    """The five lines as mrkdwn, or the sentence for a week with nothing recorded."""
    empty = empty_week(pulse)
    if empty:
        return empty
    return "\n".join(f"• *{label}:* {figure}" for label, figure in five_lines(pulse))


def pulse_blocks(pulse: Pulse, *, chart_note: str | None = None) -> list[dict[str, Any]]:
    """The weekly DM and `/pulse`: the five lines, then the report by topic."""
    blocks: list[dict[str, Any]] = [
        header(headline(pulse)),
        section(five_lines_text(pulse)),
        divider(),
    ]
    for topic, lines in [] if empty_week(pulse) else report(pulse):
        body = "\n".join(f"• {escape(line)}" for line in lines)
        # A line per cohort and the words members searched for have no fixed length:
        # split at Slack's 3,000 per section rather than cut.
        blocks += [section(part) for part in split_text(f"*{topic}*\n{body}")]
    notes = [RULE] + ([chart_note] if chart_note else [])
    blocks.append(context(" ".join(notes)))
    return blocks


def home_section(pulse: Pulse) -> list[dict[str, Any]]:
    """Admins' App Home: the same five lines, and where the rest is."""
    return [
        divider(),
        section(f"*{escape(headline(pulse))}* (admins only)\n{five_lines_text(pulse)}"),
        context("`/pulse` shows the whole picture and sends the chart; `/pulse csv` the figures."),
    ]
