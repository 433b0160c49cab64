"""The vault's other listings — `/vault top`, `/vault mine`, `/vault tags` — and the small
reference each list's buttons carry so a click can redraw the list it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bot.vault.query import SearchQuery
from storage.models.vault import VaultResource, VaultTag, VaultVote

TOP_SIZE = 5
MINE_PAGE = 5
KINDS = ("search", "top", "mine")


@dataclass(frozen=True)
class ListRef:
    """Which list a button sits in: a search (with its query and page), top, or mine."""

    kind: str
    page: int = 0
    query: SearchQuery | None = None

    def encode(self) -> str:
        query = self.query.encode() if self.query is not None else ""
        return f"{self.kind}:{self.page}:{query}"

    @classmethod
    def decode(cls, value: str) -> ListRef:
        kind, page, query = value.split(":", 2)
        if kind not in KINDS or not page.isdigit() or len(page) > 3:
            raise ValueError(f"not a vault list: {value[:40]!r}")
        parsed = SearchQuery.decode(query) if kind == "search" else None
        if kind == "search" and (parsed is None or parsed.is_empty):
            raise ValueError("a search list needs a query")
        return cls(kind, int(page), parsed)

    def next(self) -> ListRef:
        return ListRef(self.kind, self.page + 1, self.query)


def month_start(now: datetime, zone: tzinfo) -> datetime:
    """Midnight on the first of this month in the community's time zone, as UTC."""
    local = now.astimezone(zone)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def top_since(session: Session, since: datetime, limit: int = TOP_SIZE) -> list[VaultResource]:
    """Most 👍 given since ``since``; ties go to the most voted overall, then the newest."""
    recent = (
        select(VaultVote.resource_id, func.count().label("recent"))
        .where(VaultVote.created_at >= since)
        .group_by(VaultVote.resource_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(VaultResource)
            .join(recent, recent.c.resource_id == VaultResource.id)
            .order_by(
                recent.c.recent.desc(),
                VaultResource.votes.desc(),
                VaultResource.created_at.desc(),
                VaultResource.id.desc(),
            )
            .limit(limit)
            .options(selectinload(VaultResource.tag_rows))
        )
    )


def top_all_time(session: Session, limit: int = TOP_SIZE) -> list[VaultResource]:
    return list(
        session.scalars(
            select(VaultResource)
            .where(VaultResource.votes > 0)
            .order_by(
                VaultResource.votes.desc(),
                VaultResource.created_at.desc(),
                VaultResource.id.desc(),
            )
            .limit(limit)
            .options(selectinload(VaultResource.tag_rows))
        )
    )


def added_by(session: Session, user_id: str, page: int = 0) -> tuple[list[VaultResource], bool]:
    """A member's own entries, newest first, one page; and whether there is another."""
    found = list(
        session.scalars(
            select(VaultResource)
            .where(VaultResource.added_by == user_id)
            .order_by(VaultResource.created_at.desc(), VaultResource.id.desc())
            .limit(MINE_PAGE + 1)
            .offset(page * MINE_PAGE)
            .options(selectinload(VaultResource.tag_rows))
        )
    )
    return found[:MINE_PAGE], len(found) > MINE_PAGE


def tag_counts(session: Session) -> list[tuple[str, int]]:
    """Every tag in use with how many entries carry it, most used first."""
    count = func.count().label("n")
    rows = session.execute(
        select(VaultTag.tag, count).group_by(VaultTag.tag).order_by(count.desc(), VaultTag.tag)
    )
    return [(tag, n) for tag, n in rows]
