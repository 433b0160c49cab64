"""The vault's tables: resources (templates, playbooks), their tags, and members' votes.

The full-text index itself is not a model: it is an FTS5 table on SQLite and a generated
``tsvector`` column with a GIN index on PostgreSQL, created by migration 0003 and queried
by storage/vault_index.py. Importing this module also tells Alembic's autogenerate to leave
that index alone (storage/vault_autogen.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

import storage.vault_autogen  # noqa: F401  (registers the autogenerate hook)
from storage.models.base import Base
from storage.types import UTCDateTime

RESOURCE_SOURCES = ("member", "seed")


class VaultResource(Base):
    """One link in the vault, with who added it and its vote count.

    ``index_title``/``index_tags``/``index_body`` hold the analyzed terms (bot/vault/terms.py)
    that both engines index; ``votes`` is kept in step with ``vault_vote`` by the same
    transaction that adds or removes a vote.
    """

    __tablename__ = "vault_resource"
    __table_args__ = (
        CheckConstraint(
            f"source IN ({', '.join(repr(s) for s in RESOURCE_SOURCES)})", name="source"
        ),
        CheckConstraint("votes >= 0", name="votes"),
        Index("ix_vault_resource_added_by", "added_by", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No link for the starter shelf: our own playbooks, whose text is the description.
    url: Mapped[str | None] = mapped_column(String(1500))
    url_key: Mapped[str | None] = mapped_column(String(1500), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str | None] = mapped_column(String(32))  # Slack user id; None for seeds
    source: Mapped[str] = mapped_column(String(16), default="member")
    votes: Mapped[int] = mapped_column(Integer, default=0)
    index_title: Mapped[str] = mapped_column(Text, default="")
    index_tags: Mapped[str] = mapped_column(Text, default="")
    index_body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    tag_rows: Mapped[list[VaultTag]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="VaultTag.position"
    )

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]


class VaultTag(Base):
    """A tag on a resource; its own table so `/vault tags` and suggestions are one query."""

    __tablename__ = "vault_tag"

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("vault_resource.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class VaultVote(Base):
    """One member's 👍 on one resource; at most one each (the primary key)."""

    __tablename__ = "vault_vote"

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("vault_resource.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
