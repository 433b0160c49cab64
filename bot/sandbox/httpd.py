"""The HTTP face of the sandbox: parse requests, hand them over, write the answers.

Quiet by design (no request log), and able to hang up without answering so clients see the
connection errors a flaky network produces.
"""

from __future__ import annotations

import json
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from bot.sandbox.args import decode_json_fields
from bot.sandbox.webapi import Answer


class Backend(Protocol):
    """What the HTTP layer needs from the sandbox."""

    @property
    def errors(self) -> list[str]: ...

    def api_request(self, method: str, query: str, raw: bytes, headers: Any) -> Answer: ...

    def response_request(self, token: str, raw: bytes) -> tuple[int, str]: ...

    def upload_request(self, file_id: str, raw: bytes) -> tuple[int, str]: ...


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    backend: Backend

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: clients hanging up mid-answer is normal in fault tests."""


class SandboxRequestHandler(BaseHTTPRequestHandler):
    server: SandboxHTTPServer
    server_version = "SlackSandbox/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """No request logging: tests and the demo print their own story."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        backend = self.server.backend
        try:
            url = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if url.path.startswith("/api/"):
                answer = backend.api_request(url.path[len("/api/") :], url.query, raw, self.headers)
                self._send_answer(answer)
            elif url.path.startswith("/upload/"):
                status, text = backend.upload_request(url.path[len("/upload/") :], raw)
                self._send(status, text.encode(), "text/plain; charset=utf-8")
            elif url.path.startswith("/response/"):
                status, text = backend.response_request(url.path[len("/response/") :], raw)
                self._send(status, text.encode(), "text/plain; charset=utf-8")
            else:
                self._send(404, b"not_found", "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):
            # The client hung up before reading its answer (a process killed mid-request):
            # nothing to tell it, and not the sandbox's fault; Slack's servers shrug too.
            self.close_connection = True
        except Exception:
            backend.errors.append(f"{self.path}: {traceback.format_exc()}")
            self._send(500, b'{"ok": false, "error": "fatal_error"}', "application/json")

    def _send_answer(self, answer: Answer) -> None:
        if answer.drop:
            self.close_connection = True
            return
        body = json.dumps(answer.body).encode()
        self._send(answer.status, body, "application/json; charset=utf-8", answer.headers)

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def parse_args(query: str, raw: bytes, content_type: str) -> dict[str, Any] | None:
    """Query string plus JSON or form body; None if a JSON body does not parse."""
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    text = raw.decode("utf-8", errors="replace")
    if "application/json" in content_type:
        try:
            body = json.loads(text) if text.strip() else {}
        except json.JSONDecodeError:
            return None
        if not isinstance(body, dict):
            return None
        args.update(body)
    elif text:
        args.update(parse_qsl(text, keep_blank_values=True))
    return decode_json_fields(args)
