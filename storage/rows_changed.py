"""How many rows an UPDATE or DELETE changed, on both backends: compare-and-set rules (a
spot taken once, a row claimed once) read it to know whether they won."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Delete, Update
from sqlalchemy.orm import Session


def rows_changed(session: Session, statement: Update | Delete) -> int:
    """Session.execute is typed as returning a Result; for an UPDATE or DELETE it is a
    CursorResult, which is where rowcount lives."""
    result = session.execute(statement.execution_options(synchronize_session=False))
    return cast("CursorResult[Any]", result).rowcount
