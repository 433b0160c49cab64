"""Search over the vault on the engine under test (SQLite FTS5, or PostgreSQL with
TEST_DATABASE_URL): the same ranking on both, and no query text can break it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.settings import Settings
from bot.vault.entries import Draft, add_entry, check_draft, edit_entry, remove_entry, toggle_vote
from bot.vault.query import parse_query
from bot.vault.search import search_page
from storage import vault_index
from storage.models import Base
from storage.models.vault import VaultResource
from tests.conftest import START

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(autouse=True)
def empty_vault(sessions: sessionmaker[Session]) -> None:
    """These tests rank entries of their own: without the starter shelf (migration 0009)."""
    with sessions.begin() as s:
        s.execute(delete(VaultResource))


def add(
    sessions: sessionmaker[Session],
    title: str,
    description: str = "",
    tags: str = "",
    *,
    url: str | None = None,
    by: str = "U1",
    age_days: int = 0,
) -> int:
    draft = check_draft(url or f"https://example.com/{abs(hash(title))}", title, description, tags)
    assert isinstance(draft, Draft), draft
    with sessions.begin() as s:
        saved = add_entry(s, draft, user_id=by, now=START - timedelta(days=age_days))
    assert saved.entry is not None
    return saved.entry.id


def titles(sessions: sessionmaker[Session], query: str, page_size: int = 10) -> list[str]:
    parsed = parse_query(query)
    with sessions() as s:
        atoms = [a.alternatives for a in parsed.atoms]
        return [r.title for r in vault_index.search(s, atoms, limit=page_size)]


def vote(sessions: sessionmaker[Session], resource_id: int, *voters: str) -> None:
    with sessions.begin() as s:
        for voter in voters:
            toggle_vote(s, resource_id, user_id=voter, now=START)


def test_title_beats_tags_beats_description(sessions: sessionmaker[Session]) -> None:
    add(sessions, "Notes on pricing", "We cover onboarding too")
    add(sessions, "Team rituals", tags="onboarding")
    add(sessions, "Onboarding a new PM")
    assert titles(sessions, "onboarding") == [
        "Onboarding a new PM",
        "Team rituals",
        "Notes on pricing",
    ]


def test_matching_more_of_the_query_wins(sessions: sessionmaker[Session]) -> None:
    add(sessions, "Pricing page teardown")
    add(sessions, "A checklist", "for pricing changes")
    assert titles(sessions, "pricing checklist") == ["A checklist", "Pricing page teardown"]


def test_then_votes_then_freshness(sessions: sessionmaker[Session]) -> None:
    add(sessions, "Roadmap template (old)", age_days=30)
    add(sessions, "Roadmap template (new)", age_days=1)
    voted = add(sessions, "Roadmap template (voted)", age_days=60)
    vote(sessions, voted, "U7", "U8")
    assert titles(sessions, "roadmaps") == [
        "Roadmap template (voted)",
        "Roadmap template (new)",
        "Roadmap template (old)",
    ]


def test_abbreviations_and_their_long_forms_find_each_other(
    sessions: sessionmaker[Session],
) -> None:
    add(sessions, "How Spotify plans a go-to-market")
    add(sessions, "Launch plan for a B2B feature")
    add(sessions, "GTM checklist")
    add(sessions, "Unity's product requirements document")
    add(sessions, "Customer interviews", "Jobs to be done in practice")
    assert set(titles(sessions, "gtm")) == {
        "How Spotify plans a go-to-market",
        "Launch plan for a B2B feature",
        "GTM checklist",
    }
    assert "GTM checklist" in titles(sessions, "go to market")
    assert titles(sessions, "PRDs") == ["Unity's product requirements document"]
    assert titles(sessions, "jtbd") == ["Customer interviews"]
    assert set(titles(sessions, "launching plans")) == set(titles(sessions, "gtm"))


def test_british_and_american_spellings_find_each_other(sessions: sessionmaker[Session]) -> None:
    add(sessions, "Prioritisation with RICE")
    add(sessions, "Behavioral interview questions")
    add(sessions, "Analysing a funnel")
    assert titles(sessions, "prioritization") == ["Prioritisation with RICE"]
    assert titles(sessions, "behavioural") == ["Behavioral interview questions"]
    assert titles(sessions, "analyze funnels") == ["Analysing a funnel"]


def test_everyday_words_find_the_pm_words_they_mean(sessions: sessionmaker[Session]) -> None:
    add(sessions, "Hiring your first PM")
    add(sessions, "Blameless post-mortems")
    add(sessions, "Reducing churn in B2B SaaS")
    assert titles(sessions, "recruiting") == ["Hiring your first PM"]
    assert titles(sessions, "product managers") == ["Hiring your first PM"]
    assert titles(sessions, "postmortem") == ["Blameless post-mortems"]
    assert titles(sessions, "customer attrition") == ["Reducing churn in B2B SaaS"]


def test_words_side_by_side_come_before_the_same_words_apart(
    sessions: sessionmaker[Session],
) -> None:
    add(sessions, "Interview a customer today", age_days=1)  # as long, and newer
    add(sessions, "Customer interview tips", age_days=2)
    assert titles(sessions, "customer interviews") == [
        "Customer interview tips",
        "Interview a customer today",
    ]


def test_votes_cannot_lift_a_passing_mention_over_a_title(
    sessions: sessionmaker[Session],
) -> None:
    add(sessions, "Pricing strategy", age_days=9)
    mention = add(sessions, "Team rituals", "We also touch on pricing", age_days=1)
    vote(sessions, mention, *(f"U{n}" for n in range(20, 40)))
    assert titles(sessions, "pricing") == ["Pricing strategy", "Team rituals"]


def test_a_word_one_slip_away_finds_what_was_meant_when_nothing_matches_as_typed(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    add(sessions, "Pricing strategy")
    add(sessions, "Plain language guide")
    with sessions() as s:
        found = search_page(s, parse_query("pricng"), viewer="U2", settings=settings)
        exact = search_page(s, parse_query("plain"), viewer="U2", settings=settings)
        nothing = search_page(s, parse_query("kubernetes"), viewer="U2", settings=settings)
    assert [e.title for e in found.entries] == ["Pricing strategy"]
    assert [e.title for e in exact.entries] == ["Plain language guide"]  # not "plan" too
    assert nothing.entries == ()


def test_nothing_matches_nothing(sessions: sessionmaker[Session]) -> None:
    add(sessions, "Pricing")
    assert titles(sessions, "kubernetes") == []


def test_edits_and_removals_reach_the_index(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    rid = add(sessions, "Pricing teardown", by="U1")
    draft = check_draft("https://example.com/p", "Retention teardown", "", "")
    assert isinstance(draft, Draft)
    with sessions.begin() as s:
        edit_entry(s, rid, draft, user_id="U1", now=START, settings=settings)
    assert titles(sessions, "pricing") == []
    assert titles(sessions, "retention") == ["Retention teardown"]
    with sessions.begin() as s:
        assert remove_entry(s, rid, user_id="U1", settings=settings).removed
    assert titles(sessions, "retention") == []


def test_pages_follow_the_ranking(sessions: sessionmaker[Session], settings: Settings) -> None:
    for i in range(7):
        add(sessions, f"Discovery guide {i}", age_days=i)
    query = parse_query("discovery")
    with sessions() as s:
        first = search_page(s, query, viewer="U2", settings=settings)
        second = search_page(s, query, viewer="U2", settings=settings, page=1)
    assert [e.title for e in first.entries] == [f"Discovery guide {i}" for i in range(5)]
    assert first.has_more and not second.has_more
    assert [e.title for e in second.entries] == ["Discovery guide 5", "Discovery guide 6"]


@FUZZ
@given(st.text(max_size=2000))
def test_any_typed_query_gets_an_answer(
    sessions: sessionmaker[Session], settings: Settings, typed: str
) -> None:
    query = parse_query(typed)
    if query.is_empty:
        return
    with sessions() as s:
        page = search_page(s, query, viewer="U1", settings=settings)
    assert page.entries == ()


@FUZZ
@given(
    st.lists(
        st.lists(st.from_regex(r"[^\W_]{1,40}", fullmatch=True), min_size=1, max_size=3),
        min_size=1,
        max_size=4,
    )
)
def test_engine_queries_accept_any_term(
    sessions: sessionmaker[Session], atoms: list[list[str]]
) -> None:
    with sessions() as s:
        assert vault_index.search(s, [atoms], limit=5) == []


@pytest.mark.parametrize("term", ['a"b', "x OR y", "NEAR(", "a*", "-x", "a:b", "", "a_b"])
def test_storage_refuses_anything_but_terms(term: str) -> None:
    with pytest.raises(ValueError):
        vault_index.fts5_query([[[term]]])


def test_the_index_exists_and_autogenerate_leaves_it_alone(engine: Engine) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            assert "vault_fts" in inspect(conn).get_table_names()
        else:
            columns = {c["name"] for c in inspect(conn).get_columns("vault_resource")}
            assert "search_vector" in columns
        conn.execute(text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        conn.execute(text("DROP TABLE stray"))
    # Real drift is still reported; the search index is not.
    assert [(op[0], op[1].name) for op in diff] == [("remove_table", "stray")]


def test_reindex_catches_up_entries_analyzed_by_older_rules(
    sessions: sessionmaker[Session],
) -> None:
    from bot.vault.entries import reindex
    from storage.models.vault import VaultResource

    rid = add(sessions, "Go-to-market for APIs")
    with sessions.begin() as s:  # as if indexed before "gtm" was a concept
        s.get(VaultResource, rid).index_title = "go market api"
    assert titles(sessions, "gtm") == []
    with sessions.begin() as s:
        assert reindex(s, batch=1) == 1
    assert titles(sessions, "gtm") == ["Go-to-market for APIs"]
    with sessions.begin() as s:
        assert reindex(s) == 0
