"""Mentoring's Block Kit: what admins and members read, built by pure functions."""

from __future__ import annotations

from datetime import date

from bot.mentors import admin_blocks, home_blocks, pair_blocks, proposal_blocks, rhythm_blocks


def test_the_admins_preview_names_people_never_goals_and_says_how_many_more() -> None:
    rows = [(f"Mentee {i}", f"Mentor {i}") for i in range(33)]
    text, blocks = admin_blocks.preview_message(
        rows, open_requests=34, mentors_with_room=40, digest="ab"
    )
    assert text == (
        "Mentor match preview: 34 open requests, 40 mentors with room. 33 matches; 1 stays open."
    )
    listed = blocks[1]["text"]["text"].splitlines()
    assert listed[0] == "• Mentee 0 → Mentor 0" and listed[-1] == "… and 3 more"
    assert blocks[2]["elements"][0]["value"] == "ab"


def test_a_preview_shown_again_after_the_match_changed_says_so_where_admins_read_it() -> None:
    preview = admin_blocks.preview_message(
        [("Ana", "Ben")], open_requests=1, mentors_with_room=1, digest="new"
    )
    text, blocks = admin_blocks.changed_message(preview)
    assert text.startswith("The match changed since the preview; here it is again. Mentor")
    assert blocks[0]["text"]["text"] == "The match changed since the preview; here it is again."
    assert blocks[1:] == preview[1]


def test_a_preview_with_nothing_to_match_offers_no_publish_button() -> None:
    text, blocks = admin_blocks.preview_message(
        [], open_requests=1, mentors_with_room=0, digest="x"
    )
    assert text.endswith("0 matches; 1 stays open.") and len(blocks) == 1


def test_the_monthly_day_is_picked_from_the_first_to_the_twenty_eighth() -> None:
    options = pair_blocks.day_select(7)["options"]
    assert len(options) == 28
    assert [o["text"]["text"] for o in options[:3]] == [
        "The 1st of each month",
        "The 2nd of each month",
        "The 3rd of each month",
    ]
    assert options[10]["text"]["text"] == "The 11th of each month"
    assert options[21]["value"] == "7:22"


def test_notification_texts_are_plain_and_name_people() -> None:
    texts = [
        proposal_blocks.ask_message(1, "Ana Okafor", "Lead <a> team", {"Phase": "x"})[0],
        pair_blocks.welcome_message(1, "Ben Ito", "Ana Okafor", "Grow", 6)[0],
        rhythm_blocks.recap_prompt(1, "2027-01", "Ben Ito", date(2027, 1, 15), None)[0],
        rhythm_blocks.recap_message("Ana Okafor", date(2027, 1, 15), "a", "b")[0],
        pair_blocks.fit_question(1, "Ben Ito")[0],
        pair_blocks.ended_for_other("Ana Okafor"),
        pair_blocks.left_for_other("Ben Ito"),
        pair_blocks.term_end_text(6),
    ]
    for text in texts:
        assert "*" not in text and "<@" not in text and "`" not in text, text
        assert text == text.strip()
    assert texts[2] == "Your session with Ben Ito is on Fri 15 Jan. Send a recap beforehand?"


def test_the_mentors_ask_escapes_what_the_mentee_wrote() -> None:
    _text, blocks = proposal_blocks.ask_message(3, "Ana", "Ship <b>fast</b> & learn", {})
    assert "Ship &lt;b&gt;fast&lt;/b&gt; &amp; learn" in blocks[0]["text"]["text"]


def test_the_home_line_names_the_mentor_and_next_session_or_asks_for_a_day() -> None:
    home = home_blocks.HomeMentoring(mentor="Ben Ito", mentor_session=date(2026, 12, 15))
    assert home_blocks.home_section(home)["text"]["text"] == (
        "*Mentoring*\nYour mentor: Ben Ito, next session Tue 15 Dec."
    )
    waiting = home_blocks.HomeMentoring(mentor="Ben Ito", mentees=(("Ana Okafor", None),))
    assert home_blocks.home_section(waiting)["text"]["text"].splitlines()[1:] == [
        "Your mentor: Ben Ito, pick your monthly day in your group DM.",
        "You mentor Ana Okafor, pick your monthly day in your group DM.",
    ]


def test_the_home_line_says_how_to_find_a_mentor_or_how_to_offer() -> None:
    looking = home_blocks.home_section(home_blocks.HomeMentoring())["text"]["text"]
    assert "`/mentor find` suggests three who fit" in looking
    top = home_blocks.home_section(home_blocks.HomeMentoring(may_look=False))["text"]["text"]
    assert top.endswith("Would you mentor members two levels below you? `/mentor offer`")
    offering = home_blocks.home_section(home_blocks.HomeMentoring(may_look=False, offers=True))[
        "text"
    ]["text"]
    assert "Your offer to mentor is open; `/mentor panel` shows it." in offering
    kept = home_blocks.home_section(home_blocks.HomeMentoring(looking=True))["text"]["text"]
    assert "an admin's next match will find one" in kept


def test_a_long_goal_full_of_ampersands_reaches_the_mentor_whole() -> None:
    """1,000 characters each of goal and help, escaped to five times their length, would pass
    Slack's 3,000 per section: the ask is split, and every character arrives."""
    from bot.mentors.proposal_blocks import ask_message

    goal, help_with = "&" * 1000, "R&D " * 250
    _, blocks = ask_message(7, "Ana Okafor", goal, {"Help with": help_with})
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in texts)
    joined = "".join(texts)
    assert joined.count("&amp;") == 1000 + 250


def test_a_recap_full_of_ampersands_reaches_the_mentor_whole() -> None:
    from datetime import date

    from bot.mentors.rhythm_blocks import recap_message

    _, blocks = recap_message("Jo Mensah", date(2027, 3, 12), "&" * 1000, "P&L " * 250)
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in texts)
    assert "".join(texts).count("&amp;") == 1000 + 250
