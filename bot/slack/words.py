"""Counts in words people read: "1 spot", "2 spots", "both spots", never "1 spots"."""

from __future__ import annotations


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
