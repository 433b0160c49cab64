"""The schema comes from Alembic, and it must match the models exactly."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from storage.migrate import current_revision, head_revision, is_current, upgrade
from storage.models import Base


def test_migrations_and_models_agree(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_database_is_at_the_code_head_and_upgrade_is_idempotent(engine: Engine) -> None:
    assert is_current(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_every_model_table_exists(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"member", "outbox", "job_run", "alembic_version"} <= tables


def test_upgrading_a_sqlite_database_keeps_its_rows(tmp_path: Path) -> None:
    """SQLite rebuilds a table to alter it; with foreign keys on, the old table's DROP
    cascaded and emptied its children. Rows written at 0002 must survive to head."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0002")
    now = datetime(2026, 11, 23, tzinfo=UTC).isoformat()
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO pairing_round (id, period_key, week, seed, stats, created_at) "
                "VALUES (1, '2026-W48', 1, 1, '{}', :now)"
            ),
            {"now": now},
        )
        c.execute(
            text(
                "INSERT INTO pairing (id, round_id, week, shared, is_repeat, is_friends, "
                "icebreaker, cancelled, created_at) VALUES (1, 1, 1, '[]', 0, 0, '', 0, :now)"
            ),
            {"now": now},
        )
    upgrade(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM pairing")).scalar() == 1
        assert c.execute(text("SELECT kind FROM pairing_round")).scalar() == "weekly"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
