"""vault: resources, tags, votes, and the full-text index (FTS5 or tsvector + GIN)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

The index covers the analyzed columns (index_title, index_tags, index_body), which hold
space-separated terms computed in Python, so both engines only split on spaces:
- SQLite: an external-content FTS5 table kept in step by three triggers;
- PostgreSQL: a stored generated tsvector ('simple' configuration) with a GIN index.
A later migration that rebuilds vault_resource on SQLite (batch "move and copy") drops the
triggers with the old table and must create them again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXED = "index_title, index_tags, index_body"
SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE vault_fts USING fts5("
    f"{INDEXED}, content='vault_resource', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER vault_fts_insert AFTER INSERT ON vault_resource BEGIN "
    f"INSERT INTO vault_fts(rowid, {INDEXED}) "
    "VALUES (new.id, new.index_title, new.index_tags, new.index_body); END",
    "CREATE TRIGGER vault_fts_delete AFTER DELETE ON vault_resource BEGIN "
    f"INSERT INTO vault_fts(vault_fts, rowid, {INDEXED}) "
    "VALUES ('delete', old.id, old.index_title, old.index_tags, old.index_body); END",
    f"CREATE TRIGGER vault_fts_update AFTER UPDATE OF {INDEXED} ON vault_resource BEGIN "
    f"INSERT INTO vault_fts(vault_fts, rowid, {INDEXED}) "
    "VALUES ('delete', old.id, old.index_title, old.index_tags, old.index_body); "
    f"INSERT INTO vault_fts(rowid, {INDEXED}) "
    "VALUES (new.id, new.index_title, new.index_tags, new.index_body); END",
)
POSTGRES_INDEX = (
    "ALTER TABLE vault_resource ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, "
    "index_title || ' ' || index_tags || ' ' || index_body)) STORED",
    "CREATE INDEX ix_vault_resource_search ON vault_resource USING gin (search_vector)",
)


def _resource_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["resource_id"],
        ["vault_resource.id"],
        name=op.f(f"fk_{table}_resource_id_vault_resource"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "vault_resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=1500), nullable=True),
        sa.Column("url_key", sa.String(length=1500), nullable=True),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("votes", sa.Integer(), nullable=False),
        sa.Column("index_title", sa.Text(), nullable=False),
        sa.Column("index_tags", sa.Text(), nullable=False),
        sa.Column("index_body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("source IN ('member', 'seed')", name=op.f("ck_vault_resource_source")),
        sa.CheckConstraint("votes >= 0", name=op.f("ck_vault_resource_votes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_resource")),
        sa.UniqueConstraint("url_key", name=op.f("uq_vault_resource_url_key")),
    )
    op.create_index("ix_vault_resource_added_by", "vault_resource", ["added_by", "created_at"])
    op.create_table(
        "vault_tag",
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=30), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _resource_fk("vault_tag"),
        sa.PrimaryKeyConstraint("resource_id", "tag", name=op.f("pk_vault_tag")),
    )
    op.create_index(op.f("ix_vault_tag_tag"), "vault_tag", ["tag"])
    op.create_table(
        "vault_vote",
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _resource_fk("vault_vote"),
        sa.PrimaryKeyConstraint("resource_id", "user_id", name=op.f("pk_vault_vote")),
    )
    op.create_index(op.f("ix_vault_vote_created_at"), "vault_vote", ["created_at"])
    statements = POSTGRES_INDEX if op.get_bind().dialect.name == "postgresql" else SQLITE_INDEX
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_vault_resource_search", table_name="vault_resource")
    else:
        for trigger in ("vault_fts_insert", "vault_fts_delete", "vault_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS vault_fts")
    op.drop_index(op.f("ix_vault_vote_created_at"), table_name="vault_vote")
    op.drop_table("vault_vote")
    op.drop_index(op.f("ix_vault_tag_tag"), table_name="vault_tag")
    op.drop_table("vault_tag")
    op.drop_index("ix_vault_resource_added_by", table_name="vault_resource")
    op.drop_table("vault_resource")
