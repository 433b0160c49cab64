"""Shared fixtures: a migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL),
a manual clock, the local Slack sandbox, and the real app driven through signed requests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from slack_bolt import App
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.platform.web import make_wsgi_app
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
from storage.models import Base

if TYPE_CHECKING:
    from bot.sandbox import SlackDriver, SlackSandbox

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("TEST_DATABASE_URL")
# A Monday morning, 09:00 UTC.
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def pytest_report_header(config: pytest.Config) -> str:
    if PG_URL:
        return f"database: PostgreSQL from TEST_DATABASE_URL ({PG_URL.split('@')[-1]})"
    return "database: SQLite (set TEST_DATABASE_URL to run the suite on PostgreSQL)"


def _reset_postgres(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in inspect(conn).get_table_names():
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database made once per session: a SQLite file to copy, or PostgreSQL."""
    if PG_URL:
        engine = make_engine(PG_URL)
        _reset_postgres(engine)
        upgrade(engine)
        engine.dispose()
        yield PG_URL
        return
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    yield str(path)


@pytest.fixture
def engine(template_db: str, tmp_path: Path) -> Iterator[Engine]:
    if PG_URL:
        engine = make_engine(PG_URL)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    else:
        path = tmp_path / "circlebot.db"
        shutil.copy(template_db, path)
        engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessions(engine)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def sandbox(clock: ManualClock) -> Iterator[SlackSandbox]:
    """The sandbox, as strict as Slack (bot/sandbox/rules.py). A test fails if Slack would
    have refused anything the app sent, even where the app recovered."""
    from bot.sandbox import SlackSandbox

    with SlackSandbox(clock=clock, scopes=manifest_scopes()) as sandbox:
        yield sandbox
    assert sandbox.errors == [], "the Slack sandbox hit an internal error"
    refused = [f"{r.where}: {r.error} {r.messages}" for r in sandbox.refusals]
    assert refused == [], "Slack would refuse these Block Kit payloads"
    # The copy test: every text anyone saw follows the voice guide's checkable rules.
    from bot.sandbox.copy_check import copy_problems

    problems = "\n".join(map(str, copy_problems(sandbox)))
    assert not problems, f"these texts break docs/voice.md:\n{problems}"


@pytest.fixture
def settings(sandbox: SlackSandbox, engine: Engine) -> Settings:
    return Settings(
        _env_file=None,
        slack_bot_token=sandbox.bot_token,
        slack_signing_secret=sandbox.signing_secret,
        slack_api_url=sandbox.api_url,
        database_url=engine.url.render_as_string(hide_password=False),
        circlebot_timezone="Europe/Berlin",
    )


@pytest.fixture
def read_engine(engine: Engine) -> Iterator[Engine]:
    """The autocommit engine behind Services.reader, closed with the test."""
    reader = make_engine(engine.url, autocommit=True)
    yield reader
    reader.dispose()


@pytest.fixture
def services(
    settings: Settings, sessions: sessionmaker[Session], clock: ManualClock, read_engine: Engine
) -> Services:
    return Services(settings=settings, sessions=sessions, clock=clock, read_engine=read_engine)


@pytest.fixture
def app(services: Services) -> App:
    return build_app(services)


@pytest.fixture
def driver(sandbox: SlackSandbox, app: App) -> SlackDriver:
    from bot.sandbox import SlackDriver, WsgiTransport

    return SlackDriver(sandbox, WsgiTransport(make_wsgi_app(app)))


@pytest.fixture
def dispatcher(services: Services, app: App) -> OutboxDispatcher:
    return OutboxDispatcher(
        sessions=services.sessions, client=app.client, clock=services.clock, worker="test"
    )


def manifest_scopes() -> list[str]:
    import yaml

    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    return list(manifest["oauth_config"]["scopes"]["bot"])


postgres_only = pytest.mark.skipif(
    not PG_URL, reason="needs PostgreSQL: set TEST_DATABASE_URL (CI runs this on PostgreSQL)"
)
