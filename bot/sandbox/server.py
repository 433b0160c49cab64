"""``SlackSandbox``: a local Slack on 127.0.0.1 that the real app and real ``WebClient`` talk to.

It serves the Web API under ``/api/`` and response URLs under ``/response/``, keeps the
workspace, and records who saw what. Point ``WebClient(base_url=sandbox.api_url)`` at it.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from bot.platform.clock import Clock, SystemClock
from bot.sandbox.api.apps import AppLevel
from bot.sandbox.api.views import shown_view
from bot.sandbox.httpd import SandboxHTTPServer, SandboxRequestHandler, parse_args
from bot.sandbox.inspection import SandboxInspection
from bot.sandbox.manifest import AppManifest
from bot.sandbox.records import ApiCall
from bot.sandbox.response_urls import ResponseUrls
from bot.sandbox.rules import SandboxRules
from bot.sandbox.socket_mode import SocketModeServer
from bot.sandbox.webapi import Answer, WebApi
from bot.sandbox.workspace import Workspace

ACK = "view_submission ack"


class SlackSandbox(SandboxInspection):
    """A Slack workspace and Web API on loopback, with fault injection and records (read
    back through ``SandboxInspection``)."""

    def __init__(
        self,
        *,
        bot_token: str = "xoxb-sandbox-token",
        signing_secret: str = "sandbox-signing-secret",
        team_id: str = "T0CIRCLE",
        team_name: str = "Product Circle",
        scopes: Iterable[str] | None = None,
        clock: Clock | None = None,
        app_token: str = "xapp-1-A0CIRCLE-1-sandbox",
        strict: bool = True,
        manifest: AppManifest | str | Path | None = None,
        history_limits: bool = False,
    ) -> None:
        """``strict``: Slack's rules a lenient sandbox hides (bot/sandbox/rules.py), with the
        repository's manifest.yml unless ``manifest`` is given; ``history_limits``: Slack's
        conversations.history limits for commercially distributed non-Marketplace apps."""
        self.rules = SandboxRules(strict=strict, manifest=manifest, history_limits=history_limits)
        self.bot_token = bot_token
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.team_name = team_name
        self.clock: Clock = clock or SystemClock()
        self._lock = threading.RLock()
        self._ws = Workspace(
            team_id=team_id,
            team_name=team_name,
            clock=self.clock,
            scopes=None if scopes is None else tuple(scopes),
            rules=self.rules,
        )
        self._api = WebApi(self._ws, bot_token, self._lock)
        # Socket Mode: started on the first apps.connections.open (see bot.sandbox.socket_mode).
        self.socket_mode = SocketModeServer(app_id=self._ws.app_id)
        self._api.app_level = AppLevel(app_token, self.socket_mode)
        self._responses = ResponseUrls(self._ws)
        self._server: SandboxHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ---------------------------------------------------------------------------

    def start(self) -> SlackSandbox:
        if self._server is not None:
            return self
        server = SandboxHTTPServer(("127.0.0.1", 0), SandboxRequestHandler)
        server.backend = self
        self._server = server
        self._ws.base_url = self.base_url
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="slack-sandbox", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.socket_mode.stop()
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> SlackSandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sandbox is not started; call start() first")
        host, port = self._server.server_address[:2]
        if not isinstance(host, str):  # typeshed allows bytes; an AF_INET socket gives a str
            host = host.decode()
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """With the trailing slash ``WebClient`` needs to urljoin method names."""
        return f"{self.base_url}/api/"

    @property
    def bot_user_id(self) -> str:
        return self._ws.bot_user_id

    @property
    def bot_id(self) -> str:
        return self._ws.bot_id

    @property
    def app_id(self) -> str:
        return self._ws.app_id

    @property
    def team_domain(self) -> str:
        return self._ws.domain

    # HTTP entry points (called from server threads) --------------------------------------

    @property
    def errors(self) -> list[str]:
        """Tracebacks of sandbox bugs (answered as HTTP 500 ``fatal_error``)."""
        return self._api.errors

    def api_request(self, method: str, query: str, raw: bytes, headers: Any) -> Answer:
        args = parse_args(query, raw, headers.get("Content-Type") or "")
        if args is None:
            with self._lock:
                call = ApiCall(method=method, args={}, at=self.clock.now(), error="invalid_json")
                self._api.calls.append(call)
            return Answer(200, {"ok": False, "error": "invalid_json"})
        return self._api.handle(method, args, headers.get("Authorization"))

    def upload_request(self, file_id: str, raw: bytes) -> tuple[int, str]:
        """The bytes of a file, POSTed to the URL files.getUploadURLExternal handed out."""
        with self._lock:
            upload = self._ws.uploads.get(file_id)
            if upload is None:
                return 404, "not_found"
            upload["content"] = raw
            return 200, f"OK - {len(raw)}"

    def response_request(self, token: str, raw: bytes) -> tuple[int, str]:
        text = raw.decode("utf-8", errors="replace")
        try:
            payload = json.loads(text)
        except json.JSONDecodeError:
            form = dict(parse_qsl(text))
            payload = json.loads(form["payload"]) if "payload" in form else None
        with self._lock:
            return self._responses.post(token, payload)

    # workspace setup ---------------------------------------------------------------------

    def add_user(
        self,
        name: str,
        *,
        user_id: str | None = None,
        real_name: str | None = None,
        tz: str = "America/New_York",
        title: str = "",
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
        is_restricted: bool = False,
        is_ultra_restricted: bool = False,
        email: str | None = None,
    ) -> dict[str, Any]:
        """Add a person (or bot) and return them in Slack's user object shape."""
        with self._lock:
            return self._ws.add_user(
                name,
                user_id=user_id,
                real_name=real_name,
                tz=tz,
                title=title,
                is_admin=is_admin,
                is_owner=is_owner,
                is_bot=is_bot,
                deleted=deleted,
                is_restricted=is_restricted,
                is_ultra_restricted=is_ultra_restricted,
                email=email,
            )

    def update_user(self, user_id: str, **changes: Any) -> dict[str, Any]:
        """Change a person (``deleted=True``, ``tz=...``); send ``driver.user_change`` yourself."""
        with self._lock:
            return self._ws.update_user(user_id, **changes)

    def add_channel(
        self,
        name: str,
        *,
        is_private: bool = False,
        members: Iterable[str] = (),
        bot_member: bool = True,
    ) -> str:
        """Create a channel with these members (plus the bot unless ``bot_member=False``)."""
        with self._lock:
            for member in members:
                if not self._ws.has_user(member):
                    raise KeyError(member)
            people = [*members, self.bot_user_id] if bot_member else list(members)
            kind = "private" if is_private else "public"
            return self._ws.add_conversation(kind, name, people, creator=self.bot_user_id).id

    def open_dm(self, *user_ids: str) -> str:
        """The bot's DM or group DM with these people, opened if needed (as Slack would)."""
        with self._lock:
            for user_id in user_ids:
                if not self._ws.has_user(user_id):
                    raise KeyError(user_id)
            return self._ws.open_dm(list(user_ids))[0].id

    def post_user_message(
        self, user_id: str, channel_id: str, text: str, *, thread_ts: str | None = None
    ) -> dict[str, Any]:
        """A person writes in a conversation, or in a thread of it (so tests can have
        messages the bot didn't post)."""
        with self._lock:
            conv = self._ws.conversation(channel_id)
            message = self._ws.post_message(conv, text=text, user=user_id, thread_ts=thread_ts)
            return copy.deepcopy(message)

    # fault injection ---------------------------------------------------------------------

    def set_rate_limit(self, method: str, per_minute: int) -> None:
        with self._lock:
            self._api.limiter.set_limit(method, per_minute)

    def clear_rate_limit(self, method: str) -> None:
        with self._lock:
            self._api.limiter.clear_limit(method)

    def fail_next(
        self,
        method: str,
        error: str | None = None,
        *,
        status: int = 200,
        times: int = 1,
        retry_after: int | None = None,
        drop_connection: bool = False,
    ) -> None:
        """Queue failures for the next calls to ``method`` (before auth, like an outage).

        ``error`` defaults to ``ratelimited`` for status 429 (which also gets ``Retry-After``,
        1 s unless given) and ``internal_error`` otherwise.
        """
        with self._lock:
            self._api.faults.add(
                method,
                error,
                status=status,
                times=times,
                retry_after=retry_after,
                drop_connection=drop_connection,
            )

    def issue_trigger_id(self, user_id: str) -> str:
        """A fresh trigger id for this person, valid once for 3 s on the sandbox clock."""
        with self._lock:
            return self._ws.views.issue_trigger(user_id)

    # records (read them back through SandboxInspection) ----------------------------------

    def record_seen(
        self,
        user_id: str,
        kind: str,
        *,
        text: str = "",
        blocks: list[dict[str, Any]] | None = None,
        channel: str | None = None,
    ) -> None:
        with self._lock:
            self._ws.record_seen(user_id, kind, text=text, blocks=blocks, channel=channel)

    def response_url(self, user_id: str, channel_id: str, message_ts: str | None = None) -> str:
        """A response URL for this person in this conversation (5 posts within 30 minutes)."""
        with self._lock:
            token = self._responses.issue(user_id, channel_id, message_ts)
        return f"{self.base_url}/response/{token}"

    def reset_records(self) -> None:
        """Forget calls, sightings and responses; keep the workspace and its messages."""
        with self._lock:
            self._api.calls.clear()
            self._api.errors.clear()
            self._ws.seen.clear()
            self._responses.posts.clear()

    # surfaces the driver changes after the app answers -----------------------------------

    def deliver_response(
        self, user_id: str, channel_id: str, payload: dict[str, Any], command: str = "/command"
    ) -> str:
        """Show an immediate command reply (the ack body) like a response_url post."""
        with self._lock:
            return self._responses.ack(user_id, channel_id, payload, command)

    def slash_text(self, user_id: str, command: str, typed: str) -> str:
        """The ``text`` Slack sends when this person types ``command typed`` (strict mode)."""
        with self._lock:
            return self.rules.command_text(self._ws, user_id, command, typed)

    def close_modal(self, view_id: str, *, clear: bool = False) -> None:
        with self._lock:
            store = self._ws.views
            if clear:
                store.clear(store.owner[view_id])
            else:
                store.close(view_id)

    def replace_modal(self, view_id: str, view: dict[str, Any]) -> dict[str, Any]:
        """``response_action: update``: same view id, new content, checked like views.update."""
        with self._lock:
            store = self._ws.views
            current = store.find(view_id)
            shown = shown_view(self._ws, view, "modal", ACK)
            return copy.deepcopy(store.update(current, shown, None))

    def push_modal(self, user_id: str, view: dict[str, Any]) -> dict[str, Any]:
        """``response_action: push``."""
        with self._lock:
            shown = shown_view(self._ws, view, "modal", ACK)
            return copy.deepcopy(self._ws.views.push(user_id, shown))
