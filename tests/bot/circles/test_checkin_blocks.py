"""The check-in prompt's exact Block Kit, and a member's answer as the circle sees it."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.circles.checkin_blocks import MOODS, answer_post, prompt_message
from bot.circles.checkin_form import MAX_ANSWER
from bot.slack.blocks import split_text
from storage.models import CheckinResponse, Circle, Member

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


def _section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    assert blocks and all(b["type"] == "section" for b in blocks)
    return [b["text"]["text"] for b in blocks]


def test_a_long_check_in_loses_nothing_and_says_rough_week_first() -> None:
    """Three full answers of characters Slack escapes grow fivefold; each still arrives
    whole, in sections Slack accepts, and the rough-week line is never pushed out."""
    member = Member(id=1, slack_user_id="U0BEA", real_name="Bea")
    answers = {
        "win": "R&D " * (MAX_ANSWER // 4),
        "challenge": "<&>" * (MAX_ANSWER // 3),
        "help_wanted": "&" * MAX_ANSWER,
    }
    response = CheckinResponse(**answers, mood=2, share_mood=True, rough_week=True, version=0)
    text, blocks = answer_post(member, response)
    texts = _section_texts(blocks)
    assert text == "Bea's check-in"
    assert texts[0].splitlines() == [
        "*Bea*",
        ":hugging_face: Having a rough week; a message would mean a lot.",
        f"*Mood:* {MOODS['2']}",
    ]
    assert all(len(t) <= 3000 for t in texts)
    assert not any(re.search(r"&[a-z]{0,3}$", t) for t in texts)  # no entity cut in two
    joined = re.sub(r"\s", "", html.unescape("".join(texts[1:])))  # cuts fall on spaces
    for value in answers.values():
        assert re.sub(r"\s", "", value) in joined


def test_split_text_cuts_at_spaces_and_never_inside_an_entity() -> None:
    assert split_text("short") == ["short"]
    pieces = split_text("&amp;" * 700, limit=3000)
    assert [len(p) for p in pieces] == [3000, 500]
    assert "".join(pieces) == "&amp;" * 700
    words = split_text("word " * 1000, limit=100)
    assert all(len(p) <= 100 and not p.startswith(" ") for p in words)
    assert " ".join(words).split() == ["word"] * 1000
