"""Block Kit for mentoring: the offer and find forms, and the pieces every mentoring form
is built from. Pure functions, like their siblings: proposal_blocks (the mentors proposed
and the mentor's private ask), pair_blocks (the pair's group DM and its turning points),
rhythm_blocks (the monthly prompts), home_blocks, admin_blocks and panel_blocks.

Fallback texts (``text=``) are plain: names, never mentions or markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from bot.mentors.topics import MAX_CAPACITY, PHASES, SPIKES, TOPICS
from bot.slack.blocks import input_block, modal, plain, section
from bot.slack.words import plural

OFFER_FORM = "mentor_offer"
FIND_FORM = "mentor_find"

MAX_TEXT = 1000

_optional = partial(input_block, optional=True)


def option(key: str, label: str) -> dict[str, Any]:
    return {"text": plain(label, 75), "value": key}


def _select(table: dict[str, str], chosen: str | None, placeholder: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "placeholder": plain(placeholder),
        "options": [option(k, v) for k, v in table.items()],
    }
    if chosen in table:
        element["initial_option"] = option(chosen, table[chosen])
    return element


def _multi(table: dict[str, str], chosen: Sequence[str], placeholder: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "placeholder": plain(placeholder),
        "options": [option(k, v) for k, v in table.items()],
    }
    picked = [k for k in chosen if k in table]
    if picked:
        element["initial_options"] = [option(k, table[k]) for k in picked]
    return element


def text_input(initial: str | None = None, **options: Any) -> dict[str, Any]:
    """A plain-text input within the length every mentoring answer keeps to."""
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": MAX_TEXT, **options}
    if initial:
        element["initial_value"] = initial
    return element


# Offering -------------------------------------------------------------------------------


def offer_modal(capacity: int | None, topics: Sequence[str], spikes: Sequence[str]) -> dict:
    seats = {str(n): plural(n, "mentee") if n else "None for now" for n in range(MAX_CAPACITY + 1)}
    return modal(
        "Offer to mentor",
        [
            section(
                "Mentees are at least two levels below you and at other companies. They see "
                "your name, level, topics and spikes when you're proposed to them."
            ),
            input_block(
                "capacity",
                "How many mentees at a time?",
                _select(seats, None if capacity is None else str(capacity), "Choose"),
            ),
            input_block("topics", "Topics you mentor on", _multi(TOPICS, topics, "Pick a few")),
            _optional(
                "spikes",
                "Career spikes your past roles gave you",
                _multi(SPIKES, spikes, "Pick any"),
            ),
        ],
        submit="Save",
        callback_id=OFFER_FORM,
    )


def offer_saved_text(capacity: int, room: int) -> str:
    if capacity == 0:
        return "Saved. You're not taking mentees for now; `/mentor offer` changes that any time."
    return (
        f"Thank you! You offer to mentor {plural(capacity, 'mentee')} "
        f"({room} free now). Members looking for a mentor may be proposed to you; "
        "you'll always be asked before anything starts."
    )


# Finding --------------------------------------------------------------------------------


def find_modal() -> dict[str, Any]:
    return modal(
        "Find a mentor",
        [
            section(
                "I'll suggest up to three mentors at least two levels above you, at other "
                "companies. Only you and the mentor you ask see your goal."
            ),
            input_block(
                "goal",
                "Your goal for the next 6–18 months",
                text_input(multiline=True, placeholder=plain("e.g. lead a team of three PMs")),
            ),
            input_block("phase", "Where you are now", _select(PHASES, None, "Choose a phase")),
            input_block(
                "spike", "The spike you're building now", _select(SPIKES, None, "Choose one")
            ),
            _optional("topics", "Where you'd like help", _multi(TOPICS, (), "Pick a few")),
            _optional(
                "help_wanted", "Anything else a mentor should know", text_input(multiline=True)
            ),
        ],
        submit="Find mentors",
        callback_id=FIND_FORM,
    )
