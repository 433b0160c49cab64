"""Words one typing slip away, for a search that found nothing as typed ("pricng").

Every string one edit away from a query term (a letter dropped, added, changed, or two
neighbours swapped: Damerau–Levenshtein distance 1), analysed like any query word. The
engine, not Python, decides which of them exist: they go into the same statement as a
fallback that only runs when the words as typed match nothing (storage/vault_index.py),
so no vocabulary has to be loaded or kept in step. Hand-written (the classic generator,
a dozen lines): spelling libraries bring their own dictionary, which a PM vault's words
("onboarding", "roadmap", "okr") would not be in anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from string import ascii_lowercase

from bot.vault.terms import norm

MIN_LENGTH = 4  # shorter words have too many neighbours to guess at ("ux": us, up, x…)
MAX_LENGTH = 15
MAX_WORDS = 3  # words corrected per query; each brings a few hundred candidates


@lru_cache(maxsize=4096)  # a few hundred stems each (~1 ms); members repeat their topics
def one_edit_away(term: str) -> tuple[str, ...]:
    """The analysed forms of every string one edit from ``term``, without ``term`` itself;
    nothing for short, long or non-ASCII terms."""
    if not (MIN_LENGTH <= len(term) <= MAX_LENGTH and term.isascii() and term.isalpha()):
        return ()
    splits = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    edits |= {a + c + b for a, b in splits for c in ascii_lowercase}
    forms = {norm(edit) for edit in edits if edit}
    forms.discard(term)
    return tuple(sorted(forms))


def near_misses(atoms: Sequence[tuple[tuple[str, ...], ...]]) -> tuple[str, ...]:
    """Near misses of up to ``MAX_WORDS`` of the query's single words, for a fallback search
    (the query as a whole matched nothing, so none of its own terms needs repeating)."""
    found: dict[str, None] = {}
    corrected = 0
    for alternatives in atoms:
        if corrected < MAX_WORDS and len(alternatives) == 1 and len(alternatives[0]) == 1:
            near = one_edit_away(alternatives[0][0])
            if near:
                corrected += 1
                found.update(dict.fromkeys(near))
    return tuple(found)
