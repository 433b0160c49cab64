"""`/vault search`: from what a member typed to one page of ranked entries.

Parsing and ranking rules live in bot/vault/query.py and storage/vault_index.py; this module
decides what the member is told when there is nothing to search for, and what to suggest when
nothing matched (the nearest tags, then the most used ones).

A search only reads, in at most two queries: the ranked page with its tags and whether the
viewer voted for each entry, then whether the viewer is an admin (only when something was
found), or the tag counts behind the suggestions (only when nothing was).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from bot.members.admins import is_admin
from bot.platform.settings import Settings
from bot.vault.entries import Entry, view_of
from bot.vault.lists import tag_counts
from bot.vault.query import SearchQuery
from bot.vault.tags import closest_tags
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
    )


def _ranked_page(
    session: Session, query: SearchQuery, viewer: str, page: int
) -> list[tuple[VaultResource, bool]]:
    """One page (and one entry more, to know if there is a next), best first, each with its
    tags and whether ``viewer`` voted for it: one statement."""
    atoms = [atom.alternatives for atom in query.atoms]
    voted = exists().where(VaultVote.resource_id == VaultResource.id, VaultVote.user_id == viewer)
    statement = (
        select(VaultResource, voted.label("voted"))
        .where(vault_index.matches(session.get_bind().dialect.name, atoms))
        .order_by(  # as vault_index.ranked, which loads tags in a second query
            vault_index.relevance(atoms).desc(),
            VaultResource.votes.desc(),
            VaultResource.created_at.desc(),
            VaultResource.id.desc(),
        )
        .options(joinedload(VaultResource.tag_rows))
        .limit(PAGE_SIZE + 1)
        .offset(page * PAGE_SIZE)
    )
    return [(resource, bool(v)) for resource, v in session.execute(statement).unique()]
