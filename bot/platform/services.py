"""What every listener and job needs, built once per process and passed in explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import Clock
from bot.platform.settings import Settings


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
        trips (two of the five a read command makes on PostgreSQL). Never for writes: each
        statement would commit on its own."""
        autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        return sessionmaker(autocommit, expire_on_commit=False)
