"""Vault entries: checking what a member wrote, adding, editing, removing, and voting.

Every change that touches the searchable text recomputes the entry's index terms in the same
transaction, so the engines' indexes (kept by triggers or a generated column) never lag.
Only the member who added an entry, or an admin, may change or remove it; the check is here,
not in the buttons, because button payloads can be forged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from bot.members.admins import is_admin
from bot.platform.refused import Refused
from bot.platform.settings import Settings
from bot.vault.links import BadLink, check_link
from bot.vault.tags import MAX_TAGS, parse_keyword_tags
from bot.vault.terms import index_text
from storage.insert_once import insert_once
from storage.models.vault import VaultResource, VaultTag, VaultVote
from storage.rows_changed import rows_changed

MAX_TITLE = 150
MAX_DESCRIPTION = 500
NOT_ALLOWED = "Only the member who added this entry, or an admin, can change it. Nothing changed."
GONE = "That entry is no longer in the vault."


@dataclass(frozen=True)
class Draft:
    """A checked entry, ready to store."""

    url: str
    url_key: str
    title: str
    description: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """An entry as one member sees it: what to show and which buttons they may use."""

    id: int
    url: str | None
    title: str
    description: str
    tags: tuple[str, ...]
    added_by: str | None
    votes: int
    voted: bool = False
    can_edit: bool = False


@dataclass(frozen=True)
class Saved:
    entry: Entry | None = None
    duplicate: Entry | None = None  # the entry already holding this link
    errors: dict[str, str] | None = None  # field → sentence


def check_draft(
    url: str | None, title: str | None, description: str | None, tags: str | None
) -> Draft | dict[str, str]:
    """The member's input as a Draft, or one sentence per field that needs fixing."""
    errors: dict[str, str] = {}
    link = None
    try:
        link = check_link(url or "")
    except BadLink as exc:
        errors["url"] = str(exc)
    title = " ".join((title or "").split())
    if len(title) < 3:
        errors["title"] = (
            "Give it a title of at least 3 characters, e.g. “Stripe's writing culture”."
        )
    elif len(title) > MAX_TITLE:
        errors["title"] = f"Keep the title under {MAX_TITLE} characters (it has {len(title)})."
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = (
            f"Keep the description under {MAX_DESCRIPTION} characters (it has {len(description)})."
        )
    tag_list = parse_keyword_tags(tags)
    if len(tag_list) > MAX_TAGS:
        errors["tags"] = f"Use at most {MAX_TAGS} tags (there are {len(tag_list)})."
    if errors or link is None:
        return errors
    return Draft(link.url, link.key, title, description, tuple(tag_list))


def _apply(resource: VaultResource, draft: Draft, now: datetime) -> None:
    terms = index_text(draft.title, draft.description, draft.tags)
    resource.url, resource.url_key = draft.url, draft.url_key
    resource.title, resource.description = draft.title, draft.description
    resource.index_title, resource.index_tags, resource.index_body = (
        terms.title,
        terms.tags,
        terms.body,
    )
    # Keep rows for tags that stay: a new row with the same key would be inserted before
    # the old one is deleted, and collide.
    existing = {row.tag: row for row in resource.tag_rows}
    rows = []
    for position, tag in enumerate(draft.tags):
        row = existing.get(tag) or VaultTag(tag=tag)
        row.position = position
        rows.append(row)
    resource.tag_rows = rows
    resource.updated_at = now


def by_url_key(session: Session, key: str) -> VaultResource | None:
    return session.scalar(select(VaultResource).where(VaultResource.url_key == key))


def get_resource(session: Session, resource_id: int) -> VaultResource | None:
    return session.scalar(
        select(VaultResource)
        .where(VaultResource.id == resource_id)
        .options(selectinload(VaultResource.tag_rows))
    )


def view_of(
    resource: VaultResource, viewer: str, *, voted: bool = False, admin: bool = False
) -> Entry:
    return Entry(
        id=resource.id,
        url=resource.url,
        title=resource.title,
        description=resource.description,
        tags=tuple(resource.tags),
        added_by=resource.added_by,
        votes=resource.votes,
        voted=voted,
        can_edit=admin or (resource.added_by is not None and resource.added_by == viewer),
    )


def views_of(
    session: Session, resources: list[VaultResource], viewer: str, settings: Settings
) -> list[Entry]:
    """Entries for a listing, with the viewer's votes and edit rights in two queries."""
    ids = [r.id for r in resources]
    voted = set(
        session.scalars(
            select(VaultVote.resource_id).where(
                VaultVote.user_id == viewer, VaultVote.resource_id.in_(ids)
            )
        )
    )
    admin = bool(resources) and is_admin(session, viewer, settings)
    return [view_of(r, viewer, voted=r.id in voted, admin=admin) for r in resources]


