"""How the driver reaches the app: in-process through WSGI, or over real HTTP.

Both take the exact bytes and headers Slack would send and give back the app's answer.
"""

from __future__ import annotations

import io
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class Reply:
    """The app's HTTP answer; header names are lower-cased."""

    status: int
    body: str
    headers: dict[str, str]

    @property
    def json(self) -> Any:
        """The body parsed as JSON, or None if it is not JSON (Bolt acks plain text as text)."""
        if not self.body.strip().startswith(("{", "[")):
            return None
        try:
            return json.loads(self.body)
        except json.JSONDecodeError:
            return None

    @property
    def text(self) -> str:
        """The ack text: ``text`` from a JSON body, else the body itself."""
        parsed = self.json
        if isinstance(parsed, dict) and isinstance(parsed.get("text"), str):
            return parsed["text"]
        return self.body


class WsgiTransport:
    """Calls a WSGI application in this thread with a PEP 3333 environ."""

    def __init__(self, wsgi_app: WsgiApp, path: str = "/slack/events") -> None:
        self.wsgi_app = wsgi_app
        self.path = path

    def post(self, body: bytes, headers: dict[str, str]) -> Reply:
        environ: dict[str, Any] = {
            "REQUEST_METHOD": "POST",
            "SCRIPT_NAME": "",
            "PATH_INFO": self.path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        for name, value in headers.items():
            key = name.upper().replace("-", "_")
            if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                environ[key] = value
            else:
                environ[f"HTTP_{key}"] = value
        started: dict[str, Any] = {}
        written: list[bytes] = []

        def start_response(status: str, response_headers: list[tuple[str, str]], exc_info=None):
            if exc_info is not None and started:
                raise exc_info[1].with_traceback(exc_info[2])
            started["status"] = int(status.split(" ", 1)[0])
            started["headers"] = {k.lower(): v for k, v in response_headers}
            return written.append

        result = self.wsgi_app(environ, start_response)
        try:
            for chunk in result:
                written.append(chunk)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if not started:
            raise RuntimeError("the WSGI app returned without calling start_response")
        body_text = b"".join(written).decode("utf-8", errors="replace")
        return Reply(started["status"], body_text, started["headers"])


class HttpTransport:
    """POSTs over real HTTP, e.g. to ``http://127.0.0.1:3000/slack/events``."""

    def __init__(self, url: str, timeout: float = 10) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"not an http(s) URL: {url}")
        self.url = url
        self.timeout = timeout

    def post(self, body: bytes, headers: dict[str, str]) -> Reply:
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, raw, got = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, got = error.code, error.read(), error.headers
        text = raw.decode("utf-8", errors="replace")
        return Reply(status, text, {k.lower(): v for k, v in got.items()})
