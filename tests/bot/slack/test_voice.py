"""The copy test's rules (bot/slack/voice.py): each finds the defect it names, and good copy
passes. The rules run over every text the e2e suite and the demo show anyone."""

from __future__ import annotations

from typing import Any

from bot.slack.voice import Surface, check, cut_without_whole, opened_texts, texts_in, wrong_plural


def rules(*surfaces: Surface) -> list[str]:
    return [p.rule for p in check(surfaces)]


def dm(*texts: str, fallback: str = "", audience: int = 1, opened: tuple[str, ...] = ()) -> Surface:
    return Surface("message", "a DM", fallback, texts, (), audience, opened)


def test_iso_week_codes_are_found_and_week_words_pass() -> None:
    assert rules(dm("Otter — week of 2027-W03")) == ["ISO week code"]
    assert rules(dm("Otter — week of 18 Jan")) == []


def test_a_count_with_the_wrong_plural_is_found() -> None:
    assert wrong_plural("1 spots left") == "1 spots"
    assert wrong_plural("1 applications to review") == "1 applications"
    assert wrong_plural("5 pairs, 1 trios") == "1 trios"
    assert wrong_plural("2 spot") == "2 spot"
    assert wrong_plural("0 person") == "0 person"
    for fine in (
        "1 spot left",
        "5 pairs, 1 trio",
        "3 people",
        "3–4 peers",
        "1.5 hours",
        "Tue 12 Jan, 12:30",
        "0 answered, 1 skipped",
        "a 30-minute call",
        "8 check-in prompts went out",
    ):
        assert wrong_plural(fine) is None, fine


def test_markup_or_mentions_in_a_notification_are_found() -> None:
    assert rules(dm("body", fallback="Meet your pair: <@U1> and <@U2>")) == [
        "raw markup in notification text (a mention or link in Slack markup)"
    ]
    assert rules(dm("body", fallback="*Spring 2027* has started")) == [
        "raw markup in notification text (*bold*)"
    ]
    assert rules(dm("body", fallback="Type `/profile`")) == [
        "raw markup in notification text (`code`)"
    ]
    # Plain names are what a notification should show; the body may mention people.
    assert rules(dm("*Meet* <@U1>", fallback="Meet your pair: Ana Okafor and Ben Ito")) == []


def test_both_said_to_three_people_is_found() -> None:
    assert rules(dm("You both asked to meet again", audience=3)) == ["'both' said to 3 people"]
    assert rules(dm("You both asked to meet again", audience=2)) == []


def test_a_trailing_space_is_found() -> None:
    assert rules(dm("Applications are open (2 spots). ")) == ["trailing space"]
    assert rules(dm("line one \nline two")) == ["trailing space"]


def test_a_cut_needs_the_whole_text_elsewhere_or_a_count_of_what_is_left_out() -> None:
    cut = "Before: positioning in one sentence; pricing…"
    assert cut_without_whole(cut, [cut])
    assert not cut_without_whole(cut, [cut, "Before: positioning in one sentence; pricing decided"])
    assert not cut_without_whole("Ana, Ben … and 3 more", [])
    assert rules(dm(cut)) == ["cut without the full text elsewhere"]
    assert rules(dm(cut, opened=(cut,))) == []  # its own Read button opens the whole entry


def _entry(line: str, *labels: str) -> list[dict[str, Any]]:
    """A vault entry as a list shows it: its line, who added it, its buttons."""
    buttons = [{"type": "button", "text": {"type": "plain_text", "text": t}} for t in labels]
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": line}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "added by Ana"}]},
        {"type": "actions", "elements": buttons},
    ]


def test_a_cut_line_is_covered_only_by_a_read_button_of_its_own() -> None:
    linked = "*Pricing teardown*\nWhy we moved from seats to usage, and what…"
    starter = "*First 90 days*\nA plan outline: listen, then…"
    page = [
        *_entry(linked, "👍 0"),
        *_entry(starter, "👍 0", "Read"),
        {
            "type": "actions",
            "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": "More results"}}
            ],
        },
    ]
    surface = Surface(
        "ephemeral", "a search", "", tuple(t for t, _ in texts_in(page)), (), 1, opened_texts(page)
    )
    assert [p.text for p in check([surface])] == [linked]  # not the one with its own Read
    fixed = [*_entry(linked, "👍 0", "Read"), *page[3:]]
    surface = Surface(
        "ephemeral",
        "a search",
        "",
        tuple(t for t, _ in texts_in(fixed)),
        (),
        1,
        opened_texts(fixed),
    )
    assert check([surface]) == []
