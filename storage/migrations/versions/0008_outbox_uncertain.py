"""outbox: the uncertain status and when the last post began (least privilege)

Without the optional history scopes the outbox cannot check whether a send that was cut off
reached Slack, so such a row is never sent again: it becomes ``uncertain``.
``post_started_at`` records that a post may be in flight and centres the narrow window a
history look-up reads when the scopes are granted.

SQLite cannot alter a CHECK constraint in place: batch mode copies the table with the new
one, as 0004 does (on PostgreSQL batch mode is plain ALTER TABLE).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Frozen here: a migration never follows later changes to OutboxStatus.
BEFORE = "status IN ('pending', 'sending', 'sent', 'failed')"
AFTER = "status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')"


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("post_started_at", UTCDateTime(), nullable=True))
        batch.drop_constraint(op.f("ck_outbox_status"), type_="check")
        batch.create_check_constraint("status", AFTER)


def downgrade() -> None:
    # The older schema has no word for it; such a row is never sent again either way.
    op.execute(
        "UPDATE outbox SET status = 'failed', last_error = 'uncertain: may have been posted' "
        "WHERE status = 'uncertain'"
    )
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint(op.f("ck_outbox_status"), type_="check")
        batch.create_check_constraint("status", BEFORE)
        batch.drop_column("post_started_at")
