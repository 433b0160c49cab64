"""Serving the bot for real: gunicorn (HTTP mode) or a Socket Mode connection."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

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
