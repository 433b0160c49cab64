"""The pairing messages' exact Block Kit: the weekly intro and the "did you meet?" follow-up."""

from __future__ import annotations

from bot.pairing.blocks import followup_message, friends_text, intro_message, meet_again_prompt
from storage.models import Member

ANA = Member(
    id=1, slack_user_id="U1", real_name="Ana Okafor", company="Acme", goals="Hire <2> APMs"
)
BEN = Member(id=2, slack_user_id="U2", real_name="Ben Ito", company="Globex")


def test_an_intro_says_why_shows_goals_and_offers_three_buttons() -> None:
    text, blocks = intro_message(
        [ANA, BEN],
        pairing_id=7,
        shared=["pricing", "growth"],
        icebreaker="What did you ship last?",
        friends=False,
        repeat=False,
    )
    assert text == "Meet your pair for this week: <@U1> and <@U2>"
    assert blocks == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Meet your pair for this week: <@U1> and <@U2>* :wave:",
            },
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "You share an interest in Growth, Pricing &amp; packaging. "
                "You work at different companies, so you'll see things differently.",
            },
        },
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "• <@U1> is working toward: Hire &lt;2&gt; APMs"},
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": ":speech_balloon: *Icebreaker:* What did you ship last?",
            },
        },
        {
            "type": "actions",
            "block_id": "pairing-7",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Suggest times", "emoji": True},
                    "action_id": "pairing_times",
                    "value": "7",
                    "style": "primary",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Skip this week", "emoji": True},
                    "action_id": "pairing_skip",
                    "value": "7",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Not a fit", "emoji": True},
                    "action_id": "pairing_not_fit",
                    "value": "7",
                },
            ],
        },
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": "Find 30 minutes this week: a call, a coffee, or a walk.",
                }
            ],
        },
    ]


def test_the_follow_up_asks_both_whether_they_met() -> None:
    text, blocks = followup_message([ANA, BEN], 7)
    assert text == "Did you meet, <@U1> and <@U2>?"
    assert blocks == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Did you meet, <@U1> and <@U2>?*"}},
        {
            "type": "actions",
            "block_id": "met-7",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Yes, we met", "emoji": True},
                    "action_id": "pairing_met:yes",
                    "value": "7:yes",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Not yet", "emoji": True},
                    "action_id": "pairing_met:not_yet",
                    "value": "7:not_yet",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "We won't", "emoji": True},
                    "action_id": "pairing_met:wont",
                    "value": "7:wont",
                },
            ],
        },
    ]


CHEN = Member(id=3, slack_user_id="U3", real_name="Chen Wei", company="Initech", goals="Ship v2")


def _texts(blocks: list) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def test_a_friend_repairing_in_a_trio_does_not_tell_all_three_they_both_asked() -> None:
    _, pair = intro_message(
        [ANA, BEN], pairing_id=1, shared=[], icebreaker="?", friends=True, repeat=False
    )
    assert "You both asked to meet again" in _texts(pair)
    _, trio = intro_message(
        [ANA, BEN, CHEN], pairing_id=1, shared=[], icebreaker="?", friends=True, repeat=False
    )
    assert "both" not in _texts(trio)
    assert "*Time to catch up, <@U1>, <@U2> and <@U3>!* Some of you asked to meet again" in (
        _texts(trio)
    )


def test_an_intro_shows_the_goals_of_everyone_who_wrote_them() -> None:
    _, blocks = intro_message(
        [ANA, BEN, CHEN], pairing_id=1, shared=[], icebreaker="?", friends=False, repeat=False
    )
    text = _texts(blocks)
    assert "• <@U1> is working toward: Hire &lt;2&gt; APMs" in text
    assert "• <@U3> is working toward: Ship v2" in text
    assert "<@U2> is working toward" not in text


def test_meet_again_and_friends_notes_say_both_only_to_two_people() -> None:
    _, blocks = meet_again_prompt([BEN], 1)
    assert "If you both say yes" in _texts(blocks)
    _, blocks = meet_again_prompt([BEN, CHEN], 1)
    assert "both" not in _texts(blocks)
    assert "you both want" in friends_text([ANA, BEN], 6)
    assert friends_text([ANA, BEN, CHEN], 6).startswith(
        ":tada: <@U1>, <@U2> and <@U3>, you all want to meet again."
    )
