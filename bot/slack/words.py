"""Counts in words people read: "1 spot", "2 spots", "both spots", never "1 spots"."""

from __future__ import annotations

from collections.abc import Sequence


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the noun that fits it: ``plural(1, "spot")`` is "1 spot".

    ``many`` is the irregular plural (``plural(3, "person", "people")``); otherwise an "s".
    """
    return f"{n} {word if n == 1 else many or word + 's'}"


def all_of(n: int, word: str, many: str | None = None) -> str:
    """The whole of a count, as people say it: "the only spot", "both spots", "all 5 spots"."""
    if n == 1:
        return f"the only {word}"
    if n == 2:
        return f"both {many or word + 's'}"
    return f"all {plural(n, word, many)}"


def and_list(items: Sequence[str]) -> str:
    """Items as a sentence says them: "Ana", "Ana and Ben", "Ana, Ben and Chen"."""
    items = list(items)
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def shown_list(items: Sequence[str], limit: int, *, noun: str = "more") -> str:
    """At most ``limit`` items, and never a cut without saying how many: "A, B … and 3 more"."""
    items = list(items)
    if len(items) <= limit:
        return and_list(items)
    return ", ".join(items[:limit]) + f" … and {len(items) - limit} {noun}"
