"""Slash-command text as Slack sends it: mentions read from it, the rest unescaped once."""

from __future__ import annotations

from bot.slack.mentions import Mention, leading_mention, typed_name, unescape


def test_unescape_undoes_exactly_what_slack_escapes() -> None:
    assert unescape("R&amp;D &lt;b&gt; &amp;lt;") == "R&D <b> &lt;"


def test_a_mention_slack_made_is_read_with_what_follows() -> None:
    assert leading_mention("<@U0ANA|ana> Otter &amp; friends") == Mention(
        "U0ANA", "Otter & friends"
    )
    assert leading_mention("<@W0ANA>") == Mention("W0ANA", "")


def test_a_typed_look_alike_is_no_mention() -> None:
    assert leading_mention("&lt;@U0ANA&gt; Otter") is None  # typed by hand: escaped by Slack
    assert typed_name("@nobody else") == "nobody"
    assert typed_name("Otter") is None
