"""pairings: rounds, pairings, answers, friendships, don't-pair lists

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import JSONType, UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _member_fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["member.id"], name=op.f(f"fk_{table}_{column}_member"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "pairing_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=32), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("stats", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairing_round")),
        sa.UniqueConstraint("period_key", name="uq_pairing_round_period"),
    )
    op.create_table(
        "dont_pair",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member_fk("member_id", "dont_pair"),
        _member_fk("other_id", "dont_pair"),
        sa.PrimaryKeyConstraint("member_id", "other_id", name=op.f("pk_dont_pair")),
    )
    op.create_table(
        "friendship",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_a", sa.Integer(), nullable=False),
        sa.Column("member_b", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_paired_week", sa.Integer(), nullable=False),
        sa.Column("last_nudged_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("member_a < member_b", name=op.f("ck_friendship_ordered")),
        _member_fk("member_a", "friendship"),
        _member_fk("member_b", "friendship"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_friendship")),
        sa.UniqueConstraint("member_a", "member_b", name="uq_friendship_pair"),
    )
    op.create_table(
        "pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("shared", JSONType, nullable=False),
        sa.Column("is_repeat", sa.Boolean(), nullable=False),
        sa.Column("is_friends", sa.Boolean(), nullable=False),
        sa.Column("icebreaker", sa.Text(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("followup_sent_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["pairing_round.id"],
            name=op.f("fk_pairing_round_id_pairing_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairing")),
    )
    op.create_index(op.f("ix_pairing_week"), "pairing", ["week"])
    op.create_table(
        "pairing_member",
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("met", sa.String(length=16), nullable=True),
        sa.Column("meet_again", sa.Boolean(), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "met IS NULL OR met IN ('yes', 'not_yet', 'wont')", name=op.f("ck_pairing_member_met")
        ),
        _member_fk("member_id", "pairing_member"),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairing.id"],
            name=op.f("fk_pairing_member_pairing_id_pairing"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pairing_id", "member_id", name=op.f("pk_pairing_member")),
    )
    op.create_index(op.f("ix_pairing_member_member_id"), "pairing_member", ["member_id"])
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("skip_period", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("pause_asked_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_column("pause_asked_at")
        batch_op.drop_column("skip_period")
    op.drop_index(op.f("ix_pairing_member_member_id"), table_name="pairing_member")
    op.drop_table("pairing_member")
    op.drop_index(op.f("ix_pairing_week"), table_name="pairing")
    op.drop_table("pairing")
    op.drop_table("friendship")
    op.drop_table("dont_pair")
    op.drop_table("pairing_round")
