"""The command line: Socket Mode when an app token is set, migrations, clear start-up errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from slack_bolt import App

import bot.platform.server as server
from bot.platform.cli import main
from bot.sandbox import SlackSandbox
from storage.db import make_engine
from storage.migrate import head_revision, is_current


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, sandbox: SlackSandbox, tmp_path: Path) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    values = {
        "SLACK_BOT_TOKEN": sandbox.bot_token,
        "SLACK_SIGNING_SECRET": sandbox.signing_secret,
        "SLACK_API_URL": sandbox.api_url,
        "DATABASE_URL": url,
        "LOG_LEVEL": "WARNING",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    return values


def test_app_token_selects_socket_mode_with_the_real_app(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, sandbox: SlackSandbox
) -> None:
    started = {}

    def fake_run_socket_mode(app: App, app_token: str) -> None:
        """Stands in for serving until SIGTERM (tests/e2e/test_socket_mode.py runs it for real)."""
        started.update(app=app, token=app_token, started=True)

    monkeypatch.setattr(server, "run_socket_mode", fake_run_socket_mode)
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-A1-123-abc")

    assert main(["run"]) == 0

    assert started["token"] == "xapp-1-A1-123-abc" and started["started"]
    assert isinstance(started["app"], App)
    assert [c.method for c in sandbox.calls][:1] == ["auth.test"]  # token checked first
    assert sandbox.calls_to("users.list")  # the scheduler's start-up sync ran
    assert is_current(make_engine(env["DATABASE_URL"]))


def test_a_token_slack_refuses_stops_start_up_with_one_line(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in err


def test_db_upgrade_migrates_and_reports_the_revision(
    env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert f"database at revision {head_revision()}" in capsys.readouterr().out
    assert is_current(make_engine(env["DATABASE_URL"]))


def test_sync_members_reads_the_workspace(
    env: dict[str, str], sandbox: SlackSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.add_user("ana")
    assert main(["sync-members"]) == 0
    assert "'added': 1" in capsys.readouterr().out


def test_pair_dry_run_shows_the_round_and_sends_nothing(
    env: dict[str, str], sandbox: SlackSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from sqlalchemy import func, select

    from storage.models import OutboxMessage, PairingRound

    for name in ("ana", "ben", "cat"):
        sandbox.add_user(name)
    assert main(["sync-members"]) == 0
    capsys.readouterr()

    assert main(["pair", "--dry-run", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["stats"]["eligible"] == 3 and shown["stats"]["trios"] == 1
    engine = make_engine(env["DATABASE_URL"])
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(OutboxMessage)) == 0

    assert main(["pair"]) == 0
    assert main(["pair"]) == 0
    out = capsys.readouterr().out
    assert "eligible 3 · paired 3 (0 pairs, 1 trio)" in out
    assert re.search(r"^Round for the week of \d{1,2} [A-Z][a-z]{2}$", out, re.MULTILINE)
    assert not re.search(r"\d{4}-W\d", out)  # weeks as people say them, never ISO codes
    assert "already run; nothing was sent twice" in out
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(PairingRound)) == 1


def test_a_migrated_database_has_the_starter_shelf_and_seed_keeps_it_once(
    env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["vault", "seed"]) == 0
    assert main(["vault", "seed"]) == 0
    assert main(["vault", "reindex"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [  # the migration loaded the shelf; seeding again changes nothing
        "starter playbooks were loaded before",
        "starter playbooks were loaded before",
        "entries re-analyzed: 0 changed",
    ]
