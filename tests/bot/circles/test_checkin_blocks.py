"""The check-in prompt's exact Block Kit, on a normal day and as the last call."""

from __future__ import annotations

from bot.circles.checkin_blocks import prompt_message
from storage.models import Circle

OTTER = Circle(id=1, name="Otter", channel_id="C0OTTER")

CHECK_IN_BUTTON = {
    "type": "actions",
    "elements": [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": "Check in", "emoji": True},
            "action_id": "circle_checkin_open",
            "style": "primary",
        }
    ],
}
HOW_TO_SKIP = {
    "type": "context",
    "elements": [
        {
            "type": "mrkdwn",
            "text": "`/circle skip` if this week isn't the week; `/circle checkin` works any time.",
        }
    ],
}


def test_the_prompt_names_the_circle_channel_and_offers_one_button() -> None:
    text, blocks = prompt_message("Bea", OTTER, last_call=False)
    assert text == "Time for your weekly check-in, Bea"
    assert blocks == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Time for your weekly check-in, Bea!* :seedling: A win, a challenge, "
                "where you'd like help. Only your circle (<#C0OTTER>) sees it.",
            },
        },
        CHECK_IN_BUTTON,
        HOW_TO_SKIP,
    ]


def test_the_last_call_is_shorter() -> None:
    text, blocks = prompt_message("Bea", OTTER, last_call=True)
    assert text == "Last call for this week's check-in, Bea"
    assert blocks == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Last call, Bea!* Your circle would love to hear how your "
                "week went. Two minutes is enough.",
            },
        },
        CHECK_IN_BUTTON,
        HOW_TO_SKIP,
    ]
