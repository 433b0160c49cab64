"""the community pulse (issue 18): vault searches, counted without who searched

``vault_search_log`` holds one row per `/vault search`: its distinct words (JSON), whether
it found anything, and when. No member id. The admins' pulse counts searches that found
nothing and their most frequent words from it. ``pulse_weeks`` holds each reported
week's figures (JSON, quiet members as ids) and how many members were paused when they
were stored, so App Home reads one row instead of computing the pulse.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import JSONType, UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vault_search_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("words", JSONType, nullable=False),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_search_log")),
    )
    op.create_index("ix_vault_search_log_at", "vault_search_log", ["at"])
    op.create_table(
        "pulse_weeks",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("figures", JSONType, nullable=False),
        sa.Column("paused", sa.Integer(), nullable=False),
        sa.Column("stored_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("week", name=op.f("pk_pulse_weeks")),
    )


def downgrade() -> None:
    op.drop_table("pulse_weeks")
    op.drop_index("ix_vault_search_log_at", table_name="vault_search_log")
    op.drop_table("vault_search_log")
