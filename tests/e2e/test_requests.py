"""Only Slack's signed requests get in; /healthz answers; unknown paths are 404."""

from __future__ import annotations

import io
import time
from urllib.parse import urlencode

from slack_bolt import App
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.platform.web import Wsgi, make_wsgi_app
from bot.sandbox import SlackDriver, SlackSandbox
from storage.models import Member

FORM = "application/x-www-form-urlencoded"


def command_body(user_id: str, text: str = "") -> str:
    return urlencode(
        {
            "command": "/profile",
            "text": text,
            "user_id": user_id,
            "team_id": "T0CIRCLE",
            "channel_id": "D0001",
            "trigger_id": "1.2.3",
            "response_url": "http://127.0.0.1:9/none",
        }
    )


def member_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(Member))


def test_a_bad_signature_is_refused_and_changes_nothing(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    user = sandbox.add_user("mallory")
    event = {"type": "team_join", "user": user}
    import json

    body = json.dumps({"type": "event_callback", "team_id": sandbox.team_id, "event": event})
    reply = driver.post_signed(body, "application/json", signature="v0=" + "0" * 64)

    assert reply.status == 401
    assert member_count(sessions) == 0
    assert sandbox.calls == []


def test_a_request_older_than_five_minutes_is_refused(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    user = sandbox.add_user("eve")["id"]
    stale = int(time.time()) - 301
    reply = driver.post_signed(command_body(user), FORM, timestamp=stale)
    assert reply.status == 401
    assert sandbox.calls_to("views.open") == []


def test_a_correctly_signed_recent_request_is_served(
    driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    user = sandbox.add_user("ok")["id"]
    reply = driver.post_signed(command_body(user, "help"), FORM, timestamp=int(time.time()) - 60)
    assert reply.status == 200 and "/profile" in reply.text


def call_wsgi(app: App, method: str, path: str) -> tuple[str, bytes]:
    return call(make_wsgi_app(app), method, path)


def test_healthz_answers_without_slack(app: App) -> None:
    assert call_wsgi(app, "GET", "/healthz") == ("200 OK", b'{"status": "ok"}')


def test_unknown_paths_are_404(app: App) -> None:
    status, _ = call_wsgi(app, "GET", "/admin")
    assert status.startswith("404")


# --- forged and malformed traffic (issue 7, test 5) ------------------------------------


def join_body(sandbox: SlackSandbox, name: str) -> str:
    import json

    event = {"type": "team_join", "user": sandbox.add_user(name)}
    return json.dumps({"type": "event_callback", "team_id": sandbox.team_id, "event": event})


def test_a_replayed_body_with_a_new_timestamp_but_the_old_signature_is_refused(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    body = join_body(sandbox, "replayed")
    old = int(time.time()) - 400
    captured = driver.sign(body, old)  # what an eavesdropper saw six minutes ago
    reply = driver.post_signed(
        body,
        "application/json",
        timestamp=int(time.time()),
        signature=captured["x-slack-signature"],
    )
    assert reply.status == 401
    assert member_count(sessions) == 0 and sandbox.calls == []


def test_missing_signature_headers_are_refused(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    body = join_body(sandbox, "headless").encode()
    for dropped in ("x-slack-signature", "x-slack-request-timestamp"):
        headers = {"content-type": "application/json", **driver.sign(body.decode())}
        del headers[dropped]
        assert driver.transport.post(body, headers).status == 401
    assert driver.transport.post(body, {"content-type": "application/json"}).status == 401
    assert member_count(sessions) == 0 and sandbox.calls == []


def test_an_oversized_body_is_refused_unread_with_413(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    from bot.platform.web import MAX_BODY

    user = sandbox.add_user("big")["id"]
    body = command_body(user, "search " + "x" * MAX_BODY)
    reply = driver.post_signed(body, FORM)  # correctly signed, still too big
    assert reply.status == 413
    assert member_count(sessions) == 0 and sandbox.calls == []


def test_a_body_that_is_not_utf8_or_a_bad_length_is_a_400(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    headers = {"content-type": FORM, **driver.sign("x")}
    assert driver.transport.post(b"\xff\xfe\x00garbage", headers).status == 400
    environ_length = {"content-type": FORM, "content-length": "ten", **driver.sign("x")}
    assert driver.transport.post(b"x", environ_length).status == 400
    assert sandbox.calls == []


def test_every_answer_carries_a_request_id_and_keeps_a_proxys(
    driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    user = sandbox.add_user("traced")["id"]
    reply = driver.post_signed(command_body(user, "help"), FORM)
    assert len(reply.headers["x-request-id"]) == 16
    forwarded = driver.post_signed(
        command_body(user, "help"), FORM, headers={"x-request-id": "lb-1234"}
    )
    assert forwarded.headers["x-request-id"] == "lb-1234"


def test_readyz_is_ready_on_a_migrated_database(app: App, engine: Engine) -> None:
    from bot.platform.health import readiness

    wsgi = make_wsgi_app(app, readiness=lambda: readiness(engine))
    status, body = call(wsgi, "GET", "/readyz")
    assert status == "200 OK" and b'"ready"' in body


def test_readyz_is_503_when_migrations_are_behind_or_the_database_is_gone(
    app: App, engine: Engine
) -> None:
    from sqlalchemy import create_engine

    from bot.platform.health import readiness
    from storage.migrate import current_revision

    head = current_revision(engine)
    set_version = text("UPDATE alembic_version SET version_num = :v")
    with engine.begin() as conn:
        conn.execute(set_version, {"v": "0001"})
    try:
        wsgi = make_wsgi_app(app, readiness=lambda: readiness(engine))
        status, body = call(wsgi, "GET", "/readyz")
    finally:  # PostgreSQL's database is shared by the whole session
        with engine.begin() as conn:
            conn.execute(set_version, {"v": head})
    assert status.startswith("503") and b'"migrations": "0001"' in body

    gone = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    status, body = call(make_wsgi_app(app, readiness=lambda: readiness(gone)), "GET", "/readyz")
    assert status.startswith("503") and b"unreachable" in body


def call(wsgi: Wsgi, method: str, path: str) -> tuple[str, bytes]:
    seen: dict[str, str] = {}

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: object = None
    ) -> None:
        seen["status"] = status

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(b""),
        "CONTENT_LENGTH": "0",
    }
    body = b"".join(wsgi(environ, start_response))
    return seen["status"], body
