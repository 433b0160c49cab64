"""Alembic environment: runs on the connection handed in by storage.migrate, or on the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import storage.models.vault  # noqa: F401  (the vault's tables and its autogenerate hook)
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `circlebot db upgrade`")
run_migrations()
