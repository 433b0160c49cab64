"""Vault searches for the pulse, anonymously: the words and whether anything was found,
never who searched. `/vault search` records each one with a single INSERT; the pulse
counts the words of those that found nothing with the database's JSON table function."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert
from sqlalchemy.orm import Session

from bot.vault.terms import STOP_WORDS
from storage.models import VaultSearchLog

MAX_WORDS = 8
MAX_WORD = 40
PUNCTUATION = ".,;:!?\"'()[]“”‘’"


def search_words(shown: str) -> list[str]:
    """The distinct words worth counting, in order: no stop words, nothing very long."""
    words: list[str] = []
    for raw in shown.lower().split():
        word = raw.strip(PUNCTUATION)
        if word and word not in STOP_WORDS and len(word) <= MAX_WORD and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def record_search(session: Session, shown: str, *, found: bool, now: datetime) -> None:
    """One search, as one row: its words as shown back to the member, found or not."""
    row = insert(VaultSearchLog).values(words=search_words(shown), found=found, at=now)
    session.connection().execute(row)  # Core: the ORM's bulk-insert path costs more than the row


def words_table(session: Session) -> Any:
    """Each logged search's words as rows (``value``): SQLite's json_each, PostgreSQL's
    jsonb_array_elements_text; both read the row beside them in FROM (implicitly lateral)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.jsonb_array_elements_text(VaultSearchLog.words).table_valued("value")
    return func.json_each(VaultSearchLog.words).table_valued("value")
