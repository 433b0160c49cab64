"""`/vault search`: from what a member typed to one page of ranked entries.

Parsing and ranking rules live in bot/vault/query.py and storage/vault_index.py; this module
decides what the member is told when there is nothing to search for, and what to suggest when
nothing matched (the nearest tags, then the most used ones).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.platform.settings import Settings
from bot.vault.entries import Entry, views_of
from bot.vault.lists import tag_counts
from bot.vault.query import SearchQuery
from bot.vault.tags import closest_tags
from storage import vault_index

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
    atoms = [atom.alternatives for atom in query.atoms]
    found = vault_index.search(session, atoms, limit=PAGE_SIZE + 1, offset=page * PAGE_SIZE)
    entries = tuple(views_of(session, found[:PAGE_SIZE], viewer, settings))
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
