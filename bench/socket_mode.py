"""Socket Mode adapters for the sync Bolt App, measured against the sandbox's Socket Mode
endpoint, as JSON. The app is the real circlebot app in its own process (like `circlebot run`).

    .venv/bin/python -m bench.socket_mode [--commands 50] [--rounds 3] [--cap 70]
        [--variants builtin:10 builtin:2 websocket_client:10 steady:3:2]

Per variant (adapter:ping_interval[:ping_timeout]): the app's CPU use while idle; the ack
latency of `/profile help` (p50/p99 in ms, measured at the Socket Mode server from envelope
sent to ack received); then for each kind of connection churn — Slack's `disconnect`
(refresh_requested), a reset TCP connection, a closed one (FIN), a silent one (nothing more
arrives, not even pongs) — the seconds until the app's new link said hello (null: not within
--cap), and the ack latency of the command sent right after (null: no ack within Slack's 3 s);
for `disconnect` also the ack latency of a command sent the moment the message goes out,
before the app has reconnected. The summary keeps the worst of the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.sandbox import SlackDriver, SlackSandbox, SocketModeTransport

ROOT = Path(__file__).resolve().parent.parent
CHURN = ("refresh_requested", "reset", "fin", "silent")
# adapter:ping_interval[:ping_timeout] (the timeout is for "steady", circlebot's own client).
DEFAULT_VARIANTS = ["builtin:10", "builtin:2", "websocket_client:10", "steady:3:2"]
IDLE_SECONDS = 5.0


def child(adapter: str, ping_interval: float, ping_timeout: float) -> int:
    """The app side: the real circlebot app on one adapter, until stdin closes; it answers
    each line on stdin with the CPU seconds it has used."""
    from bot.app import build_app
    from bot.platform.logs import configure_logging
    from bot.platform.runtime import build_services
    from bot.platform.settings import load_settings
    from bot.platform.socket_mode import socket_mode_handler

    settings = load_settings()
    configure_logging("ERROR", "text")
    handler = socket_mode_handler(
        build_app(build_services(settings)),
        settings.slack_app_token or "",
        adapter=adapter,
        ping_interval=ping_interval,
        ping_timeout=ping_timeout,
    )
    handler.connect()
    for _ in sys.stdin:
        print(time.process_time(), flush=True)
    handler.close()
    return 0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def measure(variant: str, commands: int, rounds: int, cap: float) -> dict[str, Any]:
    adapter, ping, timeout = [*variant.split(":"), "2"][:3]
    with tempfile.TemporaryDirectory() as tmp, SlackSandbox() as sandbox:
        ana = sandbox.add_user("ana")["id"]
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": sandbox.bot_token,
            "SLACK_SIGNING_SECRET": sandbox.signing_secret,
            "SLACK_APP_TOKEN": sandbox.app_token,
            "SLACK_API_URL": sandbox.api_url,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "PYTHONPATH": str(ROOT),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.socket_mode", "--child", adapter, ping, timeout],
            env=env,
            cwd=tmp,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            stderr=None if os.environ.get("BENCH_VERBOSE") else subprocess.DEVNULL,
        )
        endpoint = sandbox.socket_mode
        transport = SocketModeTransport(endpoint)
        driver = SlackDriver(sandbox, transport)

        def command() -> float | None:
            driver.slash_command(ana, "/profile", "help")
            delivery = transport.last
            assert delivery is not None
            return None if delivery.failure else delivery.latency

        try:
            if endpoint.wait_for_link(timeout=60) is None:
                raise RuntimeError(f"{adapter} never connected")
            for _ in range(5):
                command()  # warm up
            before = cpu_seconds(process)
            time.sleep(IDLE_SECONDS)  # idle: no envelopes, only the adapter's own work
            idle_cpu = (cpu_seconds(process) - before) / IDLE_SECONDS
            acks = [command() for _ in range(commands)]
            done = [a for a in acks if a is not None]
            result: dict[str, Any] = {
                "variant": variant,
                "idle_cpu_percent": round(100 * idle_cpu, 1),
                "ack_ms": {
                    "p50": ms(percentile(done, 0.5)) if done else None,
                    "p99": ms(percentile(done, 0.99)) if done else None,
                    "failed": len(acks) - len(done),
                },
            }
            for churn in CHURN:
                runs = [churn_once(endpoint, churn, cap, command) for _ in range(rounds)]
                result[churn] = {
                    "reconnect_s": [r[0] for r in runs],
                    "next_ack_ms": [ms(r[1]) for r in runs],
                }
                if any(r[0] is None for r in runs):
                    break  # no link left to measure the rest on
                if churn == "refresh_requested":
                    during = [ms(at_disconnect(endpoint, command)) for _ in range(rounds)]
                    result[churn]["ack_at_disconnect_ms"] = during
            return result
        finally:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def cpu_seconds(process: subprocess.Popen[str]) -> float:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("cpu\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def churn_once(endpoint: Any, churn: str, cap: float, command: Any) -> tuple[float | None, Any]:
    old = endpoint.newest_link_id()
    started = time.monotonic()
    if churn == "refresh_requested":
        endpoint.disconnect(churn)
    else:
        endpoint.drop(churn)
    link = endpoint.wait_for_link(newer_than=old, timeout=cap)
    if link is None:
        return None, None
    return round(link.ready_at - started, 2), command()


def at_disconnect(endpoint: Any, command: Any) -> float | None:
    """A command sent the moment Slack says `disconnect`, before the app has reconnected."""
    old = endpoint.newest_link_id()
    endpoint.disconnect("refresh_requested")
    latency = command()
    endpoint.wait_for_link(newer_than=old, timeout=30)
    return latency


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """Per variant: ack p50/p99, and per churn the worst reconnect and next-ack figures."""
    out: dict[str, Any] = {
        "idle_cpu_percent": result["idle_cpu_percent"],
        "ack_p50_ms": result["ack_ms"]["p50"],
        "ack_p99_ms": result["ack_ms"]["p99"],
    }
    for churn in CHURN:
        runs = result.get(churn)
        if runs is None or None in runs["reconnect_s"]:
            out[churn] = "no reconnect" if runs else "not measured"
            continue
        acks = runs["next_ack_ms"]
        out[churn] = {
            "reconnect_s": max(runs["reconnect_s"]),
            "next_ack_ms": None if None in acks else max(acks),
        }
        if "ack_at_disconnect_ms" in runs:
            during = runs["ack_at_disconnect_ms"]
            out[churn]["ack_at_disconnect_ms"] = None if None in during else max(during)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--commands", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cap", type=float, default=70, help="give up on a reconnect after")
    parser.add_argument("--variants", nargs="+", default=DEFAULT_VARIANTS)
    args = parser.parse_args(argv)
    if args.child:
        adapter, ping, timeout = args.child
        return child(adapter, float(ping), float(timeout))
    results = []
    for variant in args.variants:
        results.append(measure(variant, args.commands, args.rounds, args.cap))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    summary = {v["variant"]: summarise(v) for v in results}
    print(json.dumps({"variants": results, "summary": summary}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
