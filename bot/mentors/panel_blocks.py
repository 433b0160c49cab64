"""A member's panel of informal advisers: the panel with people they could add, and the
quarterly update (the prompt, the form, the message the panel reads). Pure functions;
fallback texts are plain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.members.names import first_name
from bot.mentors.blocks import text_input
from bot.slack.blocks import (
    actions_block,
    button,
    context,
    escape,
    input_block,
    modal,
    section,
    variant,
)
from bot.slack.words import plural

ADD_ADVISER = "mentor_panel_add"  # mentor_panel_add:<member id>, value the member id
PANEL_UPDATE_OPEN = "mentor_panel_update_open"  # value the quarter, "2027-Q1"
PANEL_UPDATE_FORM = "mentor_panel_update"


def panel_blocks(text: str, suggestions: Sequence[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """The panel, and people the member already knows one click away from joining it:
    (member id, name, why) each."""
    blocks: list[dict[str, Any]] = [section(text)]
    if suggestions:
        blocks.append(section("*People you know who you could add as advisers*"))
        blocks.append(context(" · ".join(f"{escape(name)}: {why}" for _, name, why in suggestions)))
        blocks.append(
            actions_block(
                [
                    button(
                        f"Add {first_name(name)}",
                        variant(ADD_ADVISER, str(member_id)),
                        str(member_id),
                    )
                    for member_id, name, _ in suggestions
                ],
                block_id="mentor-panel-suggestions",
            )
        )
    return blocks


def panel_update_prompt(quarter: str, readers: int) -> tuple[str, list[dict[str, Any]]]:
    text = "A new quarter: would you like to send your panel a short update?"
    who = plural(readers, "person", "people")
    blocks = [
        section(
            f"A new quarter. Would you like to send your panel ({who}) "
            "a short update on what you're focusing on? Nothing is sent unless you write it.",
            accessory=button("Write an update", PANEL_UPDATE_OPEN, quarter),
        )
    ]
    return text, blocks


def panel_update_modal(quarter: str) -> dict[str, Any]:
    return modal(
        "Panel update",
        [
            section("Your panel gets this as a private message from me, in your words."),
            input_block("focus", "What you're focusing on now", text_input(multiline=True)),
        ],
        submit="Send",
        callback_id=PANEL_UPDATE_FORM,
        private_metadata=quarter,
    )


def panel_update_message(member: str, update: str) -> tuple[str, list[dict[str, Any]]]:
    text = f"An update from {member}, for their panel."
    blocks = [
        section(f"*An update from {escape(member)}*, who counts you on their panel:"),
        section(escape(update)),
    ]
    return text, blocks
