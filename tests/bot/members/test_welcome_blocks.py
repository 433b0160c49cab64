"""The first DM's exact Block Kit."""

from __future__ import annotations

from bot.members.welcome_blocks import welcome_blocks, welcome_text


def test_the_welcome_greets_by_first_name_and_offers_to_set_up_a_profile() -> None:
    assert (
        welcome_text("Ana") == "Welcome to Product Circle, Ana! Set up your profile with /profile."
    )
    assert welcome_blocks("Ana") == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Welcome to Product Circle, Ana!* :wave:\n"
                "This is a small community of product managers who want friends, not just "
                "connections. Each week you'll meet one member 1:1, you'll check in with a small "
                "circle of peers, and you can borrow from our shared vault of playbooks.",
            },
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "Start with your profile: your company, level and interests help us "
                "introduce you to the right people.",
            },
        },
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Set up my profile", "emoji": True},
                    "action_id": "profile_edit",
                    "style": "primary",
                }
            ],
        },
    ]
