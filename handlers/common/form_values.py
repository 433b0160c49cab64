"""Reading what a submitted form carries. A form's metadata can be stale or forged, so a
value that does not parse is refused with one sentence instead of failing the listener."""

from __future__ import annotations

from typing import Any

from bot.platform.refused import Refused

BAD_FORM = "That form didn't make sense to me. Please open it again."


def form_number(view: dict[str, Any], refusal: str = BAD_FORM) -> int:
    """The record the form was opened for (its ``private_metadata``), as a whole number."""
    try:
        return int(view.get("private_metadata") or "")
    except ValueError:
        raise Refused(refusal) from None
