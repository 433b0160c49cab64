"""The schema comes from Alembic, and it must match the models exactly."""

from __future__ import annotations

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
