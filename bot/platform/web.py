"""The WSGI application served in HTTP mode: Slack's endpoint plus health checks.

In front of Bolt it refuses what Slack never sends before any of it is parsed: a body over
``MAX_BODY`` (413), a malformed length or a body that is not UTF-8 (400). Every request
gets a request id (a proxy's ``X-Request-Id`` if it sent one), which each log line of the
request carries and the answer repeats, and one access line: method, path, status, time.
Bolt itself checks the signature and its 5-minute window (401).
"""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.platform.logs import new_request_id, request_scope

EVENTS_PATH = "/slack/events"
# Slack's largest payloads (a submitted modal with 100 blocks of input) stay well below
# this; anything bigger is not from Slack and is not read.
MAX_BODY = 1024 * 1024

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Readiness = Callable[[], tuple[bool, dict[str, Any]]]

log = logging.getLogger("circlebot.web")


def _json(
    start_response: Callable[..., Any], status: str, data: dict[str, Any], rid: str
) -> list[bytes]:
    body = json.dumps(data).encode()
    start_response(
        status,
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("X-Request-Id", rid),
        ],
    )
    return [body]


def make_wsgi_app(app: App, *, readiness: Readiness | None = None) -> Wsgi:
    """``readiness`` answers ``GET /readyz``; without it the endpoint is the same as
    ``/healthz`` (a process with nothing to check is ready when it is up)."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def route(
        environ: dict[str, Any], start_response: Callable[..., Any], rid: str
    ) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if method == "GET" and path == "/healthz":
            return _json(start_response, "200 OK", {"status": "ok"}, rid)
        if method == "GET" and path == "/readyz":
            ready, detail = readiness() if readiness else (True, {"status": "ready"})
            status = "200 OK" if ready else "503 Service Unavailable"
            return _json(start_response, status, detail, rid)
        if method == "POST":
            refused = _refuse_body(environ)
            if refused:
                code, reason = refused
                return _json(start_response, code, {"error": reason}, rid)

        def with_id(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, [*headers, ("X-Request-Id", rid)], exc_info)

        return slack(environ, with_id)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        rid = new_request_id(environ.get("HTTP_X_REQUEST_ID"))
        started = time.perf_counter()
        seen: dict[str, str] = {}

        def recording(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"] = status.split(" ", 1)[0]
            return start_response(status, headers, exc_info)

        with request_scope(rid):
            body = list(route(environ, recording, rid))
            log.info(
                "%s %s %s %.1fms",
                environ.get("REQUEST_METHOD"),
                environ.get("PATH_INFO"),
                seen.get("status", "-"),
                (time.perf_counter() - started) * 1000,
            )
        return body

    return wsgi


def _refuse_body(environ: dict[str, Any]) -> tuple[str, str] | None:
    """Read the body once, within the limit, and hand Bolt a copy; or say why not."""
    raw_length = environ.get("CONTENT_LENGTH") or "0"
    try:
        length = int(raw_length)
    except ValueError:
        return "400 Bad Request", "bad content length"
    if length < 0:
        return "400 Bad Request", "bad content length"
    if length > MAX_BODY:
        return "413 Payload Too Large", "request body too large"
    stream = environ.get("wsgi.input")
    body = stream.read(length) if stream is not None and length else b""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "400 Bad Request", "request body is not UTF-8"
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return None
