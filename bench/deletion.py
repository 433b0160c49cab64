"""Deleting one member's data with a large outbox, on SQLite, as JSON.

    .venv/bin/python -m bench.deletion [--rows 1000000] [--members 500] [--scan]
        [--database-url sqlite:///path.db]

The outbox is filled straight through SQL (as a year of rounds, digests and answers would
fill it): each message goes to one member, and one in five is a channel post mentioning
one. The figure is one ``delete_member`` transaction, commit included, for a member with
their share of those messages; ``--scan`` also times reading every payload in Python (how
deletion found a member's messages before ``outbox_member``). Goal: ≤ 1 s at 1,000,000.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import Connection, func, select, text

from bot.demo.community import add_members
from bot.platform.clock import SystemClock
from bot.platform.settings import Settings
from bot.privacy.deletion import delete_member
from bot.sandbox import SlackSandbox
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
from storage.models import Member, OutboxMessage

BATCH = 50_000
AT = "2026-11-23 09:00:00.000000"


def fill_outbox(conn: Connection, rows: int, members: list[str], rng: random.Random) -> None:
    message = text(
        "INSERT INTO outbox (id, idempotency_key, payload, status, attempts, next_attempt_at, "
        "created_at) VALUES (:id, :key, :payload, 'sent', 1, :at, :at)"
    )
    named = text("INSERT INTO outbox_member (outbox_id, slack_user_id) VALUES (:id, :user)")
    for start in range(1, rows + 1, BATCH):
        batch, names = [], []
        for row_id in range(start, min(start + BATCH, rows + 1)):
            user = rng.choice(members)
            if row_id % 5:
                payload = {"to": {"users": [user]}, "text": "Your pair this week is here"}
            else:
                payload = {"to": {"channel": "C0CIRCLE"}, "text": f"Welcome <@{user}>!"}
            batch.append(
                {"id": row_id, "key": f"b:{row_id}", "payload": json.dumps(payload), "at": AT}
            )
            names.append({"id": row_id, "user": user})
        conn.execute(message, batch)
        conn.execute(named, names)


def payload_scan(conn: Connection, slack_id: str) -> float:
    started = time.perf_counter()
    found = 0
    for payload in conn.scalars(select(OutboxMessage.payload)):
        found += slack_id in json.dumps(payload, ensure_ascii=False)
    return time.perf_counter() - started


def run(rows: int, member_count: int, database_url: str, scan: bool) -> dict:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    clock = SystemClock()
    with SlackSandbox() as sandbox:
        members = add_members(sandbox, sessions, clock, member_count)
        settings = Settings(
            _env_file=None,
            slack_bot_token="xoxb-bench",
            slack_signing_secret="bench-secret",
            database_url=database_url,
        )
    started = time.perf_counter()
    with engine.begin() as conn:
        fill_outbox(conn, rows, members, random.Random(7))
    filled = time.perf_counter() - started
    target = members[0]
    with sessions() as session:
        theirs = session.scalar(
            text("SELECT count(*) FROM outbox_member WHERE slack_user_id = :u").bindparams(u=target)
        )
    scan_seconds = None
    if scan:
        with engine.connect() as conn:
            scan_seconds = round(payload_scan(conn, target), 3)
    started = time.perf_counter()
    with sessions.begin() as session:
        member = session.scalar(select(Member).where(Member.slack_user_id == target))
        assert member is not None
        delete_member(
            session, member, actor=target, keep_vault=False, now=clock.now(), settings=settings
        )
    seconds = time.perf_counter() - started
    with sessions() as session:
        left = session.scalar(select(func.count()).select_from(OutboxMessage))
    engine.dispose()
    return {
        "benchmark": "deletion",
        "database": engine.dialect.name,
        "outbox_rows": rows,
        "members": member_count,
        "rows_naming_the_member": theirs,
        "rows_left": left,
        "removed_all_theirs": left == rows - theirs,
        "seconds": round(seconds, 3),
        "goal_seconds": 1.0,
        "payload_scan_seconds": scan_seconds,
        "fill_seconds": round(filled, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--scan", action="store_true", help="also time the old payload scan")
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'deletion.db'}"
        print(json.dumps(run(args.rows, args.members, url, args.scan), indent=2))


if __name__ == "__main__":
    main()
