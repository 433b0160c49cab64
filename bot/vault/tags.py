"""Tags on vault entries: one spelling per idea, so `#GTM`, `#go-to-market` and `#Launch
Plan` are the same tag, and a search that finds nothing can suggest the nearest ones.

Vault tags are keyword tags, unlike the phrase tags on member profiles
(``bot.members.profiles.parse_phrase_tags``): `#zero to one` is three vault tags but one
profile tag. The two differ on purpose. Vault tags are search keys, typed after
`/vault add <link> <title>` where a space ends a tag, and folded to the vault's concept
names so that a search finds an entry however its tag was spelled. Profile tags are how
members describe themselves, written in a form field and shown back as written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from bot.vault.concepts import TAG_NAMES
from bot.vault.terms import spans, words

MAX_TAGS = 8
MAX_TAG = 30


def keyword_tag(raw: str) -> str | None:
    """A tag as stored: lowercase words joined by hyphens; a PM concept by its short name."""
    found = spans(raw)
    if len(found) == 1 and found[0].concept is not None:
        concept = found[0].concept
        return TAG_NAMES.get(concept, concept)
    tag = "-".join(words(raw))[:MAX_TAG].strip("-")
    return tag or None


def parse_keyword_tags(text: str | None) -> list[str]:
    """Vault tags from a form field or a command: comma-separated when there are commas
    (so a tag may have spaces), else one per word; `#` is optional; a PM concept under its
    short name. Order kept, repeats dropped. See the module docstring for why profile tags
    are parsed differently."""
    text = text or ""
    pieces = text.split(",") if "," in text else re.split(r"\s+", text)
    tags: list[str] = []
    for piece in pieces:
        tag = keyword_tag(piece.strip().lstrip("#"))
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
