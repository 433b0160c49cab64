"""Engines and sessions for SQLite (embedded default) and PostgreSQL (production)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

# A pooled connection idle longer than this is pinged before it is used again: idle ones are
# what servers, proxies and NAT drop. One in steady use skips that round trip (pool_pre_ping
# paid it on every checkout: a third of a read command's time on PostgreSQL); if it died all
# the same (a restart), its statement fails, SQLAlchemy replaces every older connection, and
# Services.read runs a read once more.
PING_IDLE_AFTER = 1.0  # seconds


def make_engine(
    url: str | URL,
    *,
    echo: bool = False,
    ping_idle_after: float = PING_IDLE_AFTER,
    autocommit: bool = False,
) -> Engine:
    """An engine tuned per backend.

    SQLite gets a busy timeout and WAL so that the web process, the scheduler and a
    second dispatcher can share one file; foreign keys are switched on because SQLite
    leaves them off.

    With ``autocommit`` every connection of the engine's own pool stays in autocommit,
    for answers that only read (Services.reader). Switching a shared pool's connection
    in and out of autocommit for each read cost about 70 µs of CPU on PostgreSQL, nearly
    half as much as the read itself.
    """
    parsed = make_url(url)
    isolation = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30}, **isolation)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if parsed.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    engine = create_engine(url, echo=echo, **isolation)
    _ping_when_idle(engine, ping_idle_after)
    return engine


def _ping_when_idle(engine: Engine, seconds: float) -> None:
    """The documented custom pessimistic check: a failed ping raises DisconnectionError,
    and the pool replaces the connection before handing it out."""

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < seconds:
            return  # just connected, or back in the pool a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError("a pooled connection was dropped while idle") from exc


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit, so results outlive the transaction."""
    return sessionmaker(engine, expire_on_commit=False)
