"""mentors (issue 17): offers, requests, mentorships, their monthly sessions, panels

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import JSONType, UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, ondelete: str = "CASCADE", target: str = "member"):
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "mentor_offer",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("topics", JSONType, nullable=False),
        sa.Column("spikes", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "capacity >= 0 AND capacity <= 3", name=op.f("ck_mentor_offer_capacity")
        ),
        _fk("member_id", "mentor_offer"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_mentor_offer")),
    )
    op.create_table(
        "mentor_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("phase", sa.String(length=32), nullable=False),
        sa.Column("spike", sa.String(length=32), nullable=False),
        sa.Column("topics", JSONType, nullable=False),
        sa.Column("help_wanted", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=True),
        sa.Column("passed", JSONType, nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'asked', 'matched', 'closed')",
            name=op.f("ck_mentor_request_status"),
        ),
        _fk("mentee_id", "mentor_request"),
        _fk("mentor_id", "mentor_request", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_request")),
    )
    op.create_index(
        op.f("ix_mentor_request_mentee_id"), "mentor_request", ["mentee_id"], unique=False
    )
    op.create_index(
        op.f("ix_mentor_request_mentor_id"), "mentor_request", ["mentor_id"], unique=False
    )
    op.create_table(
        "mentorship",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("session_day", sa.Integer(), nullable=True),
        sa.Column("first_session_on", sa.Date(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        sa.Column("mentor_fit", sa.Boolean(), nullable=True),
        sa.Column("mentee_fit", sa.Boolean(), nullable=True),
        sa.Column("mentor_renews", sa.Boolean(), nullable=False),
        sa.Column("mentee_renews", sa.Boolean(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'ended')", name=op.f("ck_mentorship_status")),
        sa.CheckConstraint(
            "session_day IS NULL OR (session_day >= 1 AND session_day <= 28)",
            name=op.f("ck_mentorship_session_day"),
        ),
        _fk("request_id", "mentorship", target="mentor_request"),
        _fk("mentor_id", "mentorship"),
        _fk("mentee_id", "mentorship"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship")),
    )
    for column in ("request_id", "mentor_id", "mentee_id"):
        op.create_index(op.f(f"ix_mentorship_{column}"), "mentorship", [column], unique=False)
    op.create_table(
        "mentor_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("changed", sa.Text(), nullable=True),
        sa.Column("focus", sa.Text(), nullable=True),
        sa.Column("recap_at", UTCDateTime(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("next_step_at", UTCDateTime(), nullable=True),
        _fk("mentorship_id", "mentor_session", target="mentorship"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_session")),
        sa.UniqueConstraint("mentorship_id", "month", name="uq_mentor_session_mentorship_month"),
    )
    op.create_index(
        op.f("ix_mentor_session_mentorship_id"), "mentor_session", ["mentorship_id"], unique=False
    )
    op.create_table(
        "panel_adviser",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("adviser_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _fk("member_id", "panel_adviser"),
        _fk("adviser_id", "panel_adviser"),
        sa.PrimaryKeyConstraint("member_id", "adviser_id", name=op.f("pk_panel_adviser")),
    )
    op.create_index(
        op.f("ix_panel_adviser_adviser_id"), "panel_adviser", ["adviser_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_panel_adviser_adviser_id"), table_name="panel_adviser")
    op.drop_table("panel_adviser")
    op.drop_index(op.f("ix_mentor_session_mentorship_id"), table_name="mentor_session")
    op.drop_table("mentor_session")
    for column in ("request_id", "mentor_id", "mentee_id"):
        op.drop_index(op.f(f"ix_mentorship_{column}"), table_name="mentorship")
    op.drop_table("mentorship")
    op.drop_index(op.f("ix_mentor_request_mentor_id"), table_name="mentor_request")
    op.drop_index(op.f("ix_mentor_request_mentee_id"), table_name="mentor_request")
    op.drop_table("mentor_request")
    op.drop_table("mentor_offer")
