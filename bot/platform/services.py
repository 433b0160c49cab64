"""What every listener and job needs, built once per process and passed in explicitly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.platform.settings import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class Services:
    settings: Settings
    sessions: sessionmaker[Session]
    clock: Clock

    @property
    def engine(self) -> Engine:
        return self.sessions.kw["bind"]

    @cached_property
    def reads(self) -> sessionmaker[Session]:
        """Sessions for answers that only read: autocommit, so no BEGIN and ROLLBACK round
        trips (two of the five a read command makes on PostgreSQL). A write here is one
        statement that commits on its own (the vault's search log): never for a write of
        more than one statement, which would no longer be all or nothing."""
        autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        return sessionmaker(autocommit, expire_on_commit=False)

    def read(self, answer: Callable[[Session], T]) -> T:
        """``answer`` in a read session, run once more on a fresh connection if the first
        one turned out to be dead (storage/db.py pings only idle connections). Safe because
        a read changes nothing."""
        try:
            with self.reads() as session:
                return answer(session)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
        with self.reads() as session:
            return answer(session)
