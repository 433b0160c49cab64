"""Soak: mixed traffic against a real `circlebot run` (HTTP mode, gunicorn, scheduler inside)
for a long while, with the weekly jobs firing during it; as JSON.

    .venv/bin/python -m bench.soak [--minutes 30] [--clients 4] [--database-url …]

Members send slash commands, click vault votes, submit the profile and check-in modals and
open App Home, over signed HTTP requests. The pairing round, the check-in prompts, the
last call and the guide's digest are scheduled a few minutes into the run, so they fire
while the traffic goes on. Every 15 s the bot's processes are sampled: resident memory,
open file descriptors, sockets, and database connections (PostgreSQL: pg_stat_activity).

The figures: errors (non-200 answers, apologies, tracebacks or ERROR lines in the bot's
log, outbox failures, sandbox errors) and the growth of memory and connections from the
first sample after warm-up to the last.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, text, update

from bench.slash_ack import free_port, wait_healthy
from bot.demo.community import add_members
from bot.demo.vault_steps import entry_ids, last_seen
from bot.platform.clock import SystemClock
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.transports import HttpTransport
from bot.vault.seed import ensure_seeded
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
from storage.models import Circle, CircleMember, JobRun, Member, OutboxMessage

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = timedelta(minutes=2)
SAMPLE_EVERY = 15
QUERIES = ["gtm", "prd", "okr", "onboarding", "pricing", "roadmap", "first 90 days", "launch"]
COMMANDS = [
    ("/circle", "status"),
    ("/pairing", "history"),
    ("/vault", "top"),
    ("/vault", "tags"),
    ("/profile", "show"),
    ("/profile", "privacy"),
    ("/pairing", "help"),
]
PROFILE = {
    "company": "Northwind",
    "level": "senior_pm",
    "interests": ["growth", "leadership"],
    "tags": "pricing",
    "timezone": "UTC",
}
SORRY = "something went wrong"


def seed(url: str, sandbox: SlackSandbox, members: int) -> list[str]:
    """Members in UTC (so every scheduled job fires within the run), circles of four with a
    guide each, and the vault's starter shelf."""
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessions(engine)
    clock = SystemClock()
    ids = add_members(sandbox, sessions, clock, members)
    with sessions.begin() as session:
        session.execute(update(Member).values(tz_override="UTC"))
        ensure_seeded(session, now=clock.now())
        for n, group in enumerate(ids[i : i + 4] for i in range(0, len(ids), 4)):
            channel = sandbox.add_channel(f"circle-soak-{n}", is_private=True, members=list(group))
            circle = Circle(
                name=f"Soak {n}", channel_id=channel, created_by="UBENCH", created_at=clock.now()
            )
            session.add(circle)
            session.flush()
            for i, uid in enumerate(group):
                row = session.scalar(select(Member).where(Member.slack_user_id == uid))
                role = "guide" if i == len(group) - 1 else "peer"
                session.add(
                    CircleMember(
                        member_id=row.id,  # type: ignore[union-attr]
                        circle_id=circle.id,
                        role=role,
                        joined_at=clock.now(),
                    )
                )
    engine.dispose()
    return ids


def schedule_env(start: datetime) -> dict[str, str]:
    """Put the weekly jobs a few minutes into the run (all in UTC)."""

    def at(minutes: int) -> tuple[str, str]:
        moment = start + timedelta(minutes=minutes)
        return moment.strftime("%a").lower(), moment.strftime("%H:%M")

    env = {}
    for name, minutes in (("PAIRING", 3), ("CHECKIN", 5), ("REMINDER", 9), ("DIGEST", 12)):
        env[f"{name}_DAY"], env[f"{name}_TIME"] = at(minutes)
    return env


