"""Only Slack's signed requests get in; /healthz answers; unknown paths are 404."""

from __future__ import annotations

import io
import time
from urllib.parse import urlencode

from sqlalchemy import func, select

from bot.web import make_wsgi_app
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


def member_count(sessions) -> int:  # type: ignore[no-untyped-def]
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(Member))


def test_a_bad_signature_is_refused_and_changes_nothing(driver, sandbox, sessions) -> None:  # type: ignore[no-untyped-def]
    user = sandbox.add_user("mallory")
    event = {"type": "team_join", "user": user}
    import json

    body = json.dumps({"type": "event_callback", "team_id": sandbox.team_id, "event": event})
    reply = driver.post_signed(body, "application/json", signature="v0=" + "0" * 64)

    assert reply.status == 401
    assert member_count(sessions) == 0
    assert sandbox.calls == []


def test_a_request_older_than_five_minutes_is_refused(driver, sandbox, sessions) -> None:  # type: ignore[no-untyped-def]
    user = sandbox.add_user("eve")["id"]
    stale = int(time.time()) - 301
    reply = driver.post_signed(command_body(user), FORM, timestamp=stale)
    assert reply.status == 401
    assert sandbox.calls_to("views.open") == []


def test_a_correctly_signed_recent_request_is_served(driver, sandbox) -> None:  # type: ignore[no-untyped-def]
    user = sandbox.add_user("ok")["id"]
    reply = driver.post_signed(command_body(user, "help"), FORM, timestamp=int(time.time()) - 60)
    assert reply.status == 200 and "/profile" in reply.text


def call_wsgi(app, method: str, path: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    wsgi = make_wsgi_app(app)
    seen: dict[str, str] = {}

    def start_response(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
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


def test_healthz_answers_without_slack(app) -> None:  # type: ignore[no-untyped-def]
    assert call_wsgi(app, "GET", "/healthz") == ("200 OK", b'{"status": "ok"}')


def test_unknown_paths_are_404(app) -> None:  # type: ignore[no-untyped-def]
    status, _ = call_wsgi(app, "GET", "/admin")
    assert status.startswith("404")
