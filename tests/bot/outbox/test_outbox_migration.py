"""Migration 0008 on the database the suite runs on (SQLite, or PostgreSQL with
TEST_DATABASE_URL): existing outbox rows survive, ``uncertain`` becomes a status the CHECK
constraint accepts (anything else is still refused), and a downgrade keeps such rows as
failed, never to be sent again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from storage.db import make_engine
from storage.migrate import downgrade, upgrade
from tests.conftest import PG_URL

SCHEMA = "circlebot_outbox_migration"
ROW = (
    "INSERT INTO outbox (id, idempotency_key, payload, status, attempts, next_attempt_at, "
    "created_at) VALUES (:id, :key, '{}', :status, 1, :at, :at)"
)
AT = "2026-11-23 09:00:00+00:00"


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[Engine]:
    """A database of its own: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if not PG_URL:
        engine = make_engine(f"sqlite:///{tmp_path / 'migrate.db'}")
        yield engine
        engine.dispose()
        return
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    options = f"-csearch_path%3D{SCHEMA}"
    engine = make_engine(f"{PG_URL}{'&' if '?' in PG_URL else '?'}options={options}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()


def insert(engine: Engine, row_id: int, status: str) -> None:
    with engine.begin() as conn:
        conn.execute(text(ROW), {"id": row_id, "key": f"k{row_id}", "status": status, "at": AT})


def test_0008_adds_uncertain_keeps_rows_and_downgrades_to_failed(empty_database: Engine) -> None:
    engine = empty_database
    upgrade(engine, "0007")
    insert(engine, 1, "sent")
    with pytest.raises(IntegrityError):
        insert(engine, 2, "uncertain")  # not a status before 0008

    upgrade(engine)
    insert(engine, 2, "uncertain")
    with pytest.raises(IntegrityError):
        insert(engine, 3, "lost")  # the constraint still holds
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, status, post_started_at FROM outbox ORDER BY id"))
        assert [tuple(r) for r in rows] == [(1, "sent", None), (2, "uncertain", None)]

    downgrade(engine, "0007")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, status, last_error FROM outbox ORDER BY id"))
        assert [tuple(r) for r in rows] == [
            (1, "sent", None),
            (2, "failed", "uncertain: may have been posted"),
        ]
    upgrade(engine)  # and back up again
