"""Outbox delivery throughput against the local Slack sandbox (no rate limits), as JSON.

    .venv/bin/python -m bench.outbox_dispatch [--messages 500] [--dispatchers 1]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

It measures our side of delivery (claim, open conversation, post, record), which bounds
how fast a weekly round can go before Slack's own limits apply.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import text

from bot.outbox.dispatcher import OutboxDispatcher
from bot.outbox.queue import OutgoingMessage, counts, enqueue
from bot.platform.clock import SystemClock
from bot.sandbox import SlackSandbox
from bot.slack.client import build_web_client
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
from storage.models import Base


def run(messages: int, dispatchers: int, database_url: str) -> dict:
    engine = make_engine(database_url)
    upgrade(engine)
    tables = [t.name for t in Base.metadata.sorted_tables]
    with engine.begin() as conn:
        for table in tables:
            conn.execute(text(f'DELETE FROM "{table}"'))
    sessions = make_sessions(engine)
    clock = SystemClock()
    with SlackSandbox() as sandbox:
        users = [sandbox.add_user(f"pm{i}")["id"] for i in range(messages)]
        with sessions.begin() as session:
            enqueue(
                session,
                (OutgoingMessage.dm(u, key=f"bench:{u}", text="hello") for u in users),
                now=clock.now(),
            )
        workers = [
            OutboxDispatcher(
                sessions=sessions,
                client=build_web_client(sandbox.bot_token, sandbox.api_url, clock),
                clock=clock,
                worker=f"bench{i}",
            )
            for i in range(dispatchers)
        ]
        started = time.perf_counter()
        threads = [threading.Thread(target=w.drain) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        posted = [c for c in sandbox.calls_to("chat.postMessage") if c.ok]
        keys = {c.args["metadata"]["event_payload"]["outbox_key"] for c in posted}
        with sessions() as session:
            statuses = counts(session)
    return {
        "benchmark": "outbox_dispatch",
        "database": engine.dialect.name,
        "messages": messages,
        "dispatchers": dispatchers,
        "seconds": round(elapsed, 3),
        "messages_per_second": round(messages / elapsed, 1),
        "slack_calls_per_message": round(len(sandbox.calls) / messages, 2),
        "delivered_once": len(posted) == len(keys) == messages,
        "outbox": statuses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--dispatchers", type=int, default=1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        print(json.dumps(run(args.messages, args.dispatchers, url)))


if __name__ == "__main__":
    main()
