"""PostgreSQL only: replicas that start together migrate once, under an advisory lock."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import inspect, text

from storage.db import make_engine
from storage.migrate import current_revision, head_revision, upgrade
from tests.conftest import PG_URL, postgres_only

SCHEMA = "circlebot_migrate_race"


def _replica_starts(url: str, barrier: threading.Barrier) -> str | None:
    """What each replica process does at start: migrate, then report the revision."""
    engine = make_engine(url)
    engine.connect().close()  # pay the connection cost before the starting gun
    barrier.wait(timeout=30)
    upgrade(engine)
    return current_revision(engine)


@postgres_only
def test_replicas_starting_together_migrate_once() -> None:
    assert PG_URL is not None
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    # lock_timeout turns a migration race into an error instead of a hang.
    options = f"-csearch_path%3D{SCHEMA}%20-clock_timeout%3D10s"
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options={options}"
    spawn = multiprocessing.get_context("spawn")
    try:
        with spawn.Manager() as manager, ProcessPoolExecutor(4, mp_context=spawn) as pool:
            barrier = manager.Barrier(4)
            # Raises if any replica's migration failed.
            revisions = list(pool.map(_replica_starts, [url] * 4, [barrier] * 4))
        assert revisions == [head_revision()] * 4
        tables = set(inspect(admin).get_table_names(schema=SCHEMA))
        assert {"member", "outbox", "job_run", "alembic_version"} <= tables
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()