def add_entry(
    session: Session, draft: Draft, *, user_id: str | None, now: datetime, source: str = "member"
) -> Saved:
    """Store a new entry, unless its link is already in the vault (then point to that one).

    The unique url_key decides between two members adding the same link at once.
    """
    inserted = insert_once(
        session,
        VaultResource,
        {
            "url": draft.url,
            "url_key": draft.url_key,
            "title": draft.title,
            "description": draft.description,
            "added_by": user_id,
            "source": source,
            "votes": 0,
            "index_title": "",
            "index_tags": "",
            "index_body": "",
            "created_at": now,
            "updated_at": now,
        },
        ["url_key"],
    )
    resource = by_url_key(session, draft.url_key)
    assert resource is not None
    if not inserted:
        return Saved(duplicate=view_of(resource, user_id or ""))
    _apply(resource, draft, now)
    session.flush()
    return Saved(entry=view_of(resource, user_id or ""))


def edit_entry(
    session: Session,
    resource_id: int,
    draft: Draft,
    *,
    user_id: str,
    now: datetime,
    settings: Settings,
) -> Saved:
    resource = get_resource(session, resource_id)
    if resource is None:
        return Saved(errors={"title": GONE})
    admin = is_admin(session, user_id, settings)
    if not (admin or resource.added_by == user_id):
        return Saved(errors={"title": NOT_ALLOWED})
    if draft.url_key != resource.url_key:
        other = by_url_key(session, draft.url_key)
        if other is not None:
            return Saved(duplicate=view_of(other, user_id))
    _apply(resource, draft, now)
    session.flush()
    return Saved(entry=view_of(resource, user_id, admin=admin))


class VaultRefused(Refused):
    """A vault request the rules turn down; the message is what the member reads."""


def entry_for(session: Session, resource_id: int, viewer: str, settings: Settings) -> Entry:
    """One entry as this member sees it (with their vote and edit rights)."""
    resource = get_resource(session, resource_id)
    if resource is None:
        raise VaultRefused(GONE)
    return views_of(session, [resource], viewer, settings)[0]


@dataclass(frozen=True)
class Removal:
    removed: bool
    note: str  # the sentence to show


def remove_entry(
    session: Session, resource_id: int, *, user_id: str, settings: Settings
) -> Removal:
    """Remove an entry; its tags and votes go with it (ON DELETE CASCADE)."""
    resource = get_resource(session, resource_id)
    if resource is None:
        return Removal(False, GONE)
    if not (resource.added_by == user_id or is_admin(session, user_id, settings)):
        return Removal(False, NOT_ALLOWED)
    session.execute(delete(VaultResource).where(VaultResource.id == resource_id))
    return Removal(True, f"Removed “{resource.title}” from the vault.")


@dataclass(frozen=True)
class Vote:
    note: str | None  # a sentence for the member when the vote was refused
    voted: bool = False
    votes: int = 0


def toggle_vote(session: Session, resource_id: int, *, user_id: str, now: datetime) -> Vote:
    """👍 on, or off again. The vote row's primary key keeps it to one per member, and the
    counter moves only with the row this call inserted or deleted."""
    resource = session.get(VaultResource, resource_id)
    if resource is None:
        return Vote(note=GONE)
    if resource.added_by == user_id:
        return Vote(note="That's your own entry — votes are for what others found useful.")
    added = insert_once(
        session,
        VaultVote,
        {"resource_id": resource_id, "user_id": user_id, "created_at": now},
        ["resource_id", "user_id"],
    )
    if added:
        change = 1
    else:
        removed = rows_changed(
            session,
            delete(VaultVote).where(
                VaultVote.resource_id == resource_id, VaultVote.user_id == user_id
            ),
        )
        change = -1 if removed == 1 else 0
    votes = session.execute(
        update(VaultResource)
        .where(VaultResource.id == resource_id)
        .values(votes=VaultResource.votes + change)
        .returning(VaultResource.votes)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return Vote(note=None, voted=change > 0, votes=votes)


def split_add_command(text: str) -> tuple[str, str, str]:
    """`<link> <title words> #tag #tag` → (link, title, tags); tags may sit anywhere."""
    words = text.split()
    if not words:
        return "", "", ""
    tags = [w for w in words[1:] if w.startswith("#")]
    title = [w for w in words[1:] if not w.startswith("#")]
    return words[0], " ".join(title), ",".join(tags)


def reindex(session: Session, batch: int = 500) -> int:
    """Re-analyze every entry (after a change to the analyzer or the concept table);
    returns how many entries changed. The engines' indexes follow through their triggers
    or generated column."""
    changed = 0
    last = 0
    while True:
        resources = list(
            session.scalars(
                select(VaultResource)
                .where(VaultResource.id > last)
                .order_by(VaultResource.id)
                .limit(batch)
                .options(selectinload(VaultResource.tag_rows))
            )
        )
        if not resources:
            return changed
        for resource in resources:
            terms = index_text(resource.title, resource.description, resource.tags)
            current = (resource.index_title, resource.index_tags, resource.index_body)
            if current != (terms.title, terms.tags, terms.body):
                resource.index_title, resource.index_tags, resource.index_body = (
                    terms.title,
                    terms.tags,
                    terms.body,
                )
                changed += 1
        session.flush()
        last = resources[-1].id
