"""Migration 0009: every database has the vault's starter shelf from the start, once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.orm import Session

from bot.vault.seed import SEED, ensure_seeded, is_seeded
from storage import vault_index
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models.vault import VaultResource
from tests.conftest import PG_URL

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SCHEMA = "circlebot_starter_shelf"


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Callable[[str], Engine]]:
    """A new, empty database migrated to a revision: a SQLite file, or a PostgreSQL schema
    of its own (the shared fixtures empty every table, the shelf with them)."""
    engines: list[Engine] = []
    admin = make_engine(PG_URL) if PG_URL else None

    def make(revision: str) -> Engine:
        if admin is None:
            engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
        else:
            assert PG_URL is not None
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
            options = f"-csearch_path%3D{SCHEMA}"
            engine = make_engine(f"{PG_URL}{'&' if '?' in PG_URL else '?'}options={options}")
        engines.append(engine)
        upgrade(engine, revision)
        return engine

    yield make
    for engine in engines:
        engine.dispose()
    if admin is not None:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()


def shelf(engine: Engine) -> list[tuple[str, str, tuple[str, ...]]]:
    with Session(engine) as session:
        rows = session.scalars(
            select(VaultResource).where(VaultResource.source == "seed").order_by(VaultResource.id)
        )
        return [(r.title, r.description, tuple(r.tags)) for r in rows]


def test_a_migrated_database_has_the_starter_shelf_and_finds_it(
    fresh: Callable[[str], Engine],
) -> None:
    engine = fresh("head")
    assert shelf(engine) == list(SEED)
    with Session(engine) as session:
        assert is_seeded(session)
        found = vault_index.search(session, [[["prd"]]], limit=5)
        assert [r.title for r in found][:1] == [
            "PRD outline: a one-page product requirements document"
        ]


def test_seeding_again_changes_nothing(fresh: Callable[[str], Engine]) -> None:
    engine = fresh("head")
    with Session(engine) as session, session.begin():
        assert ensure_seeded(session, now=NOW) is False
    assert len(shelf(engine)) == len(SEED)


def test_a_database_seeded_on_first_use_keeps_what_an_admin_removed(
    fresh: Callable[[str], Engine],
) -> None:
    """Before 0009 the shelf was loaded on the vault's first use; such a database is left
    as it is, so a removed starter entry does not come back."""
    engine = fresh("0008")
    with Session(engine) as session, session.begin():
        assert ensure_seeded(session, now=NOW) is True
        session.execute(delete(VaultResource).where(VaultResource.title == SEED[0][0]))
    upgrade(engine)
    assert shelf(engine) == list(SEED[1:])
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(VaultResource)) == len(SEED) - 1
