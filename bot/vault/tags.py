"""Tags on vault entries: one spelling per idea, so `#GTM`, `#go-to-market` and `#Launch
Plan` are the same tag, and a search that finds nothing can suggest the nearest ones."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from bot.vault.concepts import TAG_NAMES
from bot.vault.terms import spans, words

MAX_TAGS = 8
MAX_TAG = 30


def normalise_tag(raw: str) -> str | None:
    """A tag as stored: lowercase words joined by hyphens; a PM concept by its short name."""
    found = spans(raw)
    if len(found) == 1 and found[0].concept is not None:
        concept = found[0].concept
        return TAG_NAMES.get(concept, concept)
    tag = "-".join(words(raw))[:MAX_TAG].strip("-")
    return tag or None


def parse_tags(text: str | None) -> list[str]:
    """Tags from a form field or a command: comma-separated when there are commas
    (so a tag may have spaces), else one per word; `#` is optional. Order kept, repeats
    dropped."""
    text = text or ""
    pieces = text.split(",") if "," in text else re.split(r"\s+", text)
    tags: list[str] = []
    for piece in pieces:
        tag = normalise_tag(piece.strip().lstrip("#"))
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def closest_tags(words_typed: Iterable[str], known: Iterable[str], limit: int = 5) -> list[str]:
    """Tags that look like what was typed (typos, partial words), best first."""
    known = list(known)
    found: list[str] = []
    for word in words_typed:
        candidates = [t for t in known if word and (t.startswith(word) or word in t.split("-"))]
        candidates += difflib.get_close_matches(word, known, n=limit, cutoff=0.6)
        for tag in candidates:
            if tag not in found:
                found.append(tag)
    return found[:limit]
