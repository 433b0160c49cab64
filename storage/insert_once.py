"""INSERT … ON CONFLICT DO NOTHING on both backends: the heart of every 'only once' rule."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Base


def insert_once(
    session: Session, model: type[Base], values: dict[str, Any], conflict: list[str]
) -> bool:
    """Insert ``values`` unless a row with the same ``conflict`` columns exists.

    Returns True when this call inserted the row. Racing callers (threads, processes,
    replicas) get exactly one True between them, because the database decides.
    """
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = (
        module.insert(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=conflict)
        .returning(*inspect(model).primary_key)
    )
    # RETURNING, not rowcount: the ORM reports rowcount -1 for this on psycopg.
    return session.execute(stmt).first() is not None
