"""Pure pieces of pairings: who is in, pause parsing, icebreakers, messages within limits."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.pairing.blocks import intro_message, time_slots_message
from bot.pairing.controls import parse_weeks
from bot.pairing.icebreakers import BY_INTEREST, GENERAL, pick_icebreaker
from bot.pairing.preview_blocks import preview_text
from bot.pairing.roster import as_person, build_roster
from storage.models import Member

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def member(i: int, **fields: Any) -> Member:
    base = {
        "id": i,
        "slack_user_id": f"U{i:03d}",
        "real_name": f"Member {i}",
        "status": "active",
        "interests": [],
        "tags": [],
    }
    return Member(**{**base, **fields})


def test_roster_counts_each_kind_of_absence_once() -> None:
    members = [
        member(1),
        member(2, status="paused", paused_until=NOW + timedelta(days=3)),
        member(3, status="paused", paused_until=None),
        member(4, skip_period="2026-W48"),
        member(5, status="left", left_at=NOW - timedelta(days=2)),
        member(6, status="left", left_at=NOW - timedelta(days=60)),  # long gone: not counted
        member(7, status="paused", paused_until=NOW - timedelta(minutes=1)),  # pause over
        member(8, status="applicant"),
    ]
    roster = build_roster(
        members, period_key="2026-W48", now=NOW, left_since=NOW - timedelta(weeks=1)
    )
    assert roster.counts() == {
        "eligible": 2,
        "paused": 1,
        "opted_out": 1,
        "skipped": 1,
        "left": 1,
    }
    assert [m.id for m in roster.eligible] == [1, 7] and [m.id for m in roster.resumed] == [7]


def test_person_carries_interests_tags_and_the_current_utc_offset() -> None:
    person = as_person(
        member(1, company="Acme", interests=["growth"], tags=["pricing"], tz_override="Asia/Tokyo"),
        NOW,
    )
    assert person.interests == frozenset({"growth", "pricing"})
    assert person.utc_offset == 9.0 and person.company == "Acme"


@pytest.mark.parametrize(
    ("text", "weeks"),
    [("3w", 3), ("3 weeks", 3), ("1 week", 1), ("26w", 26), ("0w", None), ("27w", None)],
)
def test_pause_lengths(text: str, weeks: int | None) -> None:
    assert parse_weeks(text) == weeks


def test_icebreakers_fit_what_the_pair_shares() -> None:
    rng = random.Random(1)
    assert pick_icebreaker({"pricing"}, rng) in BY_INTEREST["pricing"]
    assert pick_icebreaker({"unknown-tag"}, rng) in GENERAL


def test_an_icebreaker_already_asked_gives_way_to_a_fresh_one_the_same_way_each_time() -> None:
    asked = set(BY_INTEREST["pricing"]) | set(GENERAL)
    picks = {
        pick_icebreaker({"pricing"}, random.Random(5), interests={"mobile"}, avoid=asked)
        for _ in range(3)
    }
    assert picks == set(BY_INTEREST["mobile"])  # one of theirs, and reproducible
    everything = {q for qs in BY_INTEREST.values() for q in qs} | set(GENERAL)
    again = pick_icebreaker({"pricing"}, random.Random(5), avoid=everything)
    assert again in BY_INTEREST["pricing"]  # all asked already: still one that fits


def test_intro_stays_within_block_kit_limits_with_long_goals() -> None:
    trio = [member(i, goals="g" * 1000, company=f"C{i}") for i in range(3)]
    text, blocks = intro_message(
        trio,
        pairing_id=7,
        shared=sorted(BY_INTEREST),
        icebreaker="Why?",
        friends=False,
        repeat=True,
    )
    assert text.startswith("Meet your pair for this week: ")
    assert "<@" not in text
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in sections)
    assert any("You've met before" in t for t in sections)
    assert any("Different companies, too" in t for t in sections)
    buttons = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["pairing_times", "pairing_private"]


def test_time_slots_are_shown_in_each_members_zone() -> None:
    pair = [member(1, slack_tz="Europe/London"), member(2, slack_tz="Asia/Singapore")]
    slot = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
    text, _ = time_slots_message(pair, [slot], pairing_id=1)
    assert text == "Which works? 1. Tue 24 Nov 11:00 London / 19:00 Singapore"


def test_preview_of_a_big_round_is_cut_to_fit() -> None:
    stats = {
        "eligible": 1000,
        "paired": 1000,
        "pairs": 500,
        "trios": 0,
        "unpaired": [],
        "paused": 0,
        "opted_out": 0,
        "skipped": 0,
        "left": 0,
        "repeats": 0,
        "friends": 0,
        "mean_shared_interests": 1.2,
        "seed": 1,
    }
    groups = [([f"U{i}", f"V{i}"], ["growth"]) for i in range(500)]
    text = preview_text("2026-W48", stats, groups, ran=False)
    assert "… and 475 more groups" in text and len(text) < 3000


def test_round_stats_say_one_pair_and_one_trio() -> None:
    from bot.pairing.preview_blocks import stats_line

    stats = {
        "eligible": 5,
        "paired": 5,
        "pairs": 1,
        "trios": 1,
        "unpaired": [],
        "paused": 0,
        "opted_out": 0,
        "skipped": 0,
        "left": 0,
        "repeats": 0,
        "friends": 0,
        "mean_shared_interests": 1.0,
        "seed": 1,
    }
    assert "paired 5 (1 pair, 1 trio)" in stats_line(stats)
