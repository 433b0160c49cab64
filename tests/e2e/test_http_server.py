"""`circlebot run` in HTTP mode, for real: gunicorn, the scheduler in the master process,
signed requests over a socket. Slow-ish (a process start), so one test tells the story."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.sandbox import HttpTransport, SlackDriver, SlackSandbox
from tests.conftest import manifest_scopes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check: Callable[[], bool], what: str, seconds: float = 20) -> None:
    """Poll a real process until it is ready; this waits for a server, it does not fake time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def sandbox() -> Iterator[SlackSandbox]:
    with SlackSandbox(scopes=manifest_scopes()) as sandbox:  # real clock: a real process
        yield sandbox


def test_http_mode_serves_slack_and_runs_jobs(
    sandbox: SlackSandbox, engine: Engine, tmp_path: Path
) -> None:
    ana = sandbox.add_user("ana", real_name="Ana Okafor")["id"]
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": sandbox.bot_token,
        "SLACK_SIGNING_SECRET": sandbox.signing_secret,
        "SLACK_API_URL": sandbox.api_url,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.platform.cli", "run"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: healthy(f"http://127.0.0.1:{port}/healthz"), "/healthz")
        driver = SlackDriver(sandbox, HttpTransport(f"http://127.0.0.1:{port}/slack/events"))

        help_reply = driver.slash_command(ana, "/profile", "help")
        assert help_reply.status == 200 and "`/profile show`" in help_reply.text
        assert driver.slash_command(ana, "/profile").status == 200
        assert sandbox.views(ana)[-1]["callback_id"] == "profile"
        assert driver.post_signed("{}", "application/json", signature="v0=bad").status == 401

        # The scheduler runs in the master: the start-up member sync read users.list,
        # and the outbox dispatcher delivers a newcomer's welcome without being asked.
        wait_for(lambda: bool(sandbox.calls_to("users.list")), "the start-up member sync")
        dana = sandbox.add_user("dana", real_name="Dana Ruiz")
        assert driver.team_join(dana).status == 200
        wait_for(
            lambda: any(s.kind == "message" for s in sandbox.seen_by(dana["id"])),
            "the welcome DM",
        )
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    assert process.returncode == 0, output
    assert "Traceback" not in output, output
