"""Circle messages: the proposal admins review, and the welcome in a new circle's channel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.circles.grouping import Proposal, ProposedCircle
from bot.members.profile_options import LEVELS
from bot.platform.settings import Settings
from bot.slack.blocks import actions_block, button, context, escape, section, truncate
from bot.slack.words import plural
from storage.models import Circle, CircleRole, Member

ACCEPT = "circle_form_accept"
REGENERATE = "circle_form_regenerate"
SHOWN = 15  # circles listed in full; the rest are counted (Block Kit limits)


def _who(member: Member) -> str:
    level = LEVELS.get(member.level or "", "level unknown")
    company = escape(truncate(member.company, 40)) if member.company else "company unknown"
    return f"<@{member.slack_user_id}> ({level}, {company})"


def _hours_lines(circle: ProposedCircle, members: Mapping[int, Member]) -> list[str]:
    """When the circle can meet, and who is in it only as the nearest circle for them."""
    lines = []
    if circle.hours:
        label = "shared hours" if circle.meets else "shared hours (too few)"
        lines.append(f"_{label} {circle.hours}_")
    lines += [f":warning: <@{members[m].slack_user_id}> — {escape(why)}" for m, why in circle.far]
    return lines


def proposal_message(
    proposal: Proposal, members: Mapping[int, Member]
) -> tuple[str, list[dict[str, Any]]]:
    """Ephemeral for the admin: the circles, who could not be placed and why, two buttons."""
    n = len(proposal.circles)
    text = f"Proposed {plural(n, 'circle')}"
    if not n and not proposal.unplaced:
        return "Nobody is waiting for a circle.", [
            section("Every active member is already in a circle. Nothing to form.")
        ]
    blocks = [section(f"*{text}*. Nothing is created until you accept.")]
    for i, circle in enumerate(proposal.circles[:SHOWN], start=1):
        lines = [f"*Circle {i}* — guide {_who(members[circle.guide])}"]
        lines += [f"• {_who(members[p])}" for p in circle.peers]
        lines += _hours_lines(circle, members)
        blocks.append(section("\n".join(lines)))
    if n > SHOWN:
        blocks.append(context(f"… and {n - SHOWN} more circles"))
    if proposal.unplaced:
        lines = [f"*Not placed ({len(proposal.unplaced)}):*"]
        lines += [
            f"• <@{members[i].slack_user_id}> — {escape(why)}" for i, why in proposal.unplaced[:20]
        ]
        if len(proposal.unplaced) > 20:
            lines.append(f"… and {len(proposal.unplaced) - 20} more")
        blocks.append(section("\n".join(lines)))
    buttons = [button("Regenerate", REGENERATE, str(proposal.seed + 1))]
    if n:
        accept = button("Accept", ACCEPT, str(proposal.seed), style="primary")
        accept["confirm"] = {
            "title": {"type": "plain_text", "text": "Create these circles?"},
            "text": {
                "type": "mrkdwn",
                "text": f"I'll create {plural(n, 'private channel')} and invite "
                "everyone. Check-ins start on the next check-in day.",
            },
            "confirm": {"type": "plain_text", "text": "Create"},
            "deny": {"type": "plain_text", "text": "Not yet"},
        }
        buttons.insert(0, accept)
    blocks.append(actions_block(buttons))
    return text, blocks


def formed_text(circles: Sequence[Circle]) -> str:
    names = ", ".join(c.name for c in circles)
    return (
        f"Formed {plural(len(circles), 'circle')}: {names}. Their "
        "private channels appear within a minute, with everyone invited and a welcome."
    )


DAY_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip


def circle_welcome(
    circle: Circle, people: Sequence[tuple[Member, str]], settings: Settings
) -> tuple[str, list[dict[str, Any]]]:
    guide = [m for m, role in people if role == CircleRole.GUIDE]
    peers = [m for m, role in people if role == CircleRole.PEER]
    names = ", ".join(f"<@{m.slack_user_id}>" for m in peers)
    lead = f"*Welcome to {escape(circle.name)}!* :seedling: {names}"
    if guide:
        lead += f", with <@{guide[0].slack_user_id}> as your guide."
    return f"Welcome to {circle.name}", [
        section(lead),
        section(
            "*The rhythm*\n"
            f"• *{DAY_NAMES[settings.checkin_day]} {settings.checkin_time}* (your own time): "
            "a check-in DM: a win, a challenge, where you'd like help. Answers are shared "
            "here, in that week's thread, and nowhere else.\n"
            f"• *{DAY_NAMES[settings.reminder_day]}:* one last call if you haven't answered. "
            "`/circle skip` skips a week.\n"
            "• *Whenever someone has a rough week*, the others get a quiet nudge to reach out.\n"
            "• Meet every week if you can: a 30-minute call is plenty."
        ),
        context("What is said in this circle stays in this circle."),
    ]


def joined_text(member: Member) -> str:
    return f":wave: Please welcome <@{member.slack_user_id}>, who joins this circle today."
