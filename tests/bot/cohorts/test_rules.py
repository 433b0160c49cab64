"""Admission rules without Slack: `/cohort open` parsing, closing dates, application answers."""

from __future__ import annotations

from datetime import date

import pytest

from bot.cohorts.rules import (
    ApplicationForm,
    OpenRequest,
    closed_reason,
    parse_open,
    validate_application,
)

TODAY = date(2026, 11, 23)
GOOD = ApplicationForm(
    company=" Globex ",
    role="Senior PM",
    level="senior_pm",
    years="6",
    interests=("growth", "pricing", "growth"),
    wants="Peers.",
    note="  ",
)


def test_open_takes_options_anywhere_and_the_rest_is_the_name() -> None:
    assert parse_open("spots=12 Spring 2027 closes=2026-12-01", TODAY) == OpenRequest(
        "Spring 2027", 12, date(2026, 12, 1)
    )


def test_open_defaults_to_twenty_spots_and_no_closing_date() -> None:
    assert parse_open("Spring", TODAY) == OpenRequest("Spring", 20, None)


def test_closing_today_is_allowed() -> None:
    assert parse_open("Spring closes=2026-11-23", TODAY) == OpenRequest("Spring", 20, TODAY)


@pytest.mark.parametrize(
    ("args", "start"),
    [
        ("Spring spots=201", "`spots` must be a whole number from 1 to 200"),
        ("Spring spots=-3", "`spots` must be a whole number from 1 to 200"),
        ("Spring spots=", "`spots` must be a whole number from 1 to 200"),
        ("Spring closes=2026-02-30", "`closes` must be a date written YYYY-MM-DD"),
        (
            "Spring closes=2026-11-22",
            "The closing date Sunday 22 November 2026 has already passed.",
        ),
        ("spots=5", "A cohort needs a name."),
    ],
)
def test_open_rejects_bad_input_with_a_sentence(args: str, start: str) -> None:
    answer = parse_open(args, TODAY)
    assert isinstance(answer, str) and answer.startswith(start)


def test_a_cohort_takes_applications_until_the_end_of_its_closing_day() -> None:
    assert closed_reason("open", TODAY, TODAY) is None
    assert closed_reason("open", None, TODAY) is None
    late = closed_reason("open", TODAY, date(2026, 11, 24))
    assert late is not None and late.startswith(
        "Applications for this cohort closed on Monday 23 November 2026"
    )
    assert closed_reason("closed", None, TODAY) is not None
    assert closed_reason("started", None, TODAY) is not None


def test_a_good_application_is_cleaned() -> None:
    answers = validate_application(GOOD)
    assert not isinstance(answers, dict)
    assert answers.company == "Globex" and answers.years == 6 and answers.note is None
    assert answers.interests == ("growth", "pricing")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"company": ""}, "company"),
        ({"company": "x" * 101}, "company"),
        ({"role": None}, "role"),
        ({"level": "ceo"}, "level"),
        ({"years": "six"}, "years"),
        ({"years": "61"}, "years"),
        ({"interests": ()}, "interests"),
        ({"interests": ("growth", "astrology")}, "interests"),
        ({"wants": "  "}, "wants"),
        ({"note": "x" * 2001}, "note"),
    ],
)
def test_each_bad_answer_is_pointed_out_on_its_own_field(change: dict, field: str) -> None:
    errors = validate_application(ApplicationForm(**{**GOOD.__dict__, **change}))
    assert isinstance(errors, dict) and list(errors) == [field]
