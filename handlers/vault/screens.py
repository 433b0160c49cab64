"""Drawing a vault list (search page, top, mine) for one member: shared by the command
that first shows it and the buttons that redraw it after a vote, a removal or "more"."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.platform.services import Services
from bot.vault import blocks as ui
from bot.vault.entries import views_of
from bot.vault.lists import ListRef, added_by, month_start, top_all_time, top_since
from bot.vault.search import search_page


def render_list(
    services: Services, ref: ListRef, *, viewer: str, can_share: bool
) -> tuple[str, list[dict[str, Any]] | None]:
    """The list's fallback text and blocks (None when the answer is a sentence). A read
    session (no BEGIN and ROLLBACK), tried once more if its pooled connection was dead."""
    return services.read(lambda session: _draw(session, services, ref, viewer, can_share))


def _draw(
    session: Session, services: Services, ref: ListRef, viewer: str, can_share: bool
) -> tuple[str, list[dict[str, Any]] | None]:
    settings = services.settings
    if ref.kind == "search":
        assert ref.query is not None
        found = search_page(session, ref.query, viewer=viewer, settings=settings, page=ref.page)
        if not found.entries:
            if ref.page == 0:
                return ui.no_results(ref.query.shown, found.suggestions), None
            return ui.no_more_results(ref.query.shown), None
        return ui.search_results(
            ref.query.shown,
            found.entries,
            ListRef("search", found.page, ref.query),
            viewer=viewer,
            has_more=found.has_more,
            can_share=can_share,
            dropped=ref.query.dropped,
            near=found.near,
        )
    if ref.kind == "top":
        since = month_start(services.clock.now(), settings.timezone)
        month = views_of(session, top_since(session, since), viewer, settings)
        all_time = views_of(session, top_all_time(session), viewer, settings)
        return ui.top_lists(month, all_time, viewer=viewer, can_share=can_share)
    found_mine, more = added_by(session, viewer, ref.page)
    entries = views_of(session, found_mine, viewer, settings)
    return ui.mine_list(entries, ref, viewer=viewer, has_more=more, can_share=can_share)
