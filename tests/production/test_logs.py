"""Structured logs: with LOG_FORMAT=json every line is one JSON object with a request id,
and even at DEBUG no token, signing secret or check-in text reaches the log."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.logs import configure_logging
from bot.platform.settings import Settings
from bot.sandbox import SlackDriver, SlackSandbox
from tests.e2e.circles.steps import check_in, circle  # noqa: F401  (a fixture)

WIN = "Shipped the pricing page after nine rewrites"
CHALLENGE = "my manager shouted at me again"


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    levels = {name: logging.getLogger(name).level for name in ("slack_sdk", "slack_bolt")}
    stream = io.StringIO()
    configure_logging("DEBUG", "json", stream)
    try:
        yield stream
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def test_a_check_in_leaves_no_secret_and_no_content_in_debug_json_logs(
    json_log: io.StringIO,
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    settings: Settings,
    circle: tuple[dict[str, str], str],  # noqa: F811
) -> None:
    ids, _channel = circle
    assert (
        check_in(driver, sandbox, ids["bea"], win=WIN, challenge=CHALLENGE, mood="2").status == 200
    )
    driver.slash_command(ids["bea"], "/circle", "status")
    driver.post_signed("{}", "application/json", signature="v0=forged")
    logging.getLogger("circlebot.test").warning("token in an error: %s", settings.slack_bot_token)
    dispatcher.drain()  # the answer goes to the circle's thread through the outbox

    lines = json_log.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert len(entries) > 5
    text = json_log.getvalue()
    for secret in (settings.slack_bot_token, settings.slack_signing_secret, WIN, CHALLENGE):
        assert secret not in text
    assert "xoxb-[redacted]" in text  # masked, not dropped
    requests = [e for e in entries if e["logger"] == "circlebot.web"]
    assert len(requests) >= 4
    assert all(e["request_id"] and e["request_id"] != "-" for e in requests)
    assert len({e["request_id"] for e in requests}) == len(requests)
    assert any(e["message"].startswith("POST /slack/events 401") for e in requests)
