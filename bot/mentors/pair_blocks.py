"""The pair's messages: the group DM that starts a mentorship (with the monthly day to
pick), the first session's fit question, renewing, and the ways it ends. Pure functions;
fallback texts are plain."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.mentors.blocks import option
from bot.platform.dates import day_words
from bot.slack.blocks import actions_block, button, escape, plain, section, variant
from bot.slack.words import plural

SESSION_DAY = "mentor_session_day"  # option values "<mentorship id>:<day>"
FIT = "mentor_fit"  # mentor_fit:yes|no, value "<mentorship id>:yes|no"
FIND_OPEN = "mentor_find_open"
RENEW = "mentor_renew"  # value the mentorship id


def day_select(mentorship_id: int) -> dict[str, Any]:
    return {
        "type": "static_select",
        "action_id": SESSION_DAY,
        "placeholder": plain("Pick a day of the month"),
        "options": [
            option(f"{mentorship_id}:{day}", f"The {ordinal(day)} of each month")
            for day in range(1, 29)
        ],
    }


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def welcome_message(
    mentorship_id: int, mentor: str, mentee: str, goal: str, months: int
) -> tuple[str, list[dict[str, Any]]]:
    """The pair's group DM: each named once, the goal, a first agenda, the rhythm."""
    text = f"{mentee} and {mentor}: your mentorship starts today."
    blocks = [
        section(
            f"*{escape(mentee)}*, meet your mentor *{escape(mentor)}*. "
            f"You'll meet once a month for {plural(months, 'month')}.\n*The goal:* {escape(goal)}"
        ),
        section(
            "*A first agenda*\n"
            f"1. What each of you hopes for from the next {plural(months, 'month')}\n"
            "2. The goal: what would success look like?\n"
            "3. How you'll keep in touch between sessions"
        ),
        section(
            "*The monthly rhythm*\nPick a day of the month below. Two days before each "
            "session the mentee gets a nudge to send a recap (what changed, where to focus), "
            "which I pass on; the day after, one next step."
        ),
        actions_block([day_select(mentorship_id)], block_id=f"mentorship-{mentorship_id}"),
    ]
    return text, blocks


def day_set_text(day: int, first: date) -> str:
    return f"Your sessions are on the {ordinal(day)} of each month. First one: {day_words(first)}."


def fit_question(mentorship_id: int, other: str) -> tuple:
    text = f"How was your first session with {other}?"
    blocks = [
        section(f"How was your first session with *{escape(other)}*? Only I see your answer."),
        actions_block(
            [
                button("A good fit", variant(FIT, "yes"), f"{mentorship_id}:yes", style="primary"),
                button("Not a fit", variant(FIT, "no"), f"{mentorship_id}:no"),
            ],
            block_id=f"mentor-fit-{mentorship_id}",
        ),
    ]
    return text, blocks


def not_a_fit_for_mentee(mentor: str) -> tuple:
    text = (
        f"Your mentorship with {mentor} ends here, after the first session. Not every pair "
        "fits, and that's fine. Would you like another mentor?"
    )
    blocks = [section(escape(text), accessory=button("Find a mentor", FIND_OPEN))]
    return text, blocks


def not_a_fit_for_mentor(mentee: str) -> str:
    return (
        f"Your mentorship with {mentee} ends here, after the first session: not every pair "
        "fits. Thank you for your time."
    )


def ended_for_other(name: str) -> str:
    return (
        f"{name} has wrapped up your mentorship. Thank you for the time you gave it. "
        "Type /mentor find or /mentor offer whenever you're ready for the next one."
    )


def left_for_other(name: str) -> str:
    return (
        f"{name} has left Product Circle, so your mentorship ends here. Thank you for the "
        "time you gave it. Type /mentor find or /mentor offer whenever you're ready."
    )


def renew_question(mentorship_id: int, other: str, ends_on: date, months: int) -> tuple:
    text = (
        f"Your mentorship with {other} ends on {day_words(ends_on)}. Would you like to keep going?"
    )
    blocks = [
        section(
            f"Your mentorship with *{escape(other)}* ends on {day_words(ends_on)}. If you'd both "
            f"like to keep going, each press Renew and it runs another "
            f"{plural(months, 'month')}. If not, it ends that day with a thank-you; only I "
            "see what you choose.",
            accessory=button("Renew", RENEW, str(mentorship_id), style="primary"),
        )
    ]
    return text, blocks


def renewed_text(months: int, ends_on: date) -> str:
    return (
        f"You've both chosen to keep going: another {plural(months, 'month')}, "
        f"until {day_words(ends_on)}."
    )


def term_end_text(months: int) -> str:
    return (
        f"Your {plural(months, 'month')} of mentoring end today. Thank you both! If you'd like "
        "to keep meeting, carry on; /mentor find starts a new request whenever you like."
    )
