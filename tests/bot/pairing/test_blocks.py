"""The pairing messages' exact Block Kit: the weekly intro and the "did you meet?" follow-up."""

from __future__ import annotations

from bot.pairing.blocks import (
    followup_message,
    friends_text,
    intro_message,
    meet_again_prompt,
    private_choices,
)
from storage.models import Member

ANA = Member(
    id=1, slack_user_id="U1", real_name="Ana Okafor", company="Acme", goals="Hire <2> APMs"
)
BEN = Member(id=2, slack_user_id="U2", real_name="Ben Ito", company="Globex")


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _button(text: str, action_id: str, value: str, **extra: str) -> dict:
    label = {"type": "plain_text", "text": text, "emoji": True}
    return {"type": "button", "text": label, "action_id": action_id, "value": value, **extra}


def test_an_intro_says_who_each_person_is_why_them_and_keeps_private_choices_private() -> None:
    ana = Member(
        id=1,
        slack_user_id="U1",
        real_name="Ana Okafor",
        company="Acme",
        level="senior_pm",
        goals="Hire <2> APMs",
    )
    ben = Member(id=2, slack_user_id="U2", real_name="Ben Ito", company="Globex", goals="Ship v2")
    text, blocks = intro_message(
        [ana, ben],
        pairing_id=7,
        shared=["pricing", "growth", "zero-to-one"],
        icebreaker="What did you ship last?",
        friends=False,
        repeat=False,
    )
    assert text == "Meet your pair for this week: Ana Okafor and Ben Ito"
    assert blocks == [
        _section("*Meet your pair for this week* :wave:"),
        _section("• <@U1>, Senior PM at Acme\n      _Working toward:_ Hire &lt;2&gt; APMs"),
        _section("• <@U2>, works at Globex\n      _Working toward:_ Ship v2"),
        _section(
            "*Why you two:* You share an interest in Growth, Pricing &amp; packaging and "
            "zero-to-one. Different companies, too, so you'll see things differently."
        ),
        _section(":speech_balloon: *Icebreaker:* What did you ship last?"),
        {
            "type": "actions",
            "block_id": "pairing-7",
            "elements": [
                _button("Suggest times", "pairing_times", "7", style="primary"),
                _button("Can't make it?", "pairing_private", "7:intro"),
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


def test_an_intro_shows_both_peoples_goals_or_neither() -> None:
    _, blocks = intro_message(
        [ANA, BEN], pairing_id=1, shared=[], icebreaker="?", friends=False, repeat=False
    )
    assert "Working toward" not in _texts(blocks)  # Ben wrote none, so Ana's stays out too
    assert "You haven't met yet, which is the best reason of all. Different companies" in (
        _texts(blocks)
    )


def test_skip_and_not_a_fit_are_offered_only_to_whoever_asks() -> None:
    text, blocks = private_choices(7, "intro")
    assert text.startswith("Only you can see this. Skip this week tells the others")
    assert [b["action_id"] for b in blocks[1]["elements"]] == ["pairing_skip", "pairing_not_fit"]
    _, met = private_choices(7, "met")
    assert [b["value"] for b in met[1]["elements"]] == ["7:wont"]


def test_the_follow_up_asks_both_whether_they_met() -> None:
    text, blocks = followup_message([ANA, BEN], 7)
    assert text == "Did you meet, Ana Okafor and Ben Ito?"
    assert blocks == [
        _section("*Did you meet, <@U1> and <@U2>?*"),
        {
            "type": "actions",
            "block_id": "met-7",
            "elements": [
                _button("Yes, we met", "pairing_met:yes", "7:yes"),
                _button("Not yet", "pairing_met:not_yet", "7:not_yet"),
                _button("Other answer", "pairing_private", "7:met"),
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
    assert "*Time to catch up!* Some of you asked to meet again" in _texts(trio)


def test_meet_again_and_friends_notes_say_both_only_to_two_people() -> None:
    _, blocks = meet_again_prompt([BEN], 1)
    assert "If you both say yes" in _texts(blocks)
    _, blocks = meet_again_prompt([BEN, CHEN], 1)
    assert "both" not in _texts(blocks)
    assert "you both want" in friends_text([ANA, BEN], 6)
    assert friends_text([ANA, BEN, CHEN], 6).startswith(
        ":tada: <@U1>, <@U2> and <@U3>, you all want to meet again."
    )


def test_long_goals_full_of_ampersands_stay_whole_across_sections_within_slacks_limit() -> None:
    goals = "<&> " * 250  # 1,000 characters typed; 3,500 once escaped
    ana = Member(id=1, slack_user_id="U1", real_name="Ana Okafor", company="Acme", goals=goals)
    ben = Member(id=2, slack_user_id="U2", real_name="Ben Ito", company="Globex", goals="Ship v2")
    _text, blocks = intro_message(
        [ana, ben], pairing_id=7, shared=[], icebreaker="Hi?", friends=False, repeat=False
    )
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in texts)
    assert " ".join(texts).count("&lt;&amp;&gt;") == 250  # nothing cut, no entity split
