"""tiny lunches (issue 16): the lunches and who asked for a seat

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import JSONType, UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lunch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guest_user_id", sa.String(length=32), nullable=True),
        sa.Column("guest_name", sa.String(length=100), nullable=False),
        sa.Column("guest_title", sa.String(length=100), nullable=True),
        sa.Column("guest_company", sa.String(length=100), nullable=True),
        sa.Column("guest_bio", sa.Text(), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("closes_at", UTCDateTime(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("tags", JSONType, nullable=False),
        sa.Column("interests_only", sa.Boolean(), nullable=False),
        sa.Column("level_min", sa.String(length=32), nullable=True),
        sa.Column("level_max", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("drawn_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('planned', 'seated', 'cancelled')", name=op.f("ck_lunch_status")
        ),
        sa.CheckConstraint("seats >= 3 AND seats <= 12", name=op.f("ck_lunch_seats")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lunch")),
    )
    op.create_index(op.f("ix_lunch_starts_at"), "lunch", ["starts_at"], unique=False)
    op.create_table(
        "lunch_signup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lunch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("seated_at", UTCDateTime(), nullable=True),
        sa.Column("confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("released_at", UTCDateTime(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("takeaway", sa.Text(), nullable=True),
        sa.Column("takeaway_at", UTCDateTime(), nullable=True),
        sa.Column("share_with_guest", sa.Boolean(), nullable=False),
        sa.Column("vault_resource_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('asked', 'seated', 'confirmed', 'waitlisted', 'gave_back', 'expired', "
            "'withdrawn')",
            name=op.f("ck_lunch_signup_status"),
        ),
        sa.ForeignKeyConstraint(
            ["lunch_id"],
            ["lunch.id"],
            name=op.f("fk_lunch_signup_lunch_id_lunch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_lunch_signup_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vault_resource_id"],
            ["vault_resource.id"],
            name=op.f("fk_lunch_signup_vault_resource_id_vault_resource"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lunch_signup")),
        sa.UniqueConstraint("lunch_id", "member_id", name="uq_lunch_signup_lunch_member"),
    )
    op.create_index(op.f("ix_lunch_signup_lunch_id"), "lunch_signup", ["lunch_id"], unique=False)
    op.create_index(op.f("ix_lunch_signup_member_id"), "lunch_signup", ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_lunch_signup_member_id"), table_name="lunch_signup")
    op.drop_index(op.f("ix_lunch_signup_lunch_id"), table_name="lunch_signup")
    op.drop_table("lunch_signup")
    op.drop_index(op.f("ix_lunch_starts_at"), table_name="lunch")
    op.drop_table("lunch")
