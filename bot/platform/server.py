"""Serving the bot for real: gunicorn (HTTP mode) or a Socket Mode connection."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App

from bot.platform.socket_mode import ADAPTER, socket_mode_handler

log = logging.getLogger(__name__)


class GunicornServer(BaseApplication):
    """gunicorn with gthread workers, configured from code.

    The WSGI app is built inside each worker (after fork), so every worker has its own
    database pool and HTTP clients. ``on_ready`` runs once in the master, which is where
    the scheduler lives when this process runs it.
    """

    def __init__(
        self,
        build_wsgi: Callable[[], Any],
        *,
        port: int,
        workers: int,
        threads: int = 8,
        on_ready: Callable[[], None] | None = None,
        on_exit: Callable[[], None] | None = None,
        after_fork: Callable[[], None] | None = None,
        logconfig: dict[str, Any] | None = None,
    ) -> None:
        self.build_wsgi = build_wsgi
        self.options: dict[str, Any] = {
            "bind": f"0.0.0.0:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": 30,
            "graceful_timeout": 20,
            "accesslog": None,
            "errorlog": "-",
        }
        if logconfig:
            self.options["logconfig_dict"] = logconfig
        if on_ready:
            self.options["when_ready"] = lambda _server: on_ready()
        if on_exit:
            self.options["on_exit"] = lambda _server: on_exit()
        if after_fork:
            self.options["post_fork"] = lambda _server, _worker: after_fork()
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.build_wsgi()


def run_socket_mode(app: App, app_token: str) -> None:
    """Connect over Socket Mode and serve until SIGTERM or SIGINT, then close cleanly."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    handler = socket_mode_handler(app, app_token)
    handler.connect()
    log.info("connected over Socket Mode (%s adapter)", ADAPTER)
    try:
        stop.wait()
    finally:
        handler.close()
