"""The Web API request pipeline, in Slack's order: fault, auth, rate limit, scope, arguments.

Independent of HTTP so the order of checks reads in one place; ``server.py`` only parses
requests and writes answers.
"""

from __future__ import annotations

import copy
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.api.apps import METHODS as APP_LEVEL_METHODS
from bot.sandbox.api.apps import AppLevel, token_error
from bot.sandbox.api.chat import METHODS as CHAT_METHODS
from bot.sandbox.api.conversations import METHODS as CONVERSATIONS_METHODS
from bot.sandbox.api.files import METHODS as FILES_METHODS
from bot.sandbox.api.history import METHODS as READ_METHODS
from bot.sandbox.api.users import METHODS as USERS_METHODS
from bot.sandbox.api.views import METHODS as VIEWS_METHODS
from bot.sandbox.faults import FaultQueue
from bot.sandbox.ratelimit import RateLimiter
from bot.sandbox.records import ApiCall, ApiError
from bot.sandbox.rules import HISTORY_METHODS, HISTORY_PER_MINUTE
from bot.sandbox.scopes import acceptable_scopes
from bot.sandbox.workspace import Workspace

Method = Callable[[Workspace, dict[str, Any], ApiCall], dict[str, Any]]

METHODS: dict[str, Method] = {
    **USERS_METHODS,
    **CONVERSATIONS_METHODS,
    **READ_METHODS,
    **CHAT_METHODS,
    **VIEWS_METHODS,
    **FILES_METHODS,
}


@dataclass
class Answer:
    """What to send back; ``drop`` means close the socket without answering."""

    status: int
    body: dict[str, Any] | None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


class WebApi:
    """Runs one Web API request against the workspace under the sandbox lock."""

    def __init__(self, ws: Workspace, bot_token: str, lock: threading.RLock) -> None:
        self.ws = ws
        self.bot_token = bot_token
        self.lock = lock
        self.limiter = RateLimiter()
        self.faults = FaultQueue()
        self.calls: list[ApiCall] = []
        self.errors: list[str] = []
        self.app_level: AppLevel | None = None  # the app-level token and Socket Mode
        if ws.rules.history_limits:  # Slack's 2025-05-29 limits (bot/sandbox/rules.py)
            for limited in HISTORY_METHODS:
                self.limiter.set_limit(limited, HISTORY_PER_MINUTE)

    def handle(self, method: str, args: dict[str, Any], authorization: str | None) -> Answer:
        with self.lock:
            token = args.pop("token", None)
            now = self.ws.now()
            call = ApiCall(method=method, args=args, at=now)
            self.calls.append(call)
            call.early_retry = self.limiter.is_early(method, now)
            answer = self._answer(call, token, authorization)
            call.status = 0 if answer.drop else answer.status
            body = answer.body or {}
            call.ok = bool(body.get("ok"))
            call.error = "connection_dropped" if answer.drop else body.get("error")
            call.response = copy.deepcopy(answer.body)
            return answer

    def _answer(self, call: ApiCall, token: str | None, authorization: str | None) -> Answer:
        method, now = call.method, call.at
        if method not in METHODS and method not in APP_LEVEL_METHODS:
            return Answer(404, {"ok": False, "error": "unknown_method"})
        fault = self.faults.take(method)
        if fault is not None:
            call.notes.append(f"injected fault: {fault.error}")
            if fault.drop_connection:
                return Answer(0, None, drop=True)
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
                self.limiter.note_retry_after(method, now, fault.retry_after)
            return Answer(fault.status, {"ok": False, "error": fault.error}, headers)
        if method in APP_LEVEL_METHODS:
            return self._app_level(call, token, authorization)
        if authorization and authorization.lower().startswith("bearer "):
            token = authorization[len("bearer ") :].strip()
        if self.app_level and token == self.app_level.app_token:
            return Answer(200, {"ok": False, "error": "not_allowed_token_type"})
        if not token:
            return Answer(200, {"ok": False, "error": "not_authed"})
        if token != self.bot_token:
            return Answer(200, {"ok": False, "error": "invalid_auth"})
        call.token_ok = True
        answer = self._as_bot(call)
        # Slack names the token's scopes on every answer to an authenticated call:
        # https://docs.slack.dev/authentication/tokens (the X-OAuth-Scopes header)
        answer.headers["X-OAuth-Scopes"] = ",".join(self.granted)
        return answer

    @property
    def granted(self) -> tuple[str, ...]:
        """The bot token's scopes: those given, or (when the sandbox checks none) everything
        the app's manifest asks for, required and optional."""
        if self.ws.scopes is not None:
            return self.ws.scopes
        manifest = self.ws.rules.manifest
        return (*manifest.bot_scopes, *manifest.bot_optional_scopes)

    def _as_bot(self, call: ApiCall) -> Answer:
        """A call the bot token made: the rate limit, then the scope, then the method."""
        method, now = call.method, call.at
        wait = self.limiter.acquire(method, now)
        if wait is not None:
            self.limiter.note_retry_after(method, now, wait)
            return Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)})
        try:
            missing = self._missing_scope(method, call.args)
            if missing:
                return Answer(200, missing)
            return Answer(200, METHODS[method](self.ws, call.args, call))
        except ApiError as error:
            return Answer(error.status, error.body())
        except Exception:
            self.errors.append(f"{method}: {traceback.format_exc()}")
            return Answer(500, {"ok": False, "error": "fatal_error"})

    def _app_level(
        self, call: ApiCall, body_token: str | None, authorization: str | None
    ) -> Answer:
        """apps.* methods: the app-level token in the header, then the usual rate limit."""
        if self.app_level is None:
            return Answer(200, {"ok": False, "error": "invalid_auth"})
        header = None
        if authorization and authorization.lower().startswith("bearer "):
            header = authorization[len("bearer ") :].strip()
        error = token_error(self.app_level.app_token, header, body_token)
        if error is not None:
            return Answer(200, {"ok": False, "error": error})
        call.token_ok = True
        wait = self.limiter.acquire(call.method, call.at)
        if wait is not None:
            self.limiter.note_retry_after(call.method, call.at, wait)
            return Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)})
        return Answer(200, APP_LEVEL_METHODS[call.method](self.app_level, call.args, call))

    def _missing_scope(self, method: str, args: dict[str, Any]) -> dict[str, Any] | None:
        granted = self.ws.scopes
        if granted is None:
            return None
        acceptable = acceptable_scopes(method, args, self.ws)
        if not acceptable or set(granted).intersection(acceptable):
            return None
        return {
            "ok": False,
            "error": "missing_scope",
            "needed": acceptable[0],
            "provided": ",".join(granted),
        }
