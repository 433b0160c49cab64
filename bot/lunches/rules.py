"""What an admin may plan: the new-lunch form's answers checked, one sentence per field.

Pure: the form's values, the time and the community's zone in; a ``Draft`` or the errors
out, so every refusal is tested without Slack and nothing is stored until all is well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.lunches.times import community_when
from bot.members.profile_options import INTERESTS, LEVELS, level_rank

MIN_SEATS, MAX_SEATS, DEFAULT_SEATS = 3, 12, 6
MAX_BIO = 300  # "a two-line bio"
MAX_PLACE = 300
MAX_NAME = 100


@dataclass(frozen=True)
class Draft:
    """A checked lunch, ready to store. Times are UTC."""

    guest_user_id: str | None
    guest_name: str | None  # an outside guest; a member's name comes from their profile
    guest_title: str | None
    guest_company: str | None
    guest_bio: str | None
    starts_at: datetime
    closes_at: datetime
    place: str
    seats: int
    tags: tuple[str, ...]
    interests_only: bool
    level_min: str | None
    level_max: str | None


def _value(values: dict[str, Any], block: str) -> Any:
    """The one element's state in an input block (its action_id is the block_id)."""
    return (values.get(block) or {}).get(block) or {}


def _text(values: dict[str, Any], block: str) -> str:
    return " ".join(str(_value(values, block).get("value") or "").split())


def read_form(values: dict[str, Any]) -> dict[str, Any]:
    """The modal's ``state.values`` as plain answers."""

    def option(block: str) -> str | None:
        chosen = _value(values, block).get("selected_option")
        return chosen.get("value") if chosen else None

    def options(block: str) -> list[str]:
        return [o["value"] for o in _value(values, block).get("selected_options") or []]

    bio = str(_value(values, "guest_bio").get("value") or "").strip()
    return {
        "guest_user": _value(values, "guest_user").get("selected_user"),
        "guest_name": _text(values, "guest_name"),
        "guest_title": _text(values, "guest_title"),
        "guest_company": _text(values, "guest_company"),
        "guest_bio": bio,
        "date": _value(values, "date").get("selected_date"),
        "time": _value(values, "time").get("selected_time"),
        "place": _text(values, "place"),
        "seats": _text(values, "seats"),
        "tags": options("tags"),
        "close_date": _value(values, "close_date").get("selected_date"),
        "close_time": _value(values, "close_time").get("selected_time"),
        "invite": options("invite"),
        "level_min": option("level_min"),
        "level_max": option("level_max"),
    }


def _moment(day: Any, clock: Any, tz: ZoneInfo) -> datetime | None:
    try:
        when = datetime.combine(date.fromisoformat(str(day)), time.fromisoformat(str(clock)))
    except ValueError:
        return None
    return when.replace(tzinfo=tz)


def check(form: dict[str, Any], now: datetime, tz: ZoneInfo) -> Draft | dict[str, str]:
    """The form as a Draft, or one sentence per field saying what to change."""
    errors: dict[str, str] = {}
    guest_user = form.get("guest_user") or None
    guest_name = form.get("guest_name") or None
    if not guest_user and not guest_name:
        errors["guest_user"] = "Pick the guest from Slack, or write an outside guest's name below."
    elif guest_name and len(guest_name) > MAX_NAME:
        errors["guest_name"] = f"Keep the name under {MAX_NAME} characters."
    bio = form.get("guest_bio") or None
    if bio and len(bio) > MAX_BIO:
        errors["guest_bio"] = f"Keep the bio to two lines, under {MAX_BIO} characters."
    starts = _moment(form.get("date"), form.get("time"), tz)
    if starts is None:
        errors["date"] = "Pick the day and the time of the lunch."
    elif starts <= now:
        errors["date"] = (
            f"That is in the past (it is {community_when(now, tz)} now). Pick a later day."
        )
    closes = _moment(form.get("close_date"), form.get("close_time"), tz)
    if closes is None:
        errors["close_date"] = "Pick when sign-up closes: the day and the time."
    elif starts is not None and closes >= starts:
        errors["close_date"] = "Sign-up has to close before the lunch starts. Pick an earlier time."
    elif closes <= now:
        errors["close_date"] = "That close time has passed already. Pick a later one."
    place = form.get("place") or ""
    if not place:
        errors["place"] = "Say where: an address, a restaurant, or a video link."
    elif len(place) > MAX_PLACE:
        errors["place"] = f"Keep the place under {MAX_PLACE} characters."
    seats_text = str(form.get("seats") or "").strip() or str(DEFAULT_SEATS)
    seats = int(seats_text) if seats_text.isdigit() else None
    if seats is None or not MIN_SEATS <= seats <= MAX_SEATS:
        errors["seats"] = (
            f"A table has {MIN_SEATS} to {MAX_SEATS} seats (6 is the usual). Type a number."
        )
    tags = tuple(t for t in form.get("tags") or () if t in INTERESTS)
    interests_only = "interests_only" in (form.get("invite") or ())
    if interests_only and not tags:
        errors["tags"] = "Pick at least one topic to invite only the members who share it."
    low, high = form.get("level_min"), form.get("level_max")
    low = low if low in LEVELS else None
    high = high if high in LEVELS else None
    if low and high and (level_rank(low) or 0) > (level_rank(high) or 0):
        errors["level_max"] = "The highest level has to be at or above the lowest one."
    if errors or starts is None or closes is None or seats is None:
        return errors
    return Draft(
        guest_user_id=guest_user,
        guest_name=guest_name,
        guest_title=form.get("guest_title") or None,
        guest_company=form.get("guest_company") or None,
        guest_bio=bio,
        starts_at=starts.astimezone(ZoneInfo("UTC")),
        closes_at=closes.astimezone(ZoneInfo("UTC")),
        place=place,
        seats=seats,
        tags=tags,
        interests_only=interests_only,
        level_min=low,
        level_max=high,
    )
