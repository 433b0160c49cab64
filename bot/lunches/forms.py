"""The three tiny-lunch modals: planning one (admins), asking for a seat, a takeaway."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.lunches.blocks import LunchView
from bot.lunches.rules import DEFAULT_SEATS, MAX_BIO
from bot.members.profile_options import INTERESTS, LEVELS
from bot.slack.blocks import context, escape, input_block, modal, plain, section

NEW = "lunch_new"
SIGNUP = "lunch_signup"
TAKEAWAY_FORM = "lunch_takeaway_form"
MAX_QUESTION = 500
MAX_TAKEAWAY = 1000


def _options(choices: dict[str, str]) -> list[dict[str, Any]]:
    return [{"text": plain(label, 75), "value": key} for key, label in choices.items()]


def _text_input(multiline: bool = False, max_length: int | None = None, **extra: Any):
    element: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline, **extra}
    if max_length:
        element["max_length"] = max_length
    return element


def new_lunch_modal(channel: str, tz: ZoneInfo) -> dict[str, Any]:
    """Who, when, where, how many; the times are the community's (``tz``)."""
    picker_tz = {"timezone": tz.key}
    blocks = [
        input_block(
            "guest_user",
            "Guest from this workspace",
            {"type": "users_select", "placeholder": plain("Pick a person")},
            optional=True,
            hint="Or leave this empty and write an outside guest's details below.",
        ),
        input_block(
            "guest_name", "Outside guest's name", _text_input(max_length=100), optional=True
        ),
        input_block("guest_title", "Their title", _text_input(max_length=100), optional=True),
        input_block("guest_company", "Their company", _text_input(max_length=100), optional=True),
        input_block(
            "guest_bio",
            "A two-line bio",
            _text_input(multiline=True, max_length=MAX_BIO),
            optional=True,
        ),
        input_block("date", "Day of the lunch", {"type": "datepicker"}),
        input_block("time", f"Time ({tz.key})", {"type": "timepicker", **picker_tz}),
        input_block(
            "place",
            "Place or video link",
            _text_input(max_length=300, placeholder=plain("Café Einstein, or a video link")),
        ),
        input_block(
            "seats",
            "Seats (3 to 12)",
            _text_input(initial_value=str(DEFAULT_SEATS), max_length=2),
        ),
        input_block(
            "tags",
            "Topics",
            {
                "type": "multi_static_select",
                "options": _options(INTERESTS),
                "max_selected_items": 5,
            },
            optional=True,
        ),
        input_block("close_date", "Sign-up closes on", {"type": "datepicker"}),
        input_block("close_time", f"at ({tz.key})", {"type": "timepicker", **picker_tz}),
        input_block(
            "invite",
            "Who may ask",
            {
                "type": "checkboxes",
                "options": [
                    {
                        "text": plain("Only members whose interests match the topics"),
                        "value": "interests_only",
                    }
                ],
            },
            optional=True,
            hint="Matching members also get a DM. Everyone else sees the post only.",
        ),
        input_block(
            "level_min",
            "Lowest level",
            {"type": "static_select", "options": _options(LEVELS)},
            optional=True,
        ),
        input_block(
            "level_max",
            "Highest level",
            {"type": "static_select", "options": _options(LEVELS)},
            optional=True,
        ),
    ]
    return modal(
        "Plan a tiny lunch",
        blocks,
        submit="Announce",
        callback_id=NEW,
        private_metadata=channel,
    )


def signup_modal(lunch: LunchView) -> dict[str, Any]:
    first = lunch.guest.first_name
    return modal(
        "A seat at lunch",
        [
            section(f"Tiny lunch with *{escape(lunch.guest.name)}*."),
            input_block(
                "question",
                f"What would you ask {first}?",
                _text_input(multiline=True, max_length=MAX_QUESTION),
                optional=True,
                hint="Shared only with the guest and the table, two days before.",
            ),
            context("Seats are drawn fairly when sign-up closes; everyone who asks hears back."),
        ],
        submit="Ask for a seat",
        callback_id=SIGNUP,
        private_metadata=str(lunch.id),
    )


def takeaway_modal(lunch: LunchView, signup_id: int, current: str | None) -> dict[str, Any]:
    text = _text_input(multiline=True, max_length=MAX_TAKEAWAY)
    if current:
        text["initial_value"] = current
    return modal(
        "Your takeaway",
        [
            input_block("takeaway", "One thing you took away", text),
            input_block(
                "share",
                "Share it",
                {
                    "type": "checkboxes",
                    "options": [
                        {
                            "text": plain(f"In the thank-you to {lunch.guest.first_name}"),
                            "value": "guest",
                        },
                        {
                            "text": plain("In the vault, as a note for every member"),
                            "value": "vault",
                        },
                    ],
                },
                optional=True,
                hint="Leave both empty to keep it private.",
            ),
        ],
        submit="Save",
        callback_id=TAKEAWAY_FORM,
        private_metadata=str(signup_id),
    )


def read_question(values: dict[str, Any]) -> str | None:
    value = ((values.get("question") or {}).get("question") or {}).get("value")
    return (value or "").strip()[:MAX_QUESTION] or None


def read_takeaway(values: dict[str, Any]) -> tuple[str, bool, bool]:
    text = ((values.get("takeaway") or {}).get("takeaway") or {}).get("value") or ""
    chosen = ((values.get("share") or {}).get("share") or {}).get("selected_options") or []
    picked = {o.get("value") for o in chosen}
    return text.strip()[:MAX_TAKEAWAY], "guest" in picked, "vault" in picked
