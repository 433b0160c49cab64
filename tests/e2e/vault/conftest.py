"""On PostgreSQL the shared fixtures empty every table between tests, the starter shelf
(migration 0009) with them; load it again, as every migrated database has it. On SQLite
each test copies the migrated template, so this finds the shelf there and does nothing."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import ManualClock
from bot.vault.seed import ensure_seeded


@pytest.fixture(autouse=True)
def starter_shelf(sessions: sessionmaker[Session], clock: ManualClock) -> None:
    with sessions.begin() as session:
        ensure_seeded(session, now=clock.now())
