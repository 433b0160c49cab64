"""Mentors proposed to a member who is looking (the find form's answer, or another one
later by DM), and the mentor's private ask with Accept / Not now. Pure functions; fallback
texts are plain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.members.names import first_name
from bot.mentors.fit import Fit
from bot.mentors.topics import TOPICS, labels
from bot.slack.blocks import (
    actions_block,
    button,
    context,
    escape,
    modal,
    section,
    split_text,
    variant,
)
from bot.slack.words import and_list

REQUEST = "mentor_request"  # mentor_request:<mentor id>, value "<request id>:<mentor id>"
ACCEPT = "mentor_accept"
DECLINE = "mentor_decline"


def fit_lines(fit: Fit, name: str, company: str | None) -> str:
    where = f", {escape(company)}" if company else ""
    reasons = "\n".join(f"• {r}" for r in fit.reasons)
    return f"*{escape(name)}*{where}\n{reasons}"


def proposals_view(
    request_id: int, shown: Sequence[tuple[Fit, str, str | None]], notice: str = ""
) -> dict:
    """The find form's answer: up to three mentors with why, each with its own button."""
    if not shown:
        return nothing_view("room", notice)
    return modal("Mentors for you", _proposal_blocks(request_id, shown, notice), close="Close")


def _proposal_blocks(
    request_id: int, shown: Sequence[tuple[Fit, str, str | None]], notice: str
) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [section(escape(notice))] if notice else []
    blocks.append(section("These mentors fit your goal. Ask one; I'll tell you when they answer."))
    for fit, name, company in shown:
        mentor_id = fit.mentor.member_id
        blocks.append(
            section(
                fit_lines(fit, name, company),
                block_id=f"mentor-{mentor_id}",
                accessory=button(
                    f"Ask {first_name(name)}",
                    variant(REQUEST, str(mentor_id)),
                    f"{request_id}:{mentor_id}",
                ),
            )
        )
    return blocks


def filled_up(name: str) -> str:
    return f"{name} just filled up, so I haven't asked them."


def filled_up_message(
    request_id: int, shown: Sequence[tuple[Fit, str, str | None]], name: str
) -> tuple[str, list[dict[str, Any]]]:
    """A mentor's last place went a moment before the ask (clicked in a DM): say so, and
    show the others who fit now in place of the stale button."""
    notice = filled_up(name)
    if not shown:
        text = f"{notice} {NONE_FOUND['room']}"
        return text, [section(escape(notice)), section(NONE_FOUND["room"])]
    names = [name for _, name, _ in shown]
    text = f"{notice} Others who fit your goal: {and_list(names)}."
    return text, _proposal_blocks(request_id, shown, notice)


NONE_FOUND = {
    "level": "Nobody here is two levels above you yet, so I can't propose a mentor. "
    "Your request is kept: an admin's next match will include it.",
    "room": "The mentors who fit you have no room right now. Your request is kept, and "
    "I'll include it in the next match when a place opens.",
    "other": "I couldn't find a mentor at another company who fits right now. Your request "
    "is kept for the next match.",
}


def nothing_view(reason: str, notice: str = "") -> dict[str, Any]:
    blocks = [section(escape(notice))] if notice else []
    blocks.append(section(NONE_FOUND.get(reason, NONE_FOUND["other"])))
    return modal("Mentors for you", blocks, close="Close")


def asked_view(name: str) -> dict[str, Any]:
    return modal(
        "Mentors for you",
        [section(f"I've asked {escape(name)}. You'll hear from me when they answer.")],
        close="Close",
    )


def ask_message(request_id: int, mentee: str, goal: str, details: dict[str, str]) -> tuple:
    """The mentor's private ask: the goal, and Accept / Decline."""
    text = f"{mentee} would like you as their mentor."
    lines = [f"*{escape(mentee)}* would like you as their mentor.", f"*Goal:* {escape(goal)}"]
    lines += [f"*{k}:* {escape(v)}" for k, v in details.items() if v]
    # The goal and what they'd like help with are 1,000 characters each, longer once
    # escaped (&amp;): split rather than cut at Slack's 3,000 per section.
    blocks = [
        *(section(part) for part in split_text("\n".join(lines))),
        actions_block(
            [
                button("Accept", ACCEPT, str(request_id), style="primary"),
                button("Not now", DECLINE, str(request_id)),
            ],
            block_id=f"mentor-ask-{request_id}",
        ),
        context(
            "Only you see this. If you say not now, they aren't told: I'll suggest someone else."
        ),
    ]
    return text, blocks


def next_proposal_message(request_id: int, fit: Fit, name: str, company: str | None) -> tuple:
    """Another mentor for a mentee whose ask did not turn into a match (never says why)."""
    text = f"Another mentor who fits your goal: {name}."
    blocks = [
        section("Here's another mentor who fits your goal:"),
        section(
            fit_lines(fit, name, company),
            block_id=f"mentor-{fit.mentor.member_id}",
            accessory=button(
                f"Ask {first_name(name)}",
                variant(REQUEST, str(fit.mentor.member_id)),
                f"{request_id}:{fit.mentor.member_id}",
            ),
        ),
    ]
    return text, blocks


STILL_LOOKING = (
    "I'm still looking for the right mentor for your goal. Your request is kept, and an "
    "admin's next match will include it."
)

ADMIN_ASKED = (
    "Good news: an admin's match found a mentor who fits your goal, and I've asked them. "
    "You'll hear from me when they answer."
)


def topic_words(keys: Sequence[str]) -> str:
    return and_list(labels(list(keys), TOPICS))
