"""circles: circles, their members, weekly check-ins

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "circle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'archived')", name=op.f("ck_circle_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle")),
        sa.UniqueConstraint("name", name="uq_circle_name"),
    )
    op.create_table(
        "circle_member",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.Column("invited_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("role IN ('peer', 'guide')", name=op.f("ck_circle_member_role")),
        _fk("member_id", "circle_member", "member"),
        _fk("circle_id", "circle_member", "circle"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_circle_member")),
    )
    op.create_index(
        op.f("ix_circle_member_circle_id"), "circle_member", ["circle_id"], unique=False
    )
    op.create_table(
        "checkin_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=16), nullable=False),
        sa.Column("prompted_at", UTCDateTime(), nullable=True),
        sa.Column("reminded_at", UTCDateTime(), nullable=True),
        sa.Column("skipped_at", UTCDateTime(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("win", sa.Text(), nullable=True),
        sa.Column("challenge", sa.Text(), nullable=True),
        sa.Column("help_wanted", sa.Text(), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("share_mood", sa.Boolean(), nullable=False),
        sa.Column("rough_week", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("nudged_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "mood IS NULL OR (mood >= 1 AND mood <= 5)", name=op.f("ck_checkin_response_mood")
        ),
        _fk("member_id", "checkin_response", "member"),
        _fk("circle_id", "checkin_response", "circle"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_response")),
        sa.UniqueConstraint("member_id", "period_key", name="uq_checkin_response_member_period"),
    )
    op.create_index(
        "ix_checkin_response_circle_period",
        "checkin_response",
        ["circle_id", "period_key"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_checkin_response_circle_period", table_name="checkin_response")
    op.drop_table("checkin_response")
    op.drop_index(op.f("ix_circle_member_circle_id"), table_name="circle_member")
    op.drop_table("circle_member")
    op.drop_table("circle")
