"""A person's first name, from whatever name we hold for them.

One owner for every greeting and button ("Hi Ana", "Ask Ana"), whether the name comes from
a member's row, a guest typed into a form, or a name already shown in a list. Pure.
"""

from __future__ import annotations

NO_NAME = "there"  # "Hi there": a person whose name we do not hold (or no longer hold)


def first_name(name: str | None) -> str:
    """The first word of ``name`` ("Ana Lima" → "Ana"), or "there" when there is none."""
    words = (name or "").split()
    return words[0] if words else NO_NAME
