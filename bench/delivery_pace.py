"""Delivery pace: a weekly round's intros against the sandbox enforcing Slack's tiers
(conversations.open Tier 3, 50/min; chat.postMessage several hundred/min), in sandbox time
(a ManualClock: Retry-After waits are simulated, not slept), as JSON.

    .venv/bin/python -m bench.delivery_pace [--members 1000] [--database-url …]

Each intro needs one conversations.open, so the allowed rate is 50 intros a minute; the
figure is intros delivered per minute as a share of that (goal ≥ 0.9).
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.demo.community import add_members
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.rounds import run_round
from bot.platform.clock import ManualClock
from bot.platform.settings import Settings
from bot.sandbox import SlackSandbox
from bot.slack.client import build_web_client
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
from storage.models import OutboxMessage

OPEN_PER_MINUTE = 50
POST_PER_MINUTE = 600


def run(members: int, url: str) -> dict:
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessions(engine)
    clock = ManualClock(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    with SlackSandbox(clock=clock) as sandbox:
        add_members(sandbox, sessions, clock, members)
        sandbox.set_rate_limit("conversations.open", OPEN_PER_MINUTE)
        sandbox.set_rate_limit("chat.postMessage", POST_PER_MINUTE)
        settings = Settings(
            _env_file=None,
            slack_bot_token=sandbox.bot_token,
            slack_signing_secret=sandbox.signing_secret,
            slack_api_url=sandbox.api_url,
            database_url=url,
            circlebot_timezone="Europe/Berlin",
        )
        with sessions.begin() as session:
            result = run_round(session, clock.now(), settings)
        intros = sum(1 for g in result.plan.round.groups)  # type: ignore[union-attr]
        dispatcher = OutboxDispatcher(
            sessions=sessions,
            client=build_web_client(sandbox.bot_token, sandbox.api_url, clock),
            clock=clock,
            worker="bench",
        )
        started, wall = clock.now(), time.perf_counter()
        for _ in range(100_000):
            dispatcher.dispatch_due()
            with sessions() as session:
                waiting = session.scalars(
                    select(OutboxMessage.next_attempt_at).where(OutboxMessage.status == "pending")
                ).all()
            if not waiting:
                break
            clock.set(max(clock.now(), min(waiting), dispatcher.resume_at or clock.now()))
        minutes = (clock.now() - started).total_seconds() / 60
        rate_limited = sum(1 for c in sandbox.calls if c.status == 429)
        with sessions() as session:
            failed = session.scalars(
                select(OutboxMessage.id).where(OutboxMessage.status != "sent")
            ).all()
        early = sandbox.early_retries
    per_minute = intros / minutes
    ideal = math.ceil(intros / OPEN_PER_MINUTE) - 1
    return {
        "benchmark": "delivery_pace",
        "database": engine.dialect.name,
        "members": members,
        "intros": intros,
        "sandbox_minutes": round(minutes, 2),
        "intros_per_minute": round(per_minute, 1),
        "allowed_per_minute": OPEN_PER_MINUTE,
        # A sliding 60-second window lets the first 50 go at once, so the fastest any
        # client could finish is (ceil(intros / 50) - 1) minutes.
        "fastest_possible_minutes": ideal,
        "share_of_allowed": round(ideal / minutes, 3) if minutes else 1.0,
        "responses_429": rate_limited,
        "early_retries": early,
        "not_sent": len(failed),
        "wall_seconds": round(time.perf_counter() - wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        print(json.dumps(run(args.members, url)))


if __name__ == "__main__":
    main()
