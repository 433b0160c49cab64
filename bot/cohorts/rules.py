"""Admission rules as plain data in, decisions out: what `/cohort open` accepts, when a
cohort takes applications, and what an application must contain.

No database and no Slack here, so every wording a user can trigger is tested directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.members.profile_options import INTERESTS, LEVELS
from bot.platform.dates import long_day

MAX_NAME = 80
MAX_SPOTS = 200
DEFAULT_SPOTS = 20
MAX_COMPANY = 100
MAX_ROLE = 100
MAX_WANTS = 1000
MAX_NOTE = 2000
MAX_YEARS = 60

OPEN_USAGE = (
    "Usage: `/cohort open <name> [spots=20] [closes=YYYY-MM-DD]`, "
    "e.g. `/cohort open Spring 2027 spots=20 closes=2027-03-01`."
)


@dataclass(frozen=True)
class OpenRequest:
    name: str
    spots: int
    closes_on: date | None


def parse_open(args: str, today: date) -> OpenRequest | str:
    """`Spring 2027 spots=20 closes=2027-03-01` → an OpenRequest, or a sentence saying what's wrong.

    ``key=value`` words may appear anywhere; every other word is part of the name.
    """
    words = args.split()
    name_words: list[str] = []
    spots, closes_on = DEFAULT_SPOTS, None
    for word in words:
        key, eq, value = word.partition("=")
        key = key.lower()
        if not eq:
            name_words.append(word)
        elif key == "spots":
            if not re.fullmatch(r"\d{1,4}", value) or not 1 <= int(value) <= MAX_SPOTS:
                return f"`spots` must be a whole number from 1 to {MAX_SPOTS}, not `{value[:20]}`."
            spots = int(value)
        elif key == "closes":
            try:
                closes_on = (
                    date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None
                )
            except ValueError:
                closes_on = None
            if closes_on is None:
                return f"`closes` must be a date written YYYY-MM-DD, not `{value[:20]}`."
            if closes_on < today:
                return (
                    f"The closing date {long_day(closes_on)} has already passed. "
                    "Pick today or a later day."
                )
        else:
            return f"I don't know the option `{key[:20]}`. {OPEN_USAGE}"
    name = " ".join(name_words)
    if not name:
        return f"A cohort needs a name. {OPEN_USAGE}"
    if len(name) > MAX_NAME:
        return f"That name has {len(name)} characters; keep it to {MAX_NAME} or fewer."
    return OpenRequest(name=name, spots=spots, closes_on=closes_on)


def closed_reason(status: str, closes_on: date | None, today: date) -> str | None:
    """Why a cohort takes no applications now (None: it does)."""
    if status != "open":  # CohortStatus.OPEN: this module stays free of storage imports
        return (
            "Applications for this cohort are closed. We'll let you know when the next one opens."
        )
    if closes_on is not None and today > closes_on:
        return (
            f"Applications for this cohort closed on {long_day(closes_on)}. "
            "We'll let you know when the next one opens."
        )
    return None


@dataclass(frozen=True)
class ApplicationForm:
    """The raw answers as typed into the modal (field names match the modal's blocks)."""

    company: str | None = None
    role: str | None = None
    level: str | None = None
    years: str | None = None
    interests: tuple[str, ...] = ()
    wants: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ApplicationAnswers:
    company: str
    role: str
    level: str
    years: int
    interests: tuple[str, ...]
    wants: str
    note: str | None


def _clean(text: str | None) -> str:
    return (text or "").strip()


def validate_application(form: ApplicationForm) -> ApplicationAnswers | dict[str, str]:
    """Clean answers, or Slack's ``errors`` map (block id → sentence) for the modal."""
    errors: dict[str, str] = {}
    company, role, wants, note = (
        _clean(v) for v in (form.company, form.role, form.wants, form.note)
    )
    if not company:
        errors["company"] = "Where do you work? Write 'independent' if that's you."
    elif len(company) > MAX_COMPANY:
        errors["company"] = f"Keep it to {MAX_COMPANY} characters."
    if not role:
        errors["role"] = "What's your role, e.g. 'Senior PM, payments'?"
    elif len(role) > MAX_ROLE:
        errors["role"] = f"Keep it to {MAX_ROLE} characters."
    if form.level not in LEVELS:
        errors["level"] = "Pick the level closest to yours."
    years_text = _clean(form.years)
    if not re.fullmatch(r"\d{1,2}", years_text) or int(years_text) > MAX_YEARS:
        errors["years"] = f"Write a whole number of years, from 0 to {MAX_YEARS}."
    unknown = [k for k in form.interests if k not in INTERESTS]
    if unknown or not form.interests:
        errors["interests"] = "Pick at least one interest from the list."
    if not wants:
        errors["wants"] = "Tell us in a sentence or two what you hope to get from the community."
    elif len(wants) > MAX_WANTS:
        errors["wants"] = f"Keep it to {MAX_WANTS} characters."
    if len(note) > MAX_NOTE:
        errors["note"] = f"Keep it to {MAX_NOTE} characters."
    if errors:
        return errors
    return ApplicationAnswers(
        company=company,
        role=role,
        level=str(form.level),
        years=int(years_text),
        interests=tuple(dict.fromkeys(form.interests)),
        wants=wants,
        note=note or None,
    )
