"""The profile editor's exact Block Kit: empty for a newcomer, pre-filled for a member."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.members.profile_blocks import profile_fields, profile_modal
from storage.models import Member

# Why level and interests matter, said where they are asked for.
LEVEL_HINT = {
    "type": "plain_text",
    "text": "Circles need it: peers at a similar level, and a guide two levels up. "
    "Mentors are found two levels up too.",
    "emoji": True,
}
INTEREST_HINT = {
    "type": "plain_text",
    "text": "Weekly intros start from shared interests: pick a few so we can say why you "
    "two should meet.",
    "emoji": True,
}


def text(value: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": value, "emoji": True}


def option(value: str, label: str) -> dict[str, Any]:
    return {"text": text(label), "value": value}


LEVEL_OPTIONS = [
    option("apm", "APM"),
    option("pm", "Product Manager"),
    option("senior_pm", "Senior PM"),
    option("lead_pm", "Group / Lead PM"),
    option("principal_pm", "Principal PM"),
    option("director", "Director of Product"),
    option("vp", "VP of Product"),
]
INTEREST_OPTIONS = [
    option("ai_ml", "AI & ML products"),
    option("b2b_saas", "B2B SaaS"),
    option("consumer", "Consumer apps"),
    option("data", "Data & analytics"),
    option("design", "Design & UX"),
    option("devtools", "Developer tools & APIs"),
    option("discovery", "Discovery & user research"),
    option("experimentation", "Experimentation & A/B tests"),
    option("fintech", "Fintech"),
    option("growth", "Growth"),
    option("gtm", "Go-to-market & launches"),
    option("hardware", "Hardware & IoT"),
    option("health", "Health tech"),
    option("leadership", "Leading PMs"),
    option("marketplaces", "Marketplaces"),
    option("metrics", "Metrics & OKRs"),
    option("mobile", "Mobile"),
    option("platform", "Platform products"),
    option("pricing", "Pricing & packaging"),
    option("roadmapping", "Roadmapping & prioritisation"),
    option("security", "Security & privacy"),
    option("stakeholders", "Stakeholder management"),
    option("strategy", "Product strategy"),
    option("career", "Career growth"),
]


def test_a_newcomer_gets_blank_questions_all_optional_but_their_level() -> None:
    assert profile_modal(None) == {
        "type": "modal",
        "callback_id": "profile",
        "title": {"type": "plain_text", "text": "Your profile", "emoji": True},
        "submit": {"type": "plain_text", "text": "Save", "emoji": True},
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "Your profile helps us introduce you to PMs you'll click with. "
                    "Everyone in the community can see it.",
                },
            },
            {
                "type": "input",
                "block_id": "company",
                "optional": True,
                "label": {"type": "plain_text", "text": "Company", "emoji": True},
                "element": {
                    "action_id": "company",
                    "type": "plain_text_input",
                    "max_length": 100,
                },
            },
            {
                "type": "input",
                "block_id": "level",
                "optional": False,
                "label": {"type": "plain_text", "text": "Level", "emoji": True},
                "hint": LEVEL_HINT,
                "element": {
                    "action_id": "level",
                    "type": "static_select",
                    "placeholder": {
                        "type": "plain_text",
                        "text": "Choose your level",
                        "emoji": True,
                    },
                    "options": LEVEL_OPTIONS,
                },
            },
            {
                "type": "input",
                "block_id": "interests",
                "optional": True,
                "label": {"type": "plain_text", "text": "Interests", "emoji": True},
                "hint": INTEREST_HINT,
                "element": {
                    "action_id": "interests",
                    "type": "multi_static_select",
                    "placeholder": {"type": "plain_text", "text": "Pick a few", "emoji": True},
                    "options": INTEREST_OPTIONS,
                },
            },
            {
                "type": "input",
                "block_id": "tags",
                "optional": True,
                "label": {"type": "plain_text", "text": "Other topics", "emoji": True},
                "element": {
                    "action_id": "tags",
                    "type": "plain_text_input",
                    "placeholder": {
                        "type": "plain_text",
                        "text": "e.g. zero-to-one, healthcare, pricing",
                        "emoji": True,
                    },
                },
                "hint": {"type": "plain_text", "text": "Comma-separated, up to 10.", "emoji": True},
            },
            {
                "type": "input",
                "block_id": "goals",
                "optional": True,
                "label": {"type": "plain_text", "text": "Goals", "emoji": True},
                "element": {
                    "action_id": "goals",
                    "type": "plain_text_input",
                    "multiline": True,
                    "max_length": 1000,
                    "placeholder": {
                        "type": "plain_text",
                        "text": "What are you working toward this year?",
                        "emoji": True,
                    },
                },
            },
            {
                "type": "input",
                "block_id": "timezone",
                "optional": True,
                "label": {"type": "plain_text", "text": "Time zone", "emoji": True},
                "element": {
                    "action_id": "timezone",
                    "type": "plain_text_input",
                    "placeholder": {
                        "type": "plain_text",
                        "text": "e.g. Europe/Berlin — leave empty to use Slack's",
                        "emoji": True,
                    },
                },
                "hint": {
                    "type": "plain_text",
                    "text": "Only if Slack's time zone is wrong.",
                    "emoji": True,
                },
            },
        ],
    }


def test_a_member_sees_their_saved_answers_and_no_unknown_interest() -> None:
    ana = Member(
        slack_user_id="U1",
        real_name="Ana Okafor",
        company="Acme",
        level="pm",
        interests=["growth", "retired_key"],
        tags=["b2b", "pricing"],
        goals="Hire two APMs",
        tz_override="Europe/Berlin",
        status="active",
        profile_updated_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    assert profile_modal(ana) == {
        "type": "modal",
        "callback_id": "profile",
        "title": {"type": "plain_text", "text": "Your profile", "emoji": True},
        "submit": {"type": "plain_text", "text": "Save", "emoji": True},
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "Your profile helps us introduce you to PMs you'll click with. "
                    "Everyone in the community can see it.",
                },
            },
            {
                "type": "input",
                "block_id": "company",
                "optional": True,
                "label": {"type": "plain_text", "text": "Company", "emoji": True},
                "element": {
                    "action_id": "company",
                    "type": "plain_text_input",
                    "max_length": 100,
                    "initial_value": "Acme",
                },
            },
            {
                "type": "input",
                "block_id": "level",
                "optional": False,
                "label": {"type": "plain_text", "text": "Level", "emoji": True},
                "hint": LEVEL_HINT,
                "element": {
                    "action_id": "level",
                    "type": "static_select",
                    "placeholder": {
                        "type": "plain_text",
                        "text": "Choose your level",
                        "emoji": True,
                    },
                    "options": LEVEL_OPTIONS,
                    "initial_option": option("pm", "Product Manager"),
                },
            },
            {
                "type": "input",
                "block_id": "interests",
                "optional": True,
                "label": {"type": "plain_text", "text": "Interests", "emoji": True},
                "hint": INTEREST_HINT,
                "element": {
                    "action_id": "interests",
                    "type": "multi_static_select",
                    "placeholder": {"type": "plain_text", "text": "Pick a few", "emoji": True},
                    "options": INTEREST_OPTIONS,
                    "initial_options": [option("growth", "Growth")],
                },
            },
            {
                "type": "input",
                "block_id": "tags",
                "optional": True,
                "label": {"type": "plain_text", "text": "Other topics", "emoji": True},
                "element": {
                    "action_id": "tags",
                    "type": "plain_text_input",
                    "placeholder": {
                        "type": "plain_text",
                        "text": "e.g. zero-to-one, healthcare, pricing",
                        "emoji": True,
                    },
                    "initial_value": "b2b, pricing",
                },
                "hint": {"type": "plain_text", "text": "Comma-separated, up to 10.", "emoji": True},
            },
            {
                "type": "input",
                "block_id": "goals",
                "optional": True,
                "label": {"type": "plain_text", "text": "Goals", "emoji": True},
                "element": {
                    "action_id": "goals",
                    "type": "plain_text_input",
                    "multiline": True,
                    "max_length": 1000,
                    "placeholder": {
                        "type": "plain_text",
                        "text": "What are you working toward this year?",
                        "emoji": True,
                    },
                    "initial_value": "Hire two APMs",
                },
            },
            {
                "type": "input",
                "block_id": "timezone",
                "optional": True,
                "label": {"type": "plain_text", "text": "Time zone", "emoji": True},
                "element": {
                    "action_id": "timezone",
                    "type": "plain_text_input",
                    "placeholder": {
                        "type": "plain_text",
                        "text": "e.g. Europe/Berlin — leave empty to use Slack's",
                        "emoji": True,
                    },
                    "initial_value": "Europe/Berlin",
                },
                "hint": {
                    "type": "plain_text",
                    "text": "Only if Slack's time zone is wrong.",
                    "emoji": True,
                },
            },
        ],
    }


def test_a_profile_without_a_level_says_circles_need_it() -> None:
    member = Member(id=1, slack_user_id="U1", real_name="Chen Wei", company="Initech")
    assert "*Level:* — add it: circles need it" in profile_fields(member)