class Traffic:
    """One client thread per slice of members, so no two threads share a member's modals."""

    def __init__(self, driver: SlackDriver, sandbox: SlackSandbox, seed: int) -> None:
        self.driver, self.sandbox = driver, sandbox
        self.rng = random.Random(seed)
        self.counts: Counter[str] = Counter()
        self.errors: list[str] = []

    def check(self, kind: str, reply) -> None:  # type: ignore[no-untyped-def]
        self.counts[kind] += 1
        if reply is None:
            return
        if reply.status != 200 or SORRY in reply.body:
            self.errors.append(f"{kind}: {reply.status} {reply.body[:200]}")

    def step(self, uid: str) -> None:
        driver, sandbox, rng = self.driver, self.sandbox, self.rng
        roll = rng.random()
        if roll < 0.35:
            command, words = rng.choice(COMMANDS)
            self.check(f"command {command} {words}", driver.slash_command(uid, command, words))
        elif roll < 0.6:
            query = rng.choice(QUERIES)
            self.check(
                "command /vault search", driver.slash_command(uid, "/vault", f"search {query}")
            )
            seen = last_seen(sandbox, uid)
            found = entry_ids(seen)
            if found:
                entry = rng.choice(found)
                reply = driver.click(
                    uid,
                    "vault_vote",
                    block_id=f"vault_entry_{entry}",
                    message=(seen.channel, seen.ts),
                )
                self.check("click vault_vote", reply)
        elif roll < 0.75:
            self.check("command /profile", driver.slash_command(uid, "/profile"))
            modal = sandbox.open_modals(uid)[-1]
            values = {**PROFILE, "goals": f"Goal {rng.randrange(10**6)}"}
            self.check("modal profile", driver.submit_view(uid, modal["id"], values))
        elif roll < 0.9:
            reply = driver.slash_command(uid, "/circle", "checkin")
            self.check("command /circle checkin", reply)
            if not sandbox.open_modals(uid):  # guides have no check-in of their own
                if "You guide" not in reply.body:
                    self.errors.append(f"no check-in modal: {reply.body[:200]}")
                return
            modal = sandbox.open_modals(uid)[-1]
            values = {
                "win": f"Shipped step {rng.randrange(1000)}",
                "challenge": "",
                "help_wanted": "",
                "mood": None,
                "ticks": [],
            }
            self.check("modal checkin", driver.submit_view(uid, modal["id"], values))
        else:
            self.check("event app_home_opened", driver.app_home_opened(uid))


def processes(root: int) -> list[int]:
    """The bot's process and its children (gunicorn workers)."""
    try:
        children = Path(f"/proc/{root}/task/{root}/children").read_text().split()
    except OSError:
        children = []
    return [root, *(int(c) for c in children)]


