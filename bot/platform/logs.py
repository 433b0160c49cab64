"""Logging for a running bot: plain text or one JSON object per line, with request ids.

Two rules hold whatever the level: no Slack token ever reaches a log line (a filter masks
anything shaped like one), and no message content does either. Content is kept out by
never logging it in our code and by holding slack_sdk and Bolt at INFO even when
``LOG_LEVEL=DEBUG``: at DEBUG they log whole request bodies (check-in answers included).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id: ContextVar[str | None] = ContextVar("circlebot_request_id", default=None)

TOKEN = re.compile(r"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Libraries that log request and response bodies at DEBUG.
CHATTY = ("slack_sdk", "slack_bolt", "urllib3", "apscheduler")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


def new_request_id(incoming: str | None = None) -> str:
    """A proxy's X-Request-Id when it looks like one, else a fresh id."""
    if incoming and REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex[:16]


@contextmanager
def request_scope(rid: str | None = None) -> Iterator[str]:
    """Everything logged inside carries this request id (kept if one is already set)."""
    current = request_id.get()
    if current and rid is None:
        yield current
        return
    scoped = rid or new_request_id()
    token = request_id.set(scoped)
    try:
        yield scoped
    finally:
        request_id.reset(token)


def mask_tokens(text: str) -> str:
    return TOKEN.sub(lambda m: m.group(0)[:5] + "[redacted]", text)


class ContextFilter(logging.Filter):
    """Adds ``request_id`` to every record and masks tokens in the rendered message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get() or "-"
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        if record.exc_info:
            entry["exc"] = mask_tokens(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get() or "-"
        return mask_tokens(super().format(record))


def make_handler(log_format: str, stream: Any = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(ContextFilter())
    return handler


def configure_logging(level: str, log_format: str = "text", stream: Any = None) -> None:
    """Root logging for a bot process; replaces handlers set earlier (idempotent)."""
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(make_handler(log_format, stream))
    root.setLevel(level)
    for name in CHATTY:
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))


def gunicorn_logconfig(level: str, log_format: str) -> dict[str, Any]:
    """gunicorn's own lines in the same shape as ours (dictConfig for ``logconfig_dict``)."""
    formatter = (
        {"()": "bot.platform.logs.JsonFormatter"}
        if log_format == "json"
        else {"()": "bot.platform.logs.TextFormatter"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"circlebot": formatter},
        "filters": {"context": {"()": "bot.platform.logs.ContextFilter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "circlebot",
                "filters": ["context"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            **{name: {"level": max(logging.INFO, logging.getLevelName(level))} for name in CHATTY},
        },
    }
