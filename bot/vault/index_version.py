"""Which analyzer the stored index terms came from, so a changed analyzer re-analyzes the
vault once, by itself.

The index columns hold what ``bot.vault.terms.index_text`` returned when an entry was saved
(migration 0009 froze the starter shelf's terms as they were then). When the analyzer
changes (a new spelling rule, a new concept), old entries would silently stop matching
queries analyzed the new way until someone remembered `circlebot vault reindex`. Instead
each process brings the index to ``ANALYZER_VERSION`` at start; the job-run claim makes it
happen once per version however many replicas start, in the same transaction as the work.
tests/bot/vault/test_index_version.py fails when the analyzer's output changes without a
new version here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.vault.entries import reindex
from storage.job_runs import claim_in

# Bump (a date is fine) whenever terms.py or concepts.py change what index_text returns.
ANALYZER_VERSION = "2026-12-06.2"
JOB = "vault_reindex"


def bring_index_current(session: Session, *, now: datetime) -> int | None:
    """Re-analyze every entry once for this analyzer version; how many changed, or None
    when this version's index was already brought current (by this or another process)."""
    if not claim_in(session, JOB, ANALYZER_VERSION, now=now, detail={"analyzer": "current"}):
        return None
    return reindex(session)
