"""What every listener and job needs, built once per process and passed in explicitly."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.platform.settings import Settings
from storage.db import make_engine

T = TypeVar("T")
H = TypeVar("H")


@dataclass(frozen=True)
class Services:
    settings: Settings
    sessions: sessionmaker[Session]
    clock: Clock
    # The engine behind ``reader`` (build_services and the tests give one); made on first
    # use when not given.
    read_engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        return self.sessions.kw["bind"]

    @cached_property
    def reader(self) -> Engine:
        """The engine for answers that only read, with its own pool of autocommit
        connections: no BEGIN and ROLLBACK round trips, and no switching a connection in
        and out of autocommit. A write here is one statement that commits on its own (the
        vault's search log): never a write of more than one statement, which would no
        longer be all or nothing."""
        return self.read_engine or make_engine(self.engine.url, autocommit=True)

    @cached_property
    def reads(self) -> sessionmaker[Session]:
        """ORM sessions on ``reader``."""
        return sessionmaker(self.reader, expire_on_commit=False)

    def read(self, answer: Callable[[Session], T]) -> T:
        """``answer`` in a session of ``reads``, run once more if its connection was
        dropped: for reads that load ORM objects."""
        return _once_more_if_dropped(self.reads, answer)

    def read_columns(self, answer: Callable[[Connection], T]) -> T:
        """``answer`` on a connection of ``reader``, run once more if it was dropped: for
        reads of plain columns, such as the read commands' answers. No ORM session to open
        and close: its bookkeeping cost almost as much CPU as the query (about 0.1 ms on
        PostgreSQL)."""
        return _once_more_if_dropped(self.reader.connect, answer)


def _once_more_if_dropped(
    open_handle: Callable[[], AbstractContextManager[H]], answer: Callable[[H], T]
) -> T:
    """``answer`` on a fresh handle, run once more on another if the first one's connection
    turned out to be dead (storage/db.py pings only idle connections). Safe because a read
    changes nothing."""
    try:
        with open_handle() as handle:
            return answer(handle)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    with open_handle() as handle:
        return answer(handle)
