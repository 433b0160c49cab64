"""Vault search figures, as one JSON object.

    .venv/bin/python -m bench.vault_search [--size 100000] [--rounds 5] [--no-postgres]

For each engine (SQLite file; PostgreSQL at BENCH_DATABASE_URL or the local test server, in
a schema of its own that is dropped afterwards):
1. Latency with ``size`` entries (the 80 labelled ones plus synthetic filler): p50 and p95
   of the search service (parse, ranked query, the member's votes and rights, tags) side
   by side with the raw engine query it wraps (FTS5 MATCH ordered by bm25, or ``@@``
   ordered by ts_rank, LIMIT 5), and the ratio between them; also the raw query with the
   service's own scorer (weighted bm25, or ts_rank_cd), which costs more on PostgreSQL.
2. Relevance over the labelled queries of bench/vault_corpus.py (the original 34 and the
   harder 10, apart and together): nDCG@5 and precision@5 of the service's first page, and
   of the raw engine's own ranking for comparison; on the labelled vault alone and inside
   the full-size vault. Latency is timed over the original 34.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.orm import Session, sessionmaker

from bench.vault_corpus import DOCS, QUERIES, QUERY_SETS, filler
from bot.platform.settings import Settings
from bot.vault.links import link_key
from bot.vault.query import parse_query
from bot.vault.search import search_page
from bot.vault.tags import parse_keyword_tags
from bot.vault.terms import index_text
from storage import vault_index
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
from storage.models.vault import VaultResource, VaultTag

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_SCHEMA = "vault_bench"
START = datetime(2026, 11, 1, tzinfo=UTC)
RAW = {
    "sqlite": "SELECT rowid FROM vault_fts WHERE vault_fts MATCH :q ORDER BY rank LIMIT 5",
    "postgresql": (
        "SELECT id FROM vault_resource WHERE search_vector @@ to_tsquery('simple', :q) "
        "ORDER BY ts_rank(search_vector, to_tsquery('simple', :q)) DESC LIMIT 5"
    ),
}


def load(sessions: sessionmaker[Session], size: int) -> dict[int, str]:
    """The labelled entries (ids 1–80), then filler up to ``size``; returns id → key."""
    keys = {}
    rows: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    labelled = [(key, *doc) for key, doc in DOCS.items()]
    synthetic = ((None, *doc) for doc in filler(max(0, size - len(labelled))))
    for i, (key, title, description, tag_text) in enumerate([*labelled, *synthetic], start=1):
        if key:
            keys[i] = key
        tag_list = parse_keyword_tags(tag_text)
        terms = index_text(title, description, tag_list)
        url = f"https://vault.example/{i}"
        rows.append(
            {
                "id": i,
                "url": url,
                "url_key": link_key(url),
                "title": title,
                "description": description,
                "added_by": f"U{i % 50:04d}",
                "source": "member",
                "votes": (i * 7919) % 13,
                "index_title": terms.title,
                "index_tags": terms.tags,
                "index_body": terms.body,
                "created_at": START - timedelta(minutes=i),
                "updated_at": START,
            }
        )
        tags += [{"resource_id": i, "tag": t, "position": p} for p, t in enumerate(tag_list)]
        if len(rows) == 5000:
            _flush(sessions, rows, tags)
    _flush(sessions, rows, tags)
    return keys


def _flush(sessions: sessionmaker[Session], rows: list, tags: list) -> None:
    if not rows:
        return
    with sessions.begin() as session:
        session.execute(insert(VaultResource), rows)
        if tags:
            session.execute(insert(VaultTag), tags)
    rows.clear()
    tags.clear()


# The same engine query with the service's own scorer (bm25 with column weights, or
# ts_rank_cd with weights and normalisation): what the service's ranking costs the engine.
RAW_SAME_SCORER = {
    "sqlite": (
        "SELECT rowid FROM vault_fts WHERE vault_fts MATCH :q ORDER BY "
        f"bm25(vault_fts, {', '.join(map(str, vault_index.FTS5_WEIGHTS))}) LIMIT 5"
    ),
    "postgresql": (
        "SELECT id FROM vault_resource WHERE search_vector @@ to_tsquery('simple', :q) "
        f"ORDER BY ts_rank_cd('{vault_index.PG_WEIGHTS}'::float4[], search_vector, "
        f"to_tsquery('simple', :q), {vault_index.PG_NORMALISATION}) DESC LIMIT 5"
    ),
}


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=20)
    return {
        "p50_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(cuts[18] * 1000, 2),
    }


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    return samples


def service_ids(sessions: sessionmaker[Session], settings: Settings, query: str) -> list[int]:
    with sessions() as session:
        page = search_page(session, parse_query(query), viewer="U0001", settings=settings)
    return [entry.id for entry in page.entries]


def raw_ids(
    sessions: sessionmaker[Session], dialect: str, match: str, sql: dict[str, str] = RAW
) -> list[int]:
    with sessions() as session:
        return list(session.scalars(text(sql[dialect]), {"q": match}))


def engine_query(dialect: str, query: str) -> str:
    atoms = [atom.alternatives for atom in parse_query(query).atoms]
    return vault_index.tsquery(atoms) if dialect == "postgresql" else vault_index.fts5_query(atoms)


def ndcg_and_precision(ranked: list[str | None], grades: dict[str, int]) -> tuple[float, float]:
    gains = [grades.get(key or "", 0) for key in ranked[:5]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades.values(), reverse=True)[:5]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg, sum(1 for g in gains if g > 0) / 5


def relevance(
    sessions: sessionmaker[Session], settings: Settings, dialect: str, keys: dict[int, str]
) -> dict[str, Any]:
    """nDCG@5 and precision@5 per query set (the original 34, the harder 10) and over all."""
    out: dict[str, Any] = {}
    every: dict[str, list[tuple[float, float]]] = {"service": [], "raw_engine": []}
    per_query = {}
    for set_name, queries in QUERY_SETS.items():
        scores: dict[str, list[tuple[float, float]]] = {"service": [], "raw_engine": []}
        for query, grades in queries.items():
            service = [keys.get(i) for i in service_ids(sessions, settings, query)]
            raw = [keys.get(i) for i in raw_ids(sessions, dialect, engine_query(dialect, query))]
            scores["service"].append(ndcg_and_precision(service, grades))
            scores["raw_engine"].append(ndcg_and_precision(raw, grades))
            per_query[query] = round(scores["service"][-1][0], 3)
        for name, values in scores.items():
            every[name] += values
        out[set_name] = _summary(scores, queries)
    out["all"] = _summary(
        every, {q: g for queries in QUERY_SETS.values() for q, g in queries.items()}
    )
    out["service_ndcg@5_by_query"] = per_query
    return out


def _summary(
    scores: dict[str, list[tuple[float, float]]], queries: dict[str, dict[str, int]]
) -> dict[str, Any]:
    out: dict[str, Any] = {
        name: {
            "ndcg@5": round(statistics.mean(s[0] for s in values), 3),
            "precision@5": round(statistics.mean(s[1] for s in values), 3),
        }
        for name, values in scores.items()
    }
    out["precision@5_ceiling"] = round(
        statistics.mean(
            min(5, sum(1 for g in grades.values() if g)) / 5 for grades in queries.values()
        ),
        3,
    )  # queries with fewer than five relevant entries cannot reach 1.0
    return out


def measure(engine: Engine, size: int, rounds: int) -> dict[str, Any]:
    dialect = engine.dialect.name
    upgrade(engine)
    sessions = make_sessions(engine)
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-bench",
        slack_signing_secret="bench-signing-secret",
        database_url=engine.url.render_as_string(hide_password=False),
    )
    result: dict[str, Any] = {}
    with sessions.begin() as session:  # the starter shelf (migration 0009) is not labelled
        session.execute(text("DELETE FROM vault_resource"))
    keys = load(sessions, len(DOCS))
    result["relevance_labelled_80"] = relevance(sessions, settings, dialect, keys)
    began = time.perf_counter()
    with sessions.begin() as session:
        session.execute(text("DELETE FROM vault_resource"))
    keys = load(sessions, size)
    if dialect == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM ANALYZE vault_resource")
            )
    result["load_seconds"] = round(time.perf_counter() - began, 1)
    result["resources"] = size
    result[f"relevance_in_{size}"] = relevance(sessions, settings, dialect, keys)
    service: list[float] = []
    raw: list[float] = []
    same: list[float] = []
    for query in QUERIES:  # warm caches once
        service_ids(sessions, settings, query)
    for query in QUERIES:
        match = engine_query(dialect, query)
        service += timed(lambda q=query: service_ids(sessions, settings, q), rounds)
        raw += timed(lambda m=match: raw_ids(sessions, dialect, m), rounds)
        same += timed(lambda m=match: raw_ids(sessions, dialect, m, RAW_SAME_SCORER), rounds)
    result["latency"] = {
        "samples": len(service),
        "service": percentiles(service),
        "raw_engine_query": percentiles(raw),
        "raw_engine_query_same_scorer": percentiles(same),
    }
    latency = result["latency"]
    latency["ratio_p50"] = round(
        latency["service"]["p50_ms"] / latency["raw_engine_query"]["p50_ms"], 2
    )
    latency["ratio_p95"] = round(
        latency["service"]["p95_ms"] / latency["raw_engine_query"]["p95_ms"], 2
    )
    latency["ratio_p95_same_scorer"] = round(
        latency["service"]["p95_ms"] / latency["raw_engine_query_same_scorer"]["p95_ms"], 2
    )
    return result


def sqlite_figures(size: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'vault-bench.db'}")
        try:
            return measure(engine, size, rounds)
        finally:
            engine.dispose()


def postgres_figures(size: int, rounds: int) -> dict[str, Any]:
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
    engine = create_engine(
        PG_URL, pool_pre_ping=True, connect_args={"options": f"-csearch_path={PG_SCHEMA}"}
    )
    try:
        return measure(engine, size, rounds)
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {
        "queries": {name: len(queries) for name, queries in QUERY_SETS.items()},
        "labelled_entries": len(DOCS),
        "sqlite": sqlite_figures(args.size, args.rounds),
    }
    if not args.no_postgres:
        figures["postgresql"] = postgres_figures(args.size, args.rounds)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
