"""The sandbox's HTTP face: what happens on the wire, below any client library."""

from __future__ import annotations

import socket
import struct
import threading
from typing import Any

import pytest

from bot.sandbox import SlackSandbox
from bot.sandbox.httpd import SandboxRequestHandler
from bot.sandbox.webapi import Answer


def test_a_client_that_hangs_up_before_its_answer_is_no_sandbox_error(
    sandbox: SlackSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process killed mid-request never reads its answer; Slack shrugs, and so does the
    sandbox: the call is recorded, the failed write is not an internal error."""
    asked, hung_up, served = threading.Event(), threading.Event(), threading.Event()
    answer = sandbox.api_request

    def answer_after_the_hang_up(method: str, query: str, raw: bytes, headers: Any) -> Answer:
        asked.set()
        hung_up.wait(timeout=5)
        return answer(method, query, raw, headers)

    def finish(handler: SandboxRequestHandler) -> None:
        try:
            original_finish(handler)
        finally:
            served.set()

    original_finish = SandboxRequestHandler.finish
    monkeypatch.setattr(sandbox, "api_request", answer_after_the_hang_up)
    monkeypatch.setattr(SandboxRequestHandler, "finish", finish)
    host, port = sandbox.base_url.removeprefix("http://").split(":")

    with socket.create_connection((host, int(port)), timeout=5) as killed:
        killed.sendall(
            b"POST /api/auth.test HTTP/1.1\r\nHost: slack\r\n"
            + f"Authorization: Bearer {sandbox.bot_token}\r\n".encode()
            + b"Content-Length: 0\r\n\r\n"
        )
        assert asked.wait(timeout=5)
        # Close with a reset, as the kernel does for a killed process with unread data.
        killed.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    hung_up.set()

    assert served.wait(timeout=5)
    assert [call.ok for call in sandbox.calls_to("auth.test")] == [True]
    assert sandbox.errors == []
