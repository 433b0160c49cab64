"""Readiness: can this process serve Slack right now? The database answers and has every
migration this code expects. (Liveness, ``/healthz``, asks nothing of anyone.)"""

from __future__ import annotations

import logging
from functools import cache

from sqlalchemy import Engine

from storage.migrate import current_revision, head_revision

log = logging.getLogger(__name__)


@cache
def _code_head() -> str | None:
    return head_revision()


def readiness(engine: Engine) -> tuple[bool, dict[str, str | None]]:
    """(ready, detail); the detail names no secrets, only what is wrong."""
    try:  # reading the revision is the reachability check too
        database = current_revision(engine)
    except Exception as exc:  # any driver error means "not ready", never a 500
        log.warning("readiness: database unreachable: %s", type(exc).__name__)
        return False, {"status": "unavailable", "database": "unreachable"}
    expected = _code_head()
    if database != expected:
        return False, {"status": "unavailable", "migrations": database, "expected": expected}
    return True, {"status": "ready", "migrations": database}
