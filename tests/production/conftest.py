"""Real processes against the sandbox: the sandbox runs on the real clock here, because the
bot runs in another process with its own; tests wait on processes, never on sleeps."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.outbox.transport import METADATA_EVENT
from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox
from tests.bot.outbox.installs import DEFAULT
from tests.conftest import ROOT


@pytest.fixture
def granted() -> tuple[str, ...]:
    """The scopes the workspace granted: the default install unless a test asks for more."""
    return DEFAULT


@pytest.fixture
def sandbox(clock: ManualClock, granted: tuple[str, ...]) -> Iterator[SlackSandbox]:
    with SlackSandbox(clock=clock, scopes=granted, history_limits=True) as sandbox:
        yield sandbox
    assert sandbox.errors == [], "the Slack sandbox hit an internal error"


@pytest.fixture
def live_sandbox(granted: tuple[str, ...]) -> Iterator[SlackSandbox]:
    with SlackSandbox(scopes=granted, history_limits=True) as sandbox:
        yield sandbox
    assert sandbox.errors == [], "the Slack sandbox hit an internal error"


def bot_env(sandbox: SlackSandbox, engine: Engine, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": sandbox.bot_token,
        "SLACK_SIGNING_SECRET": sandbox.signing_secret,
        "SLACK_API_URL": sandbox.api_url,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "CIRCLEBOT_TIMEZONE": "Europe/Berlin",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    env.pop("SLACK_APP_TOKEN", None)
    return env


def start_worker(mode: str, env: dict[str, str], cwd: Path, *args: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.production.worker", mode, *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    if first != "ready":
        process.kill()
        stderr = process.stderr.read()  # type: ignore[union-attr]  # stderr is a PIPE
        raise AssertionError(f"worker did not start: {first} {stderr}")
    return process


def wait_until(check: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Wait for another process to get somewhere (polls; the bot's own time is not faked)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.005)
    raise AssertionError(f"timed out waiting for {what}")


def posted_keys(sandbox: SlackSandbox, prefix: str = "") -> Counter[str]:
    """Outbox keys of the messages the sandbox (Slack) accepted, counted."""
    keys: Counter[str] = Counter()
    for call in sandbox.calls_to("chat.postMessage"):
        metadata = call.args.get("metadata") or {}
        if call.ok and metadata.get("event_type") == METADATA_EVENT:
            key = metadata["event_payload"]["outbox_key"]
            if key.startswith(prefix):
                keys[key] += 1
    return keys
