"""A pooled PostgreSQL connection the server dropped never reaches a member: an idle one is
pinged and replaced before use (storage/db.py), and a read command whose connection died
while in steady use runs once more (Services.read)."""

from __future__ import annotations

from sqlalchemy import Engine, NullPool, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.demo.community import add_members
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.platform.web import make_wsgi_app
from bot.sandbox import SlackDriver, SlackSandbox, WsgiTransport
from storage.db import make_engine
from tests.conftest import postgres_only


def drop_pooled_connections(engine: Engine) -> int:
    """What a server restart or an idle timeout does: end every backend the pool holds."""
    held = [engine.connect() for _ in range(engine.pool.checkedin())]  # type: ignore[attr-defined]
    pids = [conn.execute(text("SELECT pg_backend_pid()")).scalar_one() for conn in held]
    for conn in held:
        conn.close()
    killer = create_engine(engine.url, poolclass=NullPool)
    with killer.connect() as conn:
        for pid in pids:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()
    return len(pids)


@postgres_only
def test_an_idle_connection_that_was_dropped_is_replaced_before_use(engine: Engine) -> None:
    pinging = make_engine(engine.url.render_as_string(hide_password=False), ping_idle_after=0)
    with pinging.connect() as conn:
        before = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    assert drop_pooled_connections(pinging) == 1
    with pinging.connect() as conn:
        after = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    assert after != before
    pinging.dispose()


@postgres_only
def test_read_commands_answer_after_the_database_dropped_their_connection(
    engine: Engine,
    sandbox: SlackSandbox,
    settings: Settings,
    sessions: sessionmaker[Session],
    clock: ManualClock,
) -> None:
    a, _b = add_members(sandbox, sessions, clock, 2)
    never_pinging = make_engine(engine.url, ping_idle_after=3600, autocommit=True)
    services = Services(
        settings=settings, sessions=sessions, clock=clock, read_engine=never_pinging
    )
    driver = SlackDriver(sandbox, WsgiTransport(make_wsgi_app(build_app(services))))
    assert driver.slash_command(a, "/pairing", "history").text.startswith("No intros yet")
    assert drop_pooled_connections(never_pinging) >= 1
    assert driver.slash_command(a, "/pairing", "history").text.startswith("No intros yet")
    drop_pooled_connections(never_pinging)
    status = driver.slash_command(a, "/circle", "status").text
    assert status.startswith("You're not in a circle yet")
    never_pinging.dispose()