def sample(root: int, engine) -> dict:  # type: ignore[no-untyped-def]
    rss = fds = sockets = 0
    pids = processes(root)
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
            links = [os.readlink(p) for p in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        fds += len(links)
        sockets += sum(1 for link in links if link.startswith("socket:"))
    connections = None
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connections = connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
    return {
        "t_s": None,
        "processes": len(pids),
        "rss_mb": round(rss / 1024, 1),
        "fds": fds,
        "sockets": sockets,
        "db_connections": connections,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--members", type=int, default=48)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{Path(tmp) / 'soak.db'}"
    started = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    with SlackSandbox() as sandbox:
        users = seed(url, sandbox, args.members)
        port = free_port()
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": sandbox.bot_token,
            "SLACK_SIGNING_SECRET": sandbox.signing_secret,
            "SLACK_API_URL": sandbox.api_url,
            "DATABASE_URL": url,
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
            "CIRCLEBOT_TIMEZONE": "UTC",
            "CIRCLEBOT_ADMINS": users[0],
            "PYTHONPATH": str(ROOT),
            **schedule_env(started),
        }
        env.pop("SLACK_APP_TOKEN", None)
        log_path = Path(tmp) / "bot.log"
        with log_path.open("w") as log_file:
            bot = subprocess.Popen(
                [sys.executable, "-m", "bot.platform.cli", "run"], env=env, cwd=tmp, stderr=log_file
            )
        engine = make_engine(url)
        samples: list[dict] = []
        clients: list[Traffic] = []
        try:
            wait_healthy(port, "/healthz")
            driver = SlackDriver(sandbox, HttpTransport(f"http://127.0.0.1:{port}/slack/events"))
            began = time.monotonic()
            deadline = began + args.minutes * 60
            slices = [users[i :: args.clients] for i in range(args.clients)]

            def run(traffic: Traffic, mine: list[str]) -> None:
                for uid in itertools.cycle(mine):
                    if time.monotonic() >= deadline:
                        return
                    try:
                        traffic.step(uid)
                    except Exception as exc:  # the harness keeps going and counts it
                        traffic.errors.append(f"harness: {type(exc).__name__}: {exc}")

            threads = []
            for n, mine in enumerate(slices):
                traffic = Traffic(driver, sandbox, seed=n)
                clients.append(traffic)
                threads.append(threading.Thread(target=run, args=(traffic, mine), daemon=True))
            for thread in threads:
                thread.start()
            while time.monotonic() < deadline:
                point = sample(bot.pid, engine)
                point["t_s"] = round(time.monotonic() - began)
                samples.append(point)
                print(json.dumps(point), file=sys.stderr)
                time.sleep(SAMPLE_EVERY)
            for thread in threads:
                thread.join(timeout=60)
            settle = time.monotonic() + 60  # let the outbox finish what the traffic queued
            while time.monotonic() < settle:
                with engine.connect() as connection:
                    pending = connection.scalar(
                        select(func.count())
                        .select_from(OutboxMessage)
                        .where(OutboxMessage.status == "pending")
                    )
                if not pending:
                    break
                time.sleep(1)
            final = sample(bot.pid, engine)
            final["t_s"] = round(time.monotonic() - began)
            samples.append(final)
        finally:
            bot.terminate()
            bot.wait(timeout=60)
        with engine.connect() as connection:
            outbox = dict(
                connection.execute(
                    select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
                ).all()
            )
            jobs = Counter(job for (job,) in connection.execute(select(JobRun.job)).all())
            keys = connection.execute(select(OutboxMessage.idempotency_key)).scalars()
            messages = Counter(key.split(":", 1)[0] for key in keys)
        engine.dispose()
        log_lines = log_path.read_text().splitlines()
        bad_lines = [
            line
            for line in log_lines
            if "Traceback" in line or " ERROR " in line or "CRITICAL" in line
        ]
        sandbox_errors = list(sandbox.errors)
    counts: Counter[str] = Counter()
    errors: list[str] = []
    for traffic in clients:
        counts.update(traffic.counts)
        errors += traffic.errors
    warm = [s for s in samples if s["t_s"] >= WARM_UP.total_seconds()] or samples
    first, last = warm[0], warm[-1]
    print(
        json.dumps(
            {
                "benchmark": "soak",
                "database": url.split(":")[0],
                "minutes": args.minutes,
                "clients": args.clients,
                "members": args.members,
                "requests": sum(counts.values()),
                "requests_per_second": round(sum(counts.values()) / (args.minutes * 60), 1),
                "by_kind": dict(counts.most_common()),
                "errors": len(errors)
                + len(bad_lines)
                + outbox.get("failed", 0)
                + len(sandbox_errors),
                "request_errors": errors[:10],
                "log_errors": bad_lines[:10],
                "outbox": outbox,
                "sandbox_errors": sandbox_errors[:10],
                "jobs_claimed": dict(jobs),
                "messages_by_kind": dict(messages.most_common()),
                "after_warm_up": {"at_s": first["t_s"], **{k: first[k] for k in SAMPLED}},
                "at_end": {"at_s": last["t_s"], **{k: last[k] for k in SAMPLED}},
                "max": {k: max((s[k] or 0) for s in warm) for k in SAMPLED},
                "rss_growth_mb": round(last["rss_mb"] - first["rss_mb"], 1),
                "samples": len(samples),
            }
        )
    )


SAMPLED = ("processes", "rss_mb", "fds", "sockets", "db_connections")

if __name__ == "__main__":
    main()
