"""What every listener and job needs, built once per process and passed in explicitly."""

from __future__ import annotations

from dataclasses import dataclass

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
