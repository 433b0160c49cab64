"""What a member typed after `/vault search`, as a structured query.

A query is a list of atoms; an entry matches an atom when it contains any one of the atom's
alternatives, each a set of terms that must all be present. "launch plan" is one atom with
two alternatives, the concept ``gtm`` or the words launch+plan, so the phrase finds GTM
material and entries that merely mention both words. Atoms only ever hold analyzer terms
(letters and digits), never raw user text, which is what keeps the engines' query syntax
out of reach.

A query survives a round trip through a button value (``encode``/``decode``), so "more" and
the buttons on each result re-run exactly the same search.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.vault.terms import STOP_WORDS, WORD, spans

MAX_ATOMS = 12
MAX_SHOWN = 80  # characters of the query repeated back in a result header
MAX_ENCODED = 1500  # a button value holds 2000; the entry id and list kind need the rest


@dataclass(frozen=True)
class Atom:
    alternatives: tuple[tuple[str, ...], ...]

    def terms(self) -> set[str]:
        return {term for alternative in self.alternatives for term in alternative}


@dataclass(frozen=True)
class SearchQuery:
    atoms: tuple[Atom, ...]
    shown: str  # the member's words, folded and shortened, for headers
    dropped: int = 0  # atoms beyond MAX_ATOMS that were not searched for

    @property
    def is_empty(self) -> bool:
        return not self.atoms

    def encode(self) -> str:
        """Atoms as ``gtm|launch+plan checklist`` plus the shown text, for a button value."""
        atoms = " ".join("|".join("+".join(alt) for alt in a.alternatives) for a in self.atoms)
        return f"{atoms}\n{self.shown}"

    @classmethod
    def decode(cls, value: str) -> SearchQuery:
        """The inverse of ``encode``; anything that is not a term is refused (forged values)."""
        atoms_text, _, shown = value.partition("\n")
        atoms = []
        for atom in atoms_text.split():
            alternatives = tuple(tuple(alt.split("+")) for alt in atom.split("|"))
            for alternative in alternatives:
                if not all(WORD.fullmatch(term) for term in alternative):
                    raise ValueError(f"not a query term in {atom!r}")
            atoms.append(Atom(alternatives))
        if len(atoms) > MAX_ATOMS or len(value) > MAX_ENCODED:
            raise ValueError("too many query atoms")
        return cls(tuple(atoms), shown[:MAX_SHOWN])


def parse_query(text: str) -> SearchQuery:
    atoms: list[Atom] = []
    shown_words: list[str] = []
    dropped = 0
    for span in spans(text):
        if span.concept is not None:
            content = tuple(
                t for t, w in zip(span.terms, span.source, strict=True) if w not in STOP_WORDS
            )
            alternatives: tuple[tuple[str, ...], ...] = ((span.concept,),)
            if len(span.source) > 1 and content and content != (span.concept,):
                alternatives += (content,)
            atom = Atom(alternatives)
        elif span.source[0] in STOP_WORDS:
            continue
        else:
            atom = Atom((span.terms,))
        if atom in atoms:
            continue
        if len(atoms) == MAX_ATOMS:
            dropped += 1
            continue
        atoms.append(atom)
        shown_words.extend(span.source)
    shown = " ".join(shown_words)
    if len(shown) > MAX_SHOWN:
        shown = shown[: MAX_SHOWN - 1] + "…"
    query = SearchQuery(tuple(atoms), shown, dropped)
    while len(query.encode()) > MAX_ENCODED:  # only with many very long words
        query = SearchQuery(query.atoms[:-1], shown, query.dropped + 1)
    return query
