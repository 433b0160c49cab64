"""vault: the PostgreSQL search vector carries field weights (title A, tags B, description C)

``ts_rank_cd`` can only weigh title above tags above description if the tsvector says which
field each word came from, so the generated column is rebuilt with ``setweight`` (and its GIN
index with it). SQLite needs nothing: FTS5's ``bm25()`` takes column weights at query time.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

WEIGHTED = (
    "setweight(to_tsvector('simple'::regconfig, index_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, index_tags), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, index_body), 'C')"
)
UNWEIGHTED = (  # as migration 0006 made it
    "to_tsvector('simple'::regconfig, index_title || ' ' || index_tags || ' ' || index_body)"
)


def _rebuild(expression: str) -> None:
    op.execute("ALTER TABLE vault_resource DROP COLUMN search_vector")  # drops its index too
    op.execute(
        "ALTER TABLE vault_resource ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )
    op.execute("CREATE INDEX ix_vault_resource_search ON vault_resource USING gin (search_vector)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(WEIGHTED)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(UNWEIGHTED)
