"""The profile modal, its submission, and the profile card shown in App Home."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from bot.members.profile_options import INTERESTS, LEVELS
from bot.members.profiles import MAX_COMPANY, MAX_GOALS, ProfileForm
from bot.slack.blocks import escape, header, input_block, modal, plain, section
from storage.models import Member

CALLBACK_ID = "profile"
EDIT_ACTION = "profile_edit"


# Every question here may be left blank.
_input = partial(input_block, optional=True)


def _option(key: str, label: str) -> dict[str, Any]:
    return {"text": plain(label, 75), "value": key}


def level_select(level: str | None) -> dict[str, Any]:
    """The level picker (profile and application), showing ``level`` if it is ours."""
    element: dict[str, Any] = {
        "type": "static_select",
        "placeholder": plain("Choose your level"),
        "options": [_option(k, v) for k, v in LEVELS.items()],
    }
    if level in LEVELS:
        element["initial_option"] = _option(level, LEVELS[level])
    return element


def interests_select(interests: Iterable[str]) -> dict[str, Any]:
    """The interests picker (profile and application), showing those that are ours."""
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "placeholder": plain("Pick a few"),
        "options": [_option(k, v) for k, v in INTERESTS.items()],
    }
    chosen = [k for k in interests if k in INTERESTS]
    if chosen:
        element["initial_options"] = [_option(k, INTERESTS[k]) for k in chosen]
    return element


def profile_modal(member: Member | None) -> dict[str, Any]:
    """The editor, pre-filled with what the member wrote before."""
    return modal(
        "Your profile",
        [
            section(
                "Your profile helps us introduce you to PMs you'll click with. "
                "Everyone in the community can see it."
            ),
            *_profile_inputs(member),
        ],
        submit="Save",
        callback_id=CALLBACK_ID,
    )


def _text_input(initial: str | None, **options: Any) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", **options}
    if initial is not None:
        element["initial_value"] = initial
    return element


def _profile_inputs(member: Member | None) -> list[dict[str, Any]]:
    """The questions; a member's earlier answers are filled in."""
    company = level = goals = tz = tags = None
    interests: list[str] = []
    if member is not None:
        company, level, goals, tz = member.company, member.level, member.goals, member.tz_override
        interests = member.interests or []
        tags = ", ".join(member.tags) if member.tags else None
    return [
        _input("company", "Company", _text_input(company or None, max_length=MAX_COMPANY)),
        input_block(  # required: circles and mentors both start from it
            "level",
            "Level",
            level_select(level),
            hint="Circles need it: peers at a similar level, and a guide two levels up. "
            "Mentors are found two levels up too.",
        ),
        _input(
            "interests",
            "Interests",
            interests_select(interests),
            hint="Weekly intros start from shared interests: pick a few so we can say why "
            "you two should meet.",
        ),
        _input(
            "tags",
            "Other topics",
            _text_input(tags, placeholder=plain("e.g. zero-to-one, healthcare, pricing")),
            hint="Comma-separated, up to 10.",
        ),
        _input(
            "goals",
            "Goals",
            _text_input(
                goals or None,
                multiline=True,
                max_length=MAX_GOALS,
                placeholder=plain("What are you working toward this year?"),
            ),
        ),
        _input(
            "timezone",
            "Time zone",
            _text_input(
                tz or None, placeholder=plain("e.g. Europe/Berlin — leave empty to use Slack's")
            ),
            hint="Only if Slack's time zone is wrong.",
        ),
    ]


def read_profile_form(state_values: dict[str, Any]) -> ProfileForm:
    """Turn a view_submission's ``view.state.values`` into the raw form answers."""

    def element(block_id: str) -> dict[str, Any]:
        return (state_values.get(block_id) or {}).get(block_id) or {}

    level = element("level").get("selected_option") or {}
    interests = element("interests").get("selected_options") or []
    return ProfileForm(
        company=element("company").get("value"),
        level=level.get("value"),
        interests=tuple(option["value"] for option in interests),
        tags=element("tags").get("value"),
        goals=element("goals").get("value"),
        timezone=element("timezone").get("value"),
    )


def profile_fields(member: Member) -> str:
    """The profile as mrkdwn lines (user text escaped)."""
    interests = [INTERESTS[k] for k in member.interests or [] if k in INTERESTS]
    lines = [
        f"*Company:* {escape(member.company or '—')}",
        f"*Level:* {LEVELS.get(member.level or '', '— add it: circles need it')}",
        f"*Time zone:* {member.timezone_name or 'not set'}",
        f"*Interests:* {', '.join(interests) or '—'}",
    ]
    if member.tags:
        lines.append(f"*Other topics:* {escape(', '.join(member.tags))}")
    if member.goals:
        lines.append(f"*Goals:* {escape(member.goals)}")
    return "\n".join(lines)


def profile_card(member: Member) -> list[dict[str, Any]]:
    """Ephemeral answer to `/profile show`."""
    if not member.has_profile:
        return [section("You haven't written a profile yet. Type `/profile` to start.")]
    return [header(f"{member.display_name}'s profile"), section(profile_fields(member))]
