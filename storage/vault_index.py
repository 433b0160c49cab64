"""One search interface over two engines: SQLite FTS5 and PostgreSQL full-text search.

Each engine both finds and ranks, with the scorer it was built for:
- SQLite: FTS5 ``bm25()`` with column weights (title 3, tags 2, description 1), so a rare
  word counts for more than a common one and a short title that says it beats a long one
  that also does;
- PostgreSQL: ``ts_rank_cd`` over a tsvector whose fields carry weights A/B/C (migration
  0014: title 1, tags 0.8, description 0.5), divided by the entry's number of distinct words
  (ts_rank_cd has no word rarity, so without it long filler outranks short, exact entries).
Multi-word queries also ask for each pair of neighbouring words as a phrase, which matches
nothing new but lifts entries that say "customer interviews" over ones that mention
customers here and interviews there. Votes then lift a score by at most ``VOTE_LIFT`` (a
prior that saturates: votes / (votes + VOTE_HALF)), so the community's favourites win among
similar entries but cannot outrank a clearly better match; then the newest first.

Queries arrive as analyzer terms (letters and digits only, checked again here); they are
quoted into the engine's query language and sent as bound parameters, so a statement is
built once per engine and query shape (with phrases, with a typo fallback) and reused; its
compiled form is cached by SQLAlchemy. Relevance never depends on Python-side scoring.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    Subquery,
    bindparam,
    case,
    column,
    exists,
    func,
    literal,
    literal_column,
    select,
    table,
    union_all,
)
from sqlalchemy.orm import Session, selectinload

from storage.models.vault import VaultResource

# An atom: alternatives, each a group of terms that must all appear.
Atom = Sequence[Sequence[str]]

TERM = re.compile(r"[^\W_]+")
# bm25() weights, in the FTS5 table's column order: index_title, index_tags, index_body.
FTS5_WEIGHTS = (3.0, 2.0, 1.0)
# ts_rank_cd weights, in PostgreSQL's order {D, C, B, A}: body is C, tags B, title A.
PG_WEIGHTS = "{0.0,0.5,0.8,1.0}"
PG_NORMALISATION = 8  # rank / unique words: a short entry that says it beats a long one
VOTE_LIFT = 0.05
VOTE_HALF = 5.0
QUERY_PARAM = "vault_query"
POOL_PARAM = "vault_pool"
PHRASE_PARAM = "vault_phrases"
FALLBACK_PARAM = "vault_fallback"
POOL_EXTRA = 200  # votes reorder the page's entries and the next 200 most relevant

_fts = table("vault_fts", column("rowid"))
_fts_probe = table("vault_fts", column("rowid")).alias("vault_exact_probe")
_resource_alias = table("vault_resource", column("search_vector")).alias("vault_exact_probe")
# An FTS5 query no entry can match: index terms are at most 40 characters (terms.MAX_TOKEN).
NOTHING = '"' + "x" * 41 + '"'
TIEBREAK = (VaultResource.votes.desc(), VaultResource.created_at.desc(), VaultResource.id.desc())


def _checked(atoms: Sequence[Atom]) -> list[list[list[str]]]:
    if not atoms:
        raise ValueError("a search needs at least one term")
    checked = []
    for atom in atoms:
        alternatives = [list(alt) for alt in atom]
        if not alternatives or not all(alternatives):
            raise ValueError("an atom needs at least one term")
        for alternative in alternatives:
            for term in alternative:
                if not TERM.fullmatch(term):
                    raise ValueError(f"not an index term: {term!r}")
        checked.append(alternatives)
    return checked


def _neighbours(atoms: list[list[list[str]]]) -> list[tuple[str, str]]:
    """Pairs of plain words next to each other in the query (concepts are phrases already)."""
    pairs = []
    for left, right in pairwise(atoms):
        if len(left) == len(right) == 1 and len(left[0]) == len(right[0]) == 1:
            pairs.append((left[0][0], right[0][0]))
    return pairs


def fts5_query(atoms: Sequence[Atom]) -> str:
    """``("gtm" OR ("launch" AND "plan")) OR ("checklist")`` for FTS5 MATCH, plus
    ``"customer interview"`` phrases for neighbouring words."""
    checked = _checked(atoms)
    parts = [
        "(" + " OR ".join("(" + " AND ".join(f'"{t}"' for t in alt) + ")" for alt in atom) + ")"
        for atom in checked
    ]
    parts += [f'"{a} {b}"' for a, b in _neighbours(checked)]
    return " OR ".join(parts)


def tsquery(atoms: Sequence[Atom]) -> str:
    """``('gtm' | ('launch' & 'plan')) | ('checklist')`` for to_tsquery('simple', …)."""
    return " | ".join(
        "(" + " | ".join("(" + " & ".join(f"'{t}'" for t in alt) + ")" for alt in atom) + ")"
        for atom in _checked(atoms)
    )


def phrase_tsquery(atoms: Sequence[Atom]) -> str | None:
    """``('customer' <-> 'interview')`` for neighbouring words, or None. Apart from the
    main query because ts_rank_cd gives a phrase inside an OR no extra credit."""
    pairs = _neighbours(_checked(atoms))
    return " | ".join(f"('{a}' <-> '{b}')" for a, b in pairs) or None


def engine_params(
    dialect: str, atoms: Sequence[Atom], fallback: Sequence[str] = ()
) -> dict[str, str]:
    """The bound values for ``ranked_ids(dialect, *shape(params))``. ``fallback`` terms
    (near misses of the words typed) are searched only if ``atoms`` match nothing."""
    if fallback:
        _checked([[fallback]])
    if dialect != "postgresql":
        params = {QUERY_PARAM: fts5_query(atoms)}
        if fallback:
            params[FALLBACK_PARAM] = " OR ".join(f'"{t}"' for t in fallback)
        return params
    params = {QUERY_PARAM: tsquery(atoms)}
    phrases = phrase_tsquery(atoms)
    if phrases:
        params[PHRASE_PARAM] = phrases
    if fallback:
        params[FALLBACK_PARAM] = " ".join(fallback)
    return params


def shape(params: Mapping[str, object]) -> tuple[bool, bool]:
    """(phrased, with a fallback): which of the few statements these parameters fit."""
    return PHRASE_PARAM in params, FALLBACK_PARAM in params


def _vote_prior() -> ColumnElement[float]:
    votes = VaultResource.votes
    return literal_column("1.0") + VOTE_LIFT * votes / (votes + VOTE_HALF)


def _param(name: str) -> BindParameter[str]:
    return bindparam(name, type_=VaultResource.index_title.type)


def _pg_hits(
    query_param: str, phrased: bool, gate: ColumnElement[bool] | None = None
) -> Select[int, float]:
    vector: ColumnElement[Any] = literal_column("vault_resource.search_vector")
    weights: ColumnElement[Any] = literal_column(f"'{PG_WEIGHTS}'::float4[]")
    if gate is None:
        query: ColumnElement[Any] = func.to_tsquery(literal_column("'simple'"), _param(query_param))
    else:
        known = _existing_terms(query_param)
        query = known.c.query
    found: ColumnElement[float] = func.ts_rank_cd(weights, vector, query, PG_NORMALISATION)
    if phrased:
        phrases = func.to_tsquery(literal_column("'simple'"), _param(PHRASE_PARAM))
        found = found + func.ts_rank_cd(weights, vector, phrases, PG_NORMALISATION)
    score: ColumnElement[float] = -found  # lower is better, as bm25()
    hits = select(VaultResource.id.label("id"), score.label("score"))
    if gate is not None:
        hits = hits.select_from(known).join(VaultResource, literal(True)).where(gate)
    return hits.where(vector.op("@@")(query))


def _existing_terms(param: str) -> Subquery:
    """The fallback's space-separated terms that some entry holds, as one tsquery (NULL if
    none), found by one index probe each: ranking hundreds of alternatives on every row
    costs seconds, and the planner would price them as a sequential scan."""
    terms = (
        func.unnest(func.string_to_array(_param(param), literal(" ")))
        .table_valued("term")
        .render_derived(name="vault_near_term")
    )
    held = exists(
        select(literal_column("1"))
        .select_from(_resource_alias)
        .where(
            literal_column("vault_exact_probe.search_vector").op("@@")(
                func.to_tsquery(literal_column("'simple'"), terms.c.term)
            )
        )
    )
    joined = func.string_agg(terms.c.term, literal(" | "))
    return (
        select(func.to_tsquery(literal_column("'simple'"), joined).label("query"))
        .select_from(terms)
        .where(held)
        .subquery("vault_near_terms")
    )


def _fts5_hits(match: ColumnElement[str]) -> Select[int, float]:
    weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
    score: ColumnElement[float] = literal_column(f"bm25(vault_fts, {weights})")  # lower: better
    return select(_fts.c.rowid.label("id"), score.label("score")).where(
        literal_column("vault_fts").op("MATCH")(match)
    )


def _best(hits: Select[int, float], name: str) -> Subquery:
    return (
        hits.order_by(literal_column("score"))
        .limit(bindparam(POOL_PARAM, type_=Integer))
        .subquery(name)
    )


@lru_cache(maxsize=8)
def ranked_ids(dialect: str, phrased: bool = False, fallback: bool = False) -> Select[int, float]:
    """``(id, rank)`` of the best matches for the query bound as ``QUERY_PARAM``, lowest rank
    first on both engines, ties left to ``TIEBREAK``.

    The engine ranks every match by relevance alone and keeps the best ``POOL_PARAM``; only
    those are joined to their votes (reading the vote count of every match would double the
    cost of a common word). With ``fallback``, the query bound as ``FALLBACK_PARAM`` is
    searched instead when the first matches nothing, in the same statement; when it does
    match, the fallback costs one index probe. Built once per engine and query shape:
    callers add limit and offset.
    """
    if dialect == "postgresql":
        best = _best(_pg_hits(QUERY_PARAM, phrased), "vault_exact")
        if fallback:
            exact: Select[Any] = (
                select(literal_column("1"))
                .select_from(_resource_alias)
                .where(
                    literal_column("vault_exact_probe.search_vector").op("@@")(
                        func.to_tsquery(literal_column("'simple'"), _param(QUERY_PARAM))
                    )
                )
            )
            near = _best(_pg_hits(FALLBACK_PARAM, False, ~exists(exact)), "vault_near")
    else:
        best = _best(_fts5_hits(_param(QUERY_PARAM)), "vault_exact")
        if fallback:
            probe = exists(
                select(literal_column("1"))
                .select_from(_fts_probe)
                .where(
                    literal_column("vault_exact_probe.vault_fts").op("MATCH")(_param(QUERY_PARAM))
                )
            )
            # FTS5 takes the MATCH operand once, so the fallback's index is not even read
            # when the query as typed matches: it then asks for a term nothing can hold.
            match = case((probe, literal(NOTHING)), else_=_param(FALLBACK_PARAM))
            near = _best(_fts5_hits(match), "vault_near")
    if fallback:
        both = union_all(select(best.c.id, best.c.score), select(near.c.id, near.c.score)).subquery(
            "vault_hits"
        )
    else:
        both = best
    rank = both.c.score * _vote_prior()
    return (
        select(VaultResource.id, rank.label("rank"))
        .join(both, both.c.id == VaultResource.id)
        .order_by(rank, *TIEBREAK)
    )


def pool_size(limit: int, offset: int) -> int:
    """How many of the most relevant entries votes may reorder, for a page."""
    return offset + limit + POOL_EXTRA


def ranked(
    dialect: str, shape: tuple[bool, bool] = (False, False), *, limit: int, offset: int = 0
) -> Select[VaultResource]:
    """One page of matching resources, best first (the page is cut before anything but the
    rank is read, so per-row work stays in the engine)."""
    page = ranked_ids(dialect, *shape).limit(limit).offset(offset).subquery("vault_page")
    return (
        select(VaultResource)
        .join(page, page.c.id == VaultResource.id)
        .order_by(page.c.rank, *TIEBREAK)
    )


def search(
    session: Session, atoms: Sequence[Atom], *, limit: int, offset: int = 0
) -> list[VaultResource]:
    """One page of matching resources with their tags, best first."""
    dialect = session.get_bind().dialect.name
    params: dict[str, str | int] = {**engine_params(dialect, atoms)}
    statement = ranked(dialect, shape(params), limit=limit, offset=offset)
    params[POOL_PARAM] = pool_size(limit, offset)
    return list(session.scalars(statement.options(selectinload(VaultResource.tag_rows)), params))
