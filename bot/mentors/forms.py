"""The mentoring forms' answers, read from a view submission's ``state.values``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FindForm:
    goal: str | None
    phase: str | None
    spike: str | None
    topics: tuple[str, ...] = ()
    help_wanted: str | None = None


@dataclass(frozen=True)
class OfferForm:
    capacity: str | None
    topics: tuple[str, ...]
    spikes: tuple[str, ...]


def _element(state: dict[str, Any], block_id: str) -> dict[str, Any]:
    """One input's state (the element's action_id is its block_id)."""
    return (state.get(block_id) or {}).get(block_id) or {}


def _choice(state: dict[str, Any], block_id: str) -> str | None:
    return (_element(state, block_id).get("selected_option") or {}).get("value")


def _choices(state: dict[str, Any], block_id: str) -> tuple[str, ...]:
    return tuple(o["value"] for o in _element(state, block_id).get("selected_options") or [])


def text(state: dict[str, Any], block_id: str) -> str | None:
    return _element(state, block_id).get("value")


def read_find_form(state: dict[str, Any]) -> FindForm:
    return FindForm(
        goal=text(state, "goal"),
        phase=_choice(state, "phase"),
        spike=_choice(state, "spike"),
        topics=_choices(state, "topics"),
        help_wanted=text(state, "help_wanted"),
    )


def read_offer_form(state: dict[str, Any]) -> OfferForm:
    return OfferForm(
        capacity=_choice(state, "capacity"),
        topics=_choices(state, "topics"),
        spikes=_choices(state, "spikes"),
    )


def pair_and_month(value: str | None) -> tuple[int, str] | None:
    """'12:2027-01' → (12, '2027-01'); None when it does not parse."""
    head, _, month = (value or "").partition(":")
    if not head.isdigit() or len(month) != 7 or month[4] != "-":
        return None
    return int(head), month
