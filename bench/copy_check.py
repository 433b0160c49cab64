"""What the copy test costs, as JSON: the voice rules (bot/slack/voice.py) over everything the
demo shows anyone, and over a large synthetic set of message texts.

    .venv/bin/python -m bench.copy_check [--messages 20000]

The copy test runs at the end of every test that uses the sandbox, so it must stay a small
share of a test's time. Goal: under 20 ms for the demo's whole record (about 1,400 texts),
and linear in the number of texts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import tempfile
import time
from pathlib import Path

from bot.demo.run import run_demo
from bot.sandbox import SlackSandbox
from bot.sandbox.copy_check import surfaces
from bot.slack.voice import Surface, check
from bot.slack.words import plural


def _demo_surfaces() -> list[Surface]:
    found: list[Surface] = []

    def inspect(sandbox: SlackSandbox) -> None:
        found.extend(surfaces(sandbox))

    with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stdout(io.StringIO()):
        run_demo(db_path=str(Path(folder) / "demo.db"), inspect=inspect)
    return found


def _synthetic(n: int) -> list[Surface]:
    """Message-shaped texts: an intro's blocks and its notification text, in group DMs."""
    out = []
    for i in range(n):
        texts = (
            "*Meet your pair for this week* :wave:",
            f"• <@U{i:06d}>, Senior PM at Northwind\n      _Working toward:_ Hire {i % 5} APMs",
            f"• <@U{i + 1:06d}>, works at Globex",
            "*Why you two:* You share an interest in Growth. Different companies, too.",
            f"Find 30 minutes this week: {plural(i % 3 + 1, 'slot')} suggested.",
        )
        fallback = f"Meet your pair for this week: Member {i} and Member {i + 1}"
        out.append(Surface("message", f"message {i}", fallback, texts, (), 2))
    return out


def _time(items: list[Surface], repeat: int = 5) -> tuple[float, int]:
    runs = []
    found = 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(check(items))
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=20000)
    args = parser.parse_args()

    demo = _demo_surfaces()
    demo_ms, demo_problems = _time(demo)
    texts = sum(1 + len(s.texts) for s in demo)
    synthetic = _synthetic(args.messages)
    big_ms, big_problems = _time(synthetic, repeat=3)
    print(
        json.dumps(
            {
                "demo": {
                    "surfaces": len(demo),
                    "texts": texts,
                    "check_ms_median": round(demo_ms, 2),
                    "problems": demo_problems,
                },
                "synthetic": {
                    "messages": args.messages,
                    "check_ms_median": round(big_ms, 1),
                    "us_per_message": round(1000 * big_ms / args.messages, 2),
                    "problems": big_problems,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
