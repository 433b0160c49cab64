"""Check-in answers: any may be empty but not all; long ones are refused; mood rules."""

from __future__ import annotations

from typing import Any

from bot.circles.checkin_form import CheckinForm, validate_checkin


def test_a_mood_alone_is_an_answer_and_is_shared_only_when_asked() -> None:
    answers = validate_checkin(CheckinForm(mood="4"))
    assert not isinstance(answers, dict)
    assert answers.mood == 4 and not answers.share_mood and answers.win is None


def test_sharing_a_mood_without_picking_one_shares_nothing() -> None:
    answers = validate_checkin(CheckinForm(win="shipped", share_mood=True))
    assert not isinstance(answers, dict) and answers.share_mood is False


def test_nothing_at_all_is_refused_on_the_first_field() -> None:
    assert validate_checkin(CheckinForm(win="  ", challenge="")) == {
        "win": "Write at least one answer (or pick a mood) before sending."
    }


def test_each_overlong_answer_is_pointed_out() -> None:
    errors = validate_checkin(CheckinForm(win="x" * 1001, help_wanted="y" * 2000))
    assert errors == {
        "win": "Keep it to 1000 characters (this has 1001).",
        "help_wanted": "Keep it to 1000 characters (this has 2000).",
    }


def test_support_is_wanted_when_asked_or_when_a_shared_mood_is_low() -> None:
    def wants(**form: Any) -> bool:
        answers = validate_checkin(CheckinForm(win="w", **form))
        assert not isinstance(answers, dict)
        return answers.wants_support

    assert wants(rough_week=True)
    assert wants(mood="2", share_mood=True)
    assert not wants(mood="2")  # a private low mood stays private
    assert not wants(mood="3", share_mood=True)
