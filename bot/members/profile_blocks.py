"""The profile modal, its submission, and the profile card shown in App Home."""

from __future__ import annotations

from typing import Any

from bot.members.profile_options import INTERESTS, LEVELS
from bot.members.profiles import MAX_COMPANY, MAX_GOALS, ProfileForm
from bot.slack.blocks import escape, header, plain, section
from storage.models import Member

CALLBACK_ID = "profile"
EDIT_ACTION = "profile_edit"


def _option(key: str, label: str) -> dict[str, Any]:
    return {"text": plain(label, 75), "value": key}


def _input(block_id: str, label: str, element: dict[str, Any], *, hint: str | None = None):
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": plain(label, 2000),
        "element": {"action_id": block_id, **element},
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def profile_modal(member: Member | None) -> dict[str, Any]:
    """The editor, pre-filled with what the member wrote before."""
    company_el: dict[str, Any] = {"type": "plain_text_input", "max_length": MAX_COMPANY}
    level_el: dict[str, Any] = {
        "type": "static_select",
        "placeholder": plain("Choose your level"),
        "options": [_option(k, v) for k, v in LEVELS.items()],
    }
    interests_el: dict[str, Any] = {
        "type": "multi_static_select",
        "placeholder": plain("Pick a few"),
        "options": [_option(k, v) for k, v in INTERESTS.items()],
    }
    tags_el: dict[str, Any] = {
        "type": "plain_text_input",
        "placeholder": plain("e.g. zero-to-one, healthcare, pricing"),
    }
    goals_el: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": True,
        "max_length": MAX_GOALS,
        "placeholder": plain("What are you working toward this year?"),
    }
    tz_el: dict[str, Any] = {
        "type": "plain_text_input",
        "placeholder": plain("e.g. Europe/Berlin — leave empty to use Slack's"),
    }
    if member is not None:
        if member.company:
            company_el["initial_value"] = member.company
        if member.level in LEVELS:
            level_el["initial_option"] = _option(member.level, LEVELS[member.level])
        chosen = [k for k in member.interests or [] if k in INTERESTS]
        if chosen:
            interests_el["initial_options"] = [_option(k, INTERESTS[k]) for k in chosen]
        if member.tags:
            tags_el["initial_value"] = ", ".join(member.tags)
        if member.goals:
            goals_el["initial_value"] = member.goals
        if member.tz_override:
            tz_el["initial_value"] = member.tz_override
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": plain("Your profile", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            section(
                "Your profile helps us introduce you to PMs you'll click with. "
                "Everyone in the community can see it."
            ),
            _input("company", "Company", company_el),
            _input("level", "Level", level_el),
            _input("interests", "Interests", interests_el),
            _input("tags", "Other topics", tags_el, hint="Comma-separated, up to 10."),
            _input("goals", "Goals", goals_el),
            _input("timezone", "Time zone", tz_el, hint="Only if Slack's time zone is wrong."),
        ],
    }


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
        f"*Level:* {LEVELS.get(member.level or '', '—')}",
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
