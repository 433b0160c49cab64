"""outbox: the members each message names, indexed, so deleting a member reads no payloads

``outbox_member`` holds one row per (message, Slack id) for the message's recipients and the
members it mentions; bot/outbox/queue.py writes them with the message. Existing messages are
backfilled here from their payloads, in batches, with the rules as they stand today (frozen
here: a migration never follows later changes to the queue).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import json
import re

import sqlalchemy as sa
from alembic import op

from storage.types import JSONType

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
BATCH = 5000

outbox = sa.table("outbox", sa.column("id", sa.Integer), sa.column("payload", JSONType))
outbox_member = sa.table(
    "outbox_member", sa.column("outbox_id", sa.Integer), sa.column("slack_user_id", sa.String)
)


def _named(payload: object) -> set[str]:
    if not isinstance(payload, dict):
        return set()
    to = payload.get("to")
    users = to.get("users", []) if isinstance(to, dict) else []
    named = {u for u in users if isinstance(u, str)}
    named.update(MENTION.findall(json.dumps(payload)))
    return {u for u in named if 0 < len(u) <= 32}


def upgrade() -> None:
    op.create_table(
        "outbox_member",
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("slack_user_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["outbox.id"],
            name=op.f("fk_outbox_member_outbox_id_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("outbox_id", "slack_user_id", name=op.f("pk_outbox_member")),
    )
    op.create_index("ix_outbox_member_slack_user_id", "outbox_member", ["slack_user_id"])
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(outbox.c.id, outbox.c.payload)
            .where(outbox.c.id > last)
            .order_by(outbox.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        named = [
            {"outbox_id": row_id, "slack_user_id": user}
            for row_id, payload in rows
            for user in sorted(_named(payload))
        ]
        if named:
            bind.execute(outbox_member.insert(), named)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_outbox_member_slack_user_id", table_name="outbox_member")
    op.drop_table("outbox_member")
