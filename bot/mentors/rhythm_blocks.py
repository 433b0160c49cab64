"""The monthly rhythm's prompts: the mentee's recap before a session (and the mentor's
copy), the next step after it, and the nudge to give something back. Pure functions;
fallback texts are plain."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.mentors.blocks import text_input
from bot.platform.dates import day_words
from bot.slack.blocks import button, context, escape, input_block, modal, section, split_text

RECAP_FORM = "mentor_recap"
NEXT_STEP_FORM = "mentor_next_step"
RECAP_OPEN = "mentor_recap_open"  # value "<mentorship id>:<month>"
NEXT_STEP_OPEN = "mentor_next_step_open"


def recap_prompt(
    mentorship_id: int, month: str, mentor: str, session_on: date, last_step: str | None
) -> tuple:
    text = f"Your session with {mentor} is on {day_words(session_on)}. Send a recap beforehand?"
    blocks = [
        section(
            f"Your session with *{escape(mentor)}* is on {day_words(session_on)}. A short recap "
            "helps them prepare: what changed since last time, and where you'd like their focus.",
            accessory=button("Write recap", RECAP_OPEN, f"{mentorship_id}:{month}"),
        )
    ]
    if last_step:
        blocks.append(context(f"Your next step last time: {escape(last_step)}"))
    return text, blocks


def recap_modal(mentorship_id: int, month: str, mentor: str) -> dict[str, Any]:
    return modal(
        "Recap",
        [
            section(f"Only {escape(mentor)} sees this."),
            input_block("changed", "What changed since last time", text_input(multiline=True)),
            input_block("focus", "Where I'd like your focus", text_input(multiline=True)),
        ],
        submit="Send",
        callback_id=RECAP_FORM,
        private_metadata=f"{mentorship_id}:{month}",
    )


def recap_message(mentee: str, session_on: date, changed: str, focus: str) -> tuple:
    text = f"{mentee}'s recap before your session on {day_words(session_on)}."
    blocks = [
        section(f"*{escape(mentee)}'s recap* before your session on {day_words(session_on)}"),
        # Each answer is up to MAX_TEXT, longer once escaped: split, never cut at 3,000.
        *(section(p) for p in split_text(f"*What changed since last time*\n{escape(changed)}")),
        *(section(p) for p in split_text(f"*Where I'd like your focus*\n{escape(focus)}")),
    ]
    return text, blocks


def next_step_prompt(mentorship_id: int, month: str, mentor: str) -> tuple:
    text = f"After your session with {mentor}: what's one next step?"
    blocks = [
        section(
            f"After your session with *{escape(mentor)}*: what's one next step you'll take?",
            accessory=button("Note a next step", NEXT_STEP_OPEN, f"{mentorship_id}:{month}"),
        )
    ]
    return text, blocks


def next_step_modal(mentorship_id: int, month: str) -> dict[str, Any]:
    return modal(
        "Next step",
        [input_block("next_step", "One next step", text_input(multiline=True))],
        submit="Save",
        callback_id=NEXT_STEP_FORM,
        private_metadata=f"{mentorship_id}:{month}",
    )


def mutual_text(mentor: str) -> str:
    return (
        f"Is there something you could offer {mentor}? Mentoring works best both ways: an "
        "outside view on their product, a connection, or mentoring someone in their team."
    )
