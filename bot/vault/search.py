"""`/vault search`: from what a member typed to one page of ranked entries.

Parsing and ranking rules live in bot/vault/query.py and storage/vault_index.py; this module
decides what the member is told when there is nothing to search for, and what to suggest when
nothing matched (the nearest tags, then the most used ones).

A search only reads, in at most two queries: the ranked page with its tags and whether the
viewer voted for each entry, then whether the viewer is an admin (only when something was
found), or the tag counts behind the suggestions (only when nothing was). When the words as
typed match nothing, the same first statement searches their near misses instead
(bot/vault/typos.py), so "pricng" finds pricing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Integer, Select, bindparam, exists, select
from sqlalchemy.orm import Session, joinedload

from bot.members.admins import is_admin
from bot.platform.settings import Settings
from bot.vault.entries import Entry, view_of
from bot.vault.lists import tag_counts
from bot.vault.query import SearchQuery
from bot.vault.tags import closest_tags
from bot.vault.typos import near_misses, one_edit_away
from storage import vault_index
from storage.models.vault import VaultResource, VaultVote

PAGE_SIZE = 5
MAX_PAGE = 19  # 100 results; past that, a better query helps more than paging
NOTHING_TYPED = (
    "Tell me what to look for, e.g. `/vault search gtm` or `/vault search onboarding plan`."
)
NO_WORDS = (
    "I couldn't find a word to search for in that. "
    "Try a topic such as `gtm`, `prd` or `onboarding`."
)


@dataclass(frozen=True)
class SearchPage:
    query: SearchQuery
    page: int
    entries: tuple[Entry, ...]
    has_more: bool
    suggestions: tuple[str, ...] = ()
    # The page answers words a slip away from what was typed ("pricng" → pricing), so the
    # member is told: results that never contain their word would otherwise look wrong.
    near: bool = False


def search_page(
    session: Session, query: SearchQuery, *, viewer: str, settings: Settings, page: int = 0
) -> SearchPage:
    page = max(0, min(page, MAX_PAGE))
    found = _ranked_page(session, query, viewer, page)
    admin = bool(found) and is_admin(session, viewer, settings)
    entries = tuple(
        view_of(resource, viewer, voted=voted, admin=admin) for resource, voted in found[:PAGE_SIZE]
    )
    suggestions: tuple[str, ...] = ()
    if not found and page == 0:
        counts = tag_counts(session)
        known = [tag for tag, _ in counts]
        near = closest_tags(query.shown.split(), known)
        suggestions = tuple(near or known[:5])
    return SearchPage(
        query=query,
        page=page,
        entries=entries,
        has_more=len(found) > PAGE_SIZE and page < MAX_PAGE,
        suggestions=suggestions,
        near=answers_a_near_miss(query, [resource for resource, _ in found]),
    )


def answers_a_near_miss(query: SearchQuery, found: Sequence[VaultResource]) -> bool:
    """Whether the page came from the typo fallback: no entry found holds any word as the
    member typed it (the fallback only runs when those matched nothing), and one holds a word
    a slip away. A page that matched through any typed word never says so. Read from the rows
    already loaded, so telling the member costs no query."""
    indexed = [set(f"{r.index_title} {r.index_tags} {r.index_body}".split()) for r in found]
    typed = {term for atom in query.atoms for term in atom.terms()}
    if not indexed or any(typed & terms for terms in indexed):
        return False
    near = {
        miss
        for atom in query.atoms
        if len(atom.alternatives) == 1 and len(atom.alternatives[0]) == 1
        for miss in one_edit_away(atom.alternatives[0][0])
    }
    return any(near & terms for terms in indexed)


def _ranked_page(
    session: Session, query: SearchQuery, viewer: str, page: int
) -> list[tuple[VaultResource, bool]]:
    """One page (and one entry more, to know if there is a next), best first, each with its
    tags and whether ``viewer`` voted for it: one statement, built once per engine."""
    dialect = session.get_bind().dialect.name
    atoms = [atom.alternatives for atom in query.atoms]
    params: dict[str, str | int] = {
        **vault_index.engine_params(dialect, atoms, near_misses(atoms)),
        "vault_viewer": viewer,
        "vault_limit": PAGE_SIZE + 1,
        "vault_offset": page * PAGE_SIZE,
        vault_index.POOL_PARAM: vault_index.pool_size(PAGE_SIZE + 1, page * PAGE_SIZE),
    }
    statement = _page_statement(dialect, vault_index.shape(params))
    rows = session.execute(statement, params).unique()
    return [(row[0], bool(row[1])) for row in rows]


@lru_cache(maxsize=8)
def _page_statement(dialect: str, shape: tuple[bool, bool]) -> Select[VaultResource, bool]:
    """Built once per engine and query shape; the query, viewer and page arrive as bound
    parameters."""
    voted = exists().where(
        VaultVote.resource_id == VaultResource.id,
        VaultVote.user_id == bindparam("vault_viewer", type_=VaultVote.user_id.type),
    )
    page = (
        vault_index.ranked_ids(dialect, *shape)
        .limit(bindparam("vault_limit", type_=Integer))
        .offset(bindparam("vault_offset", type_=Integer))
        .subquery("vault_page")
    )
    return (
        select(VaultResource, voted.label("voted"))
        .join(page, page.c.id == VaultResource.id)
        .order_by(page.c.rank, *vault_index.TIEBREAK)
        .options(joinedload(VaultResource.tag_rows))
    )
