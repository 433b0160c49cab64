"""Turning text into search terms, the same way for entries and for queries.

Both databases get the same, already-normalised tokens (lowercase, accents folded, stemmed
with Snowball's English stemmer, PM abbreviations recognised), separated by spaces. The
engines then only need to split on spaces, so SQLite FTS5 and PostgreSQL find the same
entries; their own stemmers (Porter vs Snowball) would not agree.

Tokens are letters and digits only (``[^\\W_]+``): nothing a user types can reach the FTS
syntax of either engine as an operator.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from bot.vault.concepts import CONCEPTS

MAX_TOKEN = 40  # longer "words" are noise (hashes, pasted blobs); both engines skip them

WORD = re.compile(r"[^\W_]+")
# Written forms the tokenizer would tear apart, rewritten before splitting into words.
REWRITES = (
    (re.compile(r"\ba\s*/\s*b\b"), " ab "),
    (re.compile(r"\b1\s*:\s*1s?\b"), " 1on1 "),
)
# Function words only. Published lists (e.g. the stop-words package) also drop words that
# carry meaning in a PM library — "first", "new", "test", "research", "pm", "value" — so the
# list is kept deliberately short here.
STOP_WORDS = frozenset(
    {
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "during",
        "each",
        "for",
        "from",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
    }
)

# British spellings as American ones, before stemming, so "prioritisation" finds
# "prioritization" and "behavioural" finds "behavioral" (the stemmer keeps them apart).
# Hand-written: a dozen suffix rules cover the regular families; a dictionary package
# (e.g. breame) would be a new dependency for the same effect. Applied to entries and
# queries alike, so a rule that also catches a word that is not British ("enterprise" →
# "enterprize") is harmless: both sides are spelled the same way.
SPELLINGS = (  # (endings that may apply, pattern, replacement); endings keep it cheap
    (("yses",), re.compile(r"^(\w+y)ses$"), r"\1sis"),  # analyses (plural) → analysis
    (
        ("ise", "ises", "ised", "ising", "isation", "isations", "iser", "isers"),
        re.compile(r"^(\w\w+)is(e|es|ed|ing|ation|ations|er|ers)$"),
        r"\1iz\2",
    ),
    (
        ("yse", "yses", "ysed", "ysing", "yser", "ysers"),
        re.compile(r"^(\w\w+y)s(e|es|ed|ing|er|ers)$"),
        r"\1z\2",
    ),  # analyse → analyze
    (
        ("our", "ours", "oured", "ouring", "ourite", "ourites", "ourable", "oural", "ourally"),
        re.compile(r"^(\w\w\w+)our(s|ed|ing|ite|ites|able|al|ally)?$"),
        r"\1or\2",
    ),
    (("ogue", "ogues"), re.compile(r"^(\w\w\w+)ogue(s)?$"), r"\1og\2"),  # catalogue
    (("tre", "tres"), re.compile(r"^(\w\w+)tre(s)?$"), r"\1ter\2"),  # centre, metre
    (("ence", "ences"), re.compile(r"^(lic|def|off|pret)ence(s)?$"), r"\1ense\2"),
    (("programme", "programmes"), re.compile(r"^programme(s)?$"), r"program\1"),
)
_SPELLING_ENDINGS = tuple(ending for endings, _, _ in SPELLINGS for ending in endings)

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """PyStemmer objects are not thread-safe; gunicorn's gthread workers get one each."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def fold(text: str) -> str:
    """Lowercase, with accents removed ("Café" → "cafe") and compatibility forms unified."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def words(text: str) -> list[str]:
    """The raw words of a text, folded, in order; over-long ones dropped."""
    folded = fold(text)
    for pattern, replacement in REWRITES:
        folded = pattern.sub(replacement, folded)
    return [w for w in WORD.findall(folded) if len(w) <= MAX_TOKEN]


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    forms = {}
    for concept in CONCEPTS:
        forms[concept] = concept
        forms[f"{concept}s"] = concept  # PRDs, OKRs, KPIs, MVPs
    return forms


@lru_cache(maxsize=50_000)
def norm(word: str) -> str:
    """One folded word as a search term: an abbreviation's canonical form, or its stem.

    Stemmed twice, because Snowball takes one suffix per pass: "experimentation" becomes
    "experiment" and only a second pass meets "experiments" at "experi".
    """
    concept = _abbreviations().get(word)
    if concept is not None:
        return concept
    stemmer = _stemmer()
    return stemmer.stemWord(stemmer.stemWord(american(word)))


def american(word: str) -> str:
    """A folded word in American spelling (see SPELLINGS)."""
    if not word.endswith(_SPELLING_ENDINGS):
        return word
    for endings, pattern, replacement in SPELLINGS:
        if word.endswith(endings):
            spelled, changed = pattern.subn(replacement, word)
            if changed:
                return spelled
    return word


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], str]:
    """Each concept phrase as a sequence of terms → the concept's token."""
    table = {}
    for concept, phrases in CONCEPTS.items():
        for phrase in phrases:
            table[tuple(norm(w) for w in words(phrase))] = concept
    return table


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    return max(len(p) for p in _phrases())


@dataclass(frozen=True)
class Span:
    """Terms read from a text: either one word, or a phrase that names a concept."""

    source: tuple[str, ...]  # the folded words, as written
    terms: tuple[str, ...]  # their terms (stems / abbreviations)
    concept: str | None = None


def spans(text: str) -> list[Span]:
    """Words and concept phrases in order; the longest phrase wins where several start."""
    raw = words(text)
    terms = [norm(w) for w in raw]
    table = _phrases()
    found: list[Span] = []
    i = 0
    while i < len(raw):
        for size in range(min(_longest_phrase(), len(raw) - i), 0, -1):
            concept = table.get(tuple(terms[i : i + size]))
            if concept is not None and (size > 1 or concept != terms[i]):
                found.append(Span(tuple(raw[i : i + size]), tuple(terms[i : i + size]), concept))
                i += size
                break
        else:
            concept = terms[i] if terms[i] in CONCEPTS else None
            found.append(Span((raw[i],), (terms[i],), concept))
            i += 1
    return found


def index_terms(text: str) -> str:
    """What the index stores for one field: its terms and the concepts it names, once each.

    Stop words are left out (no query asks for them); repeats are dropped because ranking
    only asks whether a field mentions a term, not how often.
    """
    seen: dict[str, None] = {}
    for span in spans(text):
        for term, word in zip(span.terms, span.source, strict=True):
            if word not in STOP_WORDS:
                seen.setdefault(term, None)
        if span.concept:
            seen.setdefault(span.concept, None)
    return " ".join(seen)


@dataclass(frozen=True)
class IndexText:
    """The three searchable fields of an entry, as the index stores them."""

    title: str
    tags: str
    body: str


def index_text(title: str, description: str, tags: list[str] | tuple[str, ...]) -> IndexText:
    return IndexText(
        title=index_terms(title),
        tags=index_terms(" ".join(t.replace("-", " ") for t in tags)),
        body=index_terms(description),
    )
