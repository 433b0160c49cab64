"""A changed analyzer must come with a new ANALYZER_VERSION, or old entries keep the old
terms and stop matching the queries analyzed the new way."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.vault.concepts import CONCEPTS
from bot.vault.index_version import ANALYZER_VERSION, bring_index_current
from bot.vault.seed import SEED
from bot.vault.terms import STOP_WORDS, index_text
from storage.models.vault import VaultResource

# What this version's analyzer makes of the sample below. When this test fails, the analyzer
# changed: bump ANALYZER_VERSION in bot/vault/index_version.py, then put the new digest here.
VERSIONED = {"2026-12-06.2": "69328045b5405026"}

SAMPLE = (
    "Go-to-market launch plan for a B2B product: the PRD, OKRs and KPIs",
    "Prioritising the roadmap: a colour-coded organisation of behaviour analyses",
    "Hiring a first PM, postmortems and churn interviews",
    "1:1 agendas, first-90-days onboarding, A/B tests and pricing experiments",
    "An experimentation culture: decisions, implementations and communication",
)


def analyzer_digest() -> str:
    texts = [*SAMPLE, *sorted(STOP_WORDS), *(f"{title} {body}" for title, body, _ in SEED)]
    texts += [phrase for phrases in CONCEPTS.values() for phrase in phrases]
    analyzed = [index_text(text, text, [text.replace(" ", "-")]) for text in texts]
    return hashlib.sha256(repr(analyzed).encode()).hexdigest()[:16]


def test_the_analyzer_has_not_changed_without_a_new_version() -> None:
    assert VERSIONED.get(ANALYZER_VERSION) == analyzer_digest(), (
        "the vault analyzer's output changed: bump ANALYZER_VERSION and record the new digest"
    )


def test_a_stale_index_is_re_analyzed_once_per_version(sessions: sessionmaker[Session]) -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    with sessions.begin() as session:  # an entry saved by an older analyzer
        session.add(
            VaultResource(
                url=None,
                title="Colour-coded roadmap",
                description="How we prioritised",
                source="seed",
                index_title="stale",
                created_at=now,
                updated_at=now,
            )
        )
    with sessions.begin() as session:
        changed = bring_index_current(session, now=now)
    with sessions.begin() as session:
        again = bring_index_current(session, now=now)
        titles = set(session.scalars(select(VaultResource.index_title)))
    assert changed and changed > 0
    assert again is None
    assert "stale" not in titles
