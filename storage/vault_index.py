"""One search interface over two engines: SQLite FTS5 and PostgreSQL full-text search.

The engine only decides *which* entries match (the index: FTS5 MATCH, or ``@@`` on the GIN
indexed tsvector). *How* they rank is the same SQL on both: for each query atom, 100 for
matching at all (so covering more of the query always wins) plus the fields that mention it
(title 3, tags 2, description 1); then votes, then freshness. Relevance comes in coarse
steps on purpose, so that among equally relevant entries the community's votes decide. The
same ranking tests pass on both databases because no engine-specific score is involved.

Queries arrive as analyzer terms (letters and digits only, checked again here); they are
quoted into the engine's query language and always sent as bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, TextClause, and_, case, literal, or_, select, text
from sqlalchemy.orm import Session, selectinload

from storage.models.vault import VaultResource

# An atom: alternatives, each a group of terms that must all appear.
Atom = Sequence[Sequence[str]]

TERM = re.compile(r"[^\W_]+")
FIELD_WEIGHTS = (("index_title", 3), ("index_tags", 2), ("index_body", 1))
COVERAGE = 100


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


def fts5_query(atoms: Sequence[Atom]) -> str:
    """``("gtm" OR ("launch" AND "plan")) OR ("checklist")`` for FTS5 MATCH."""
    return " OR ".join(
        "(" + " OR ".join("(" + " AND ".join(f'"{t}"' for t in alt) + ")" for alt in atom) + ")"
        for atom in _checked(atoms)
    )


def tsquery(atoms: Sequence[Atom]) -> str:
    """``('gtm' | ('launch' & 'plan')) | ('checklist')`` for to_tsquery('simple', …)."""
    return " | ".join(
        "(" + " | ".join("(" + " & ".join(f"'{t}'" for t in alt) + ")" for alt in atom) + ")"
        for atom in _checked(atoms)
    )


def matches(dialect: str, atoms: Sequence[Atom]) -> ColumnElement[bool] | TextClause:
    """Rows the engine's index says contain at least one atom (a WHERE condition; on
    PostgreSQL a text clause, because the tsvector column is not mapped)."""
    if dialect == "postgresql":
        return text(
            "vault_resource.search_vector @@ to_tsquery('simple', :vault_query)"
        ).bindparams(vault_query=tsquery(atoms))
    fts = (
        select(text("rowid"))
        .select_from(text("vault_fts"))
        .where(text("vault_fts MATCH :vault_query").bindparams(vault_query=fts5_query(atoms)))
    )
    return VaultResource.id.in_(fts.scalar_subquery())


def _mentions(field: str, alternatives: list[list[str]]) -> ColumnElement[bool]:
    padded = literal(" ") + getattr(VaultResource, field) + literal(" ")
    return or_(*(and_(*(padded.contains(f" {t} ") for t in alt)) for alt in alternatives))


def relevance(atoms: Sequence[Atom]) -> ColumnElement[int]:
    """Σ over atoms of 100 + the weights of the fields that mention it (0 if none does)."""
    total: ColumnElement[int] | None = None
    for alternatives in _checked(atoms):
        fields = [case((_mentions(f, alternatives), w), else_=0) for f, w in FIELD_WEIGHTS]
        found = fields[0] + fields[1] + fields[2]
        score = case((found > 0, found + COVERAGE), else_=0)
        total = score if total is None else total + score
    assert total is not None
    return total


def ranked(dialect: str, atoms: Sequence[Atom]) -> Select[VaultResource]:
    """Matching resources, best first: relevance, then votes, then the newest."""
    return (
        select(VaultResource)
        .where(matches(dialect, atoms))
        .order_by(
            relevance(atoms).desc(),
            VaultResource.votes.desc(),
            VaultResource.created_at.desc(),
            VaultResource.id.desc(),
        )
        .options(selectinload(VaultResource.tag_rows))
    )


def search(
    session: Session, atoms: Sequence[Atom], *, limit: int, offset: int = 0
) -> list[VaultResource]:
    dialect = session.get_bind().dialect.name
    return list(session.scalars(ranked(dialect, atoms).limit(limit).offset(offset)))
