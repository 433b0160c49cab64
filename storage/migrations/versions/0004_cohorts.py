"""cohorts: admissions (cohort, application) and onboarding rounds

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import JSONType, UTCDateTime

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pairing_round") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=16), server_default="weekly", nullable=False)
        )
        batch.create_check_constraint("kind", "kind IN ('weekly', 'onboarding')")
    op.create_table(
        "cohort",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("spots", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("opened_by", sa.String(length=32), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'closed', 'started')", name=op.f("ck_cohort_status")
        ),
        sa.CheckConstraint(
            "spots > 0 AND taken >= 0 AND taken <= spots", name=op.f("ck_cohort_spots")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohort")),
        sa.UniqueConstraint("name", name="uq_cohort_name"),
    )
    op.create_index(
        "uq_cohort_one_open",
        "cohort",
        ["status"],
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("company", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("years", sa.Integer(), nullable=False),
        sa.Column("interests", JSONType, nullable=False),
        sa.Column("wants", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("decline_note", sa.Text(), nullable=True),
        sa.Column("confirmed_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'admitted', 'waitlisted', 'declined', 'withdrawn')",
            name=op.f("ck_application_status"),
        ),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohort.id"],
            name=op.f("fk_application_cohort_id_cohort"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_application_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint("cohort_id", "member_id", name="uq_application_cohort_member"),
    )
    op.create_index(
        "ix_application_cohort_status", "application", ["cohort_id", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_application_cohort_status", table_name="application")
    op.drop_table("application")
    op.drop_index("uq_cohort_one_open", table_name="cohort")
    op.drop_table("cohort")
    with op.batch_alter_table("pairing_round") as batch:
        batch.drop_constraint("ck_pairing_round_kind", type_="check")
        batch.drop_column("kind")
