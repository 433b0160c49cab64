"""Slash-command acknowledgement under load: circlebot against a bare Bolt app that only
acks, same server and settings (gunicorn gthread, 2 workers × 8 threads), signed requests
over loopback, as JSON.

    .venv/bin/python -m bench.slash_ack [--seconds 5] [--concurrency 1 16 64]
        [--database-url postgresql+psycopg://…]

For each command and concurrency: requests per second and p50/p95/p99 in ms, and the
ratios to bare Bolt (the figure that matters: ≥ 0.8 of its throughput, p99 within 2×;
for read commands at concurrency 1, the mean within 2×).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.platform.clock import SystemClock
from bot.sandbox import SlackSandbox
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade

COMMANDS = [("/vault", "search pricing"), ("/circle", "status"), ("/pairing", "history")]
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, path: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1):
                return
        except OSError as exc:
            if getattr(exc, "code", None):  # bare Bolt answers 404 on GET: it is up
                return
            time.sleep(0.2)
    raise RuntimeError(f"server on {port} did not start")


def load(port: int, secret: str, body_for, concurrency: int, seconds: float) -> dict:  # type: ignore[no-untyped-def]
    verifier = SignatureVerifier(secret)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, i = [], 0
        while time.monotonic() < stop:
            body = body_for(n, i)
            i += 1
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body),
            }
            started = time.perf_counter()
            try:
                conn.request("POST", "/slack/events", body=body.encode(), headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append(time.perf_counter() - started)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000, 1)

    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": round(len(latencies) / elapsed, 1),
        "mean_ms": round(sum(latencies) / max(len(latencies), 1) * 1000, 2),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


def seed(url: str, sandbox: SlackSandbox, members: int) -> list[str]:
    from bot.demo.community import add_members

    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessions(engine)
    ids = add_members(sandbox, sessions, SystemClock(), members)
    from bot.vault.seed import ensure_seeded

    with sessions.begin() as session:
        ensure_seeded(session, now=SystemClock().now())
    engine.dispose()
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
    results = []
    with SlackSandbox() as sandbox:
        users = seed(url, sandbox, 64)
        ours, bare = free_port(), free_port()
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": sandbox.bot_token,
            "SLACK_SIGNING_SECRET": sandbox.signing_secret,
            "SLACK_API_URL": sandbox.api_url,
            "DATABASE_URL": url,
            "PORT": str(ours),
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("SLACK_APP_TOKEN", None)
        servers = [
            subprocess.Popen(
                [sys.executable, "-m", "bot.platform.cli", "run", "--no-scheduler"],
                env=env,
                cwd=tmp,
            ),
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.bare_bolt",
                    str(bare),
                    sandbox.signing_secret,
                    sandbox.bot_token,
                    sandbox.api_url,
                ],
                env=env,
                cwd=tmp,
            ),
        ]
        try:
            wait_healthy(ours, "/healthz")
            wait_healthy(bare, "/healthz")
            for command, text in COMMANDS:

                def body_for(n: int, i: int, command=command, text=text) -> str:  # type: ignore[no-untyped-def]
                    user = users[(n + i) % len(users)]
                    return urlencode(
                        {
                            "command": command,
                            "text": text,
                            "user_id": user,
                            "team_id": sandbox.team_id,
                            "channel_id": "D0BENCH",
                            "trigger_id": "1.2.3",
                            "api_app_id": "A0BENCH",
                            "response_url": f"{sandbox.base_url}/response/none",
                        }
                    )

                for concurrency in args.concurrency:
                    mine = load(ours, sandbox.signing_secret, body_for, concurrency, args.seconds)
                    base = load(bare, sandbox.signing_secret, body_for, concurrency, args.seconds)
                    results.append(
                        {
                            "command": f"{command} {text}",
                            "concurrency": concurrency,
                            "circlebot": mine,
                            "bare_bolt": base,
                            "throughput_ratio": round(mine["rps"] / base["rps"], 2),
                            "p99_ratio": round(mine["p99_ms"] / max(base["p99_ms"], 0.1), 2),
                            "mean_ratio": round(mine["mean_ms"] / max(base["mean_ms"], 0.01), 2),
                        }
                    )
                    print(json.dumps(results[-1]), file=sys.stderr)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
    print(
        json.dumps(
            {
                "benchmark": "slash_ack",
                "database": url.split(":")[0],
                "seconds": args.seconds,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
