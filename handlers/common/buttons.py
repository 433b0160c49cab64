"""Reading what a button carries. Payloads can be forged or stale, so a value that does not
parse is refused with one sentence instead of failing the listener."""

from __future__ import annotations

import re
from typing import Any

from bot.platform.refused import Refused

BAD_BUTTON = "That button didn't make sense to me, so nothing changed."


def button_value(body: dict[str, Any]) -> str:
    return str(body["actions"][0].get("value", ""))


def button_number(body: dict[str, Any]) -> int:
    """The button's value as a whole number (an id or a seed)."""
    try:
        return int(button_value(body))
    except ValueError:
        raise Refused(BAD_BUTTON) from None


def button_ids(body: dict[str, Any]) -> tuple[int, int | None]:
    """'12' → (12, None); '12:3' → (12, 3): a record and the page it was shown on."""
    head, _, page = button_value(body).partition(":")
    try:
        return int(head), (int(page) if page else None)
    except ValueError:
        raise Refused(BAD_BUTTON) from None


def any_variant(action_id: str) -> re.Pattern[str]:
    """Matches ``action_id`` and each ``<action_id>:<key>`` variant (bot/slack/blocks.variant)."""
    return re.compile(rf"^{re.escape(action_id)}(:[\w-]+)?$")
