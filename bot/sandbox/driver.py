"""``SlackDriver``: plays Slack's side of the conversation with the app.

It builds the payloads Slack sends (slash commands, button clicks, modal submissions, events),
signs them with the signing secret, delivers them through a transport, and then does what
Slack would do with the answer: show the ack text, close or update the modal.

Tests pass what a person types or does; with a strict sandbox the driver sends what Slack would
send for this app's manifest (escaped command text) and raises ``NotSentBySlack`` for what Slack
would never send it (an undeclared command, an event it does not subscribe to).
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.sandbox.server import SlackSandbox
from bot.sandbox.transports import Reply
from bot.sandbox.view_state import build_state

FORM = "application/x-www-form-urlencoded"
VERIFICATION_TOKEN = "sandbox-verification-token"  # Slack's deprecated ``token`` field


class Transport(Protocol):
    def post(self, body: bytes, headers: dict[str, str]) -> Reply: ...


def _find_action(
    blocks: list[dict[str, Any]], action_id: str, block_id: str | None
) -> tuple[dict[str, Any], str] | None:
    """The interactive element with this action_id and the block_id of its block."""
    for block in blocks:
        if block_id is not None and block.get("block_id") != block_id:
            continue
        elements = list(block.get("elements") or [])
        elements += [block[k] for k in ("accessory", "element") if isinstance(block.get(k), dict)]
        for element in elements:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element, block.get("block_id", "")
    return None


class SlackDriver:
    """Sends signed Slack requests to the app and applies its answers to the sandbox."""

    def __init__(
        self,
        sandbox: SlackSandbox,
        transport: Transport,
        *,
        signing_secret: str | None = None,
        timestamp: Callable[[], float] = time.time,
    ) -> None:
        self.sandbox = sandbox
        self.transport = transport
        self.signing_secret = signing_secret or sandbox.signing_secret
        self.timestamp = timestamp
        self._verifier = SignatureVerifier(self.signing_secret)
        self._event_ids = itertools.count(1)

    # signing and posting -----------------------------------------------------------------

    def sign(self, body: str, timestamp: int | None = None) -> dict[str, str]:
        ts = str(int(self.timestamp()) if timestamp is None else timestamp)
        signature = self._verifier.generate_signature(timestamp=ts, body=body)
        assert signature is not None  # slack_sdk returns None only for a missing timestamp
        return {"x-slack-request-timestamp": ts, "x-slack-signature": signature}

    def post_signed(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """Post a body as Slack would; override timestamp/signature to forge traffic."""
        signed = self.sign(body, timestamp)
        if signature is not None:
            signed["x-slack-signature"] = signature
        sent = {"content-type": content_type, **signed, **(headers or {})}
        return self.transport.post(body.encode("utf-8"), sent)

    def _post_payload(self, payload: dict[str, Any]) -> Reply:
        return self.post_signed(urlencode({"payload": json.dumps(payload)}), FORM)

    # who and where -----------------------------------------------------------------------

    def _user(self, user_id: str) -> dict[str, Any]:
        name = self.sandbox.user(user_id)["name"]
        return {"id": user_id, "username": name, "name": name, "team_id": self.sandbox.team_id}

    def _team(self) -> dict[str, Any]:
        return {"id": self.sandbox.team_id, "domain": self.sandbox.team_domain}

    def _interaction(self, kind: str, user_id: str) -> dict[str, Any]:
        return {
            "type": kind,
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.sandbox.app_id,
            "token": VERIFICATION_TOKEN,
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def _now_ts(self) -> str:
        return f"{self.sandbox.clock.now().timestamp():.6f}"

    def _check_interactivity(self) -> None:
        if self.sandbox.rules.strict:
            self.sandbox.rules.manifest.check_interactivity()

    # slash commands ----------------------------------------------------------------------

    def slash_command(
        self, user_id: str, command: str, text: str = "", *, channel_id: str | None = None
    ) -> Reply:
        """Run ``/command text`` as this person types it; by default from their DM with the bot.

        A strict sandbox escapes the text as Slack would for this command in manifest.yml.
        A non-empty 200 answer is what the person sees at once (ephemeral unless the app
        says ``response_type: in_channel``), recorded in ``sandbox.seen_by``.
        """
        sandbox = self.sandbox
        sent_text = sandbox.slash_text(user_id, command, text)
        channel_id = channel_id or sandbox.open_dm(user_id)
        conversation = sandbox.conversation(channel_id)
        fields = {
            "token": VERIFICATION_TOKEN,
            "team_id": sandbox.team_id,
            "team_domain": sandbox.team_domain,
            "channel_id": channel_id,
            "channel_name": conversation.get("name", "directmessage"),
            "user_id": user_id,
            "user_name": sandbox.user(user_id)["name"],
            "command": command,
            "text": sent_text,
            "api_app_id": sandbox.app_id,
            "is_enterprise_install": "false",
            "response_url": sandbox.response_url(user_id, channel_id),
            "trigger_id": sandbox.issue_trigger_id(user_id),
        }
        reply = self.post_signed(urlencode(fields), FORM)
        if reply.status == 200 and reply.body.strip():
            parsed = reply.json
            payload = parsed if isinstance(parsed, dict) else {"text": reply.body}
            sandbox.deliver_response(user_id, channel_id, payload, command)
        return reply

    # clicks ------------------------------------------------------------------------------

    def click(
        self,
        user_id: str,
        action_id: str,
        *,
        value: str | None = None,
        block_id: str | None = None,
        view_id: str | None = None,
        message: tuple[str, str] | None = None,
        selected_option: str | dict[str, Any] | None = None,
    ) -> Reply:
        """Press a button (or pick an option) in a modal (``view_id``), a message, or an
        ephemeral message (``message=(channel_id, ts)``).

        The element is looked up in that surface, so a click on something that is not
        there raises ValueError instead of testing a payload Slack could never send.
        """
        sandbox = self.sandbox
        self._check_interactivity()
        payload = self._interaction("block_actions", user_id)
        blocks: list[dict[str, Any]] | None = None
        if view_id is not None:
            try:
                view = sandbox.view(view_id)
            except KeyError:
                raise ValueError(f"unknown view id {view_id}") from None
            blocks = view.get("blocks") or []
            payload.update({"container": {"type": "view", "view_id": view_id}, "view": view})
        elif message is not None:
            channel_id, ts = message
            stored = sandbox.message(channel_id, ts)
            ephemeral = None if stored else sandbox.ephemeral(channel_id, ts)
            if stored is None and ephemeral is None:
                raise ValueError(f"no message {ts} in {channel_id}")
            blocks = (stored or ephemeral or {}).get("blocks") or []
            conversation = sandbox.conversation(channel_id)
            payload["container"] = {
                "type": "message",
                "message_ts": ts,
                "channel_id": channel_id,
                "is_ephemeral": ephemeral is not None,
            }
            payload["channel"] = {"id": channel_id, "name": conversation.get("name", "")}
            if stored is not None:
                payload["message"] = {k: v for k, v in stored.items() if k != "channel"}
            payload["response_url"] = sandbox.response_url(user_id, channel_id, ts)
        element: dict[str, Any] = {"type": "button"}
        if blocks is not None:
            found = _find_action(blocks, action_id, block_id)
            if found is None:
                raise ValueError(f"no element with action_id {action_id!r} there")
            element, block_id = found
        payload["trigger_id"] = sandbox.issue_trigger_id(user_id)
        payload["state"] = {"values": {}}
        payload["actions"] = [
            self._action(element, action_id, block_id or "", value, selected_option)
        ]
        return self._post_payload(payload)

    def _action(
        self,
        element: dict[str, Any],
        action_id: str,
        block_id: str,
        value: str | None,
        selected_option: str | dict[str, Any] | None,
    ) -> dict[str, Any]:
        action: dict[str, Any] = {
            "type": element["type"],
            "action_id": action_id,
            "block_id": block_id,
            "action_ts": self._now_ts(),
        }
        if "text" in element:
            action["text"] = element["text"]
        chosen = value if value is not None else element.get("value")
        if chosen is not None:
            action["value"] = chosen
        if selected_option is not None:
            if isinstance(selected_option, str):
                options = list(element.get("options") or [])
                for group in element.get("option_groups") or []:
                    options += group.get("options") or []
                match = [o for o in options if o.get("value") == selected_option]
                if not match:
                    raise ValueError(f"{action_id!r} offers no option {selected_option!r}")
                selected_option = match[0]
            action["selected_option"] = selected_option
        return action

    # modals ------------------------------------------------------------------------------

    def _open_modal(self, user_id: str, view_id: str) -> dict[str, Any]:
        try:
            view = self.sandbox.view(view_id)
        except KeyError:
            raise ValueError(f"unknown view id {view_id}") from None
        if view_id not in [v["id"] for v in self.sandbox.open_modals(user_id)]:
            raise ValueError(f"view {view_id} is not open on {user_id}'s screen")
        return view

    def submit_view(self, user_id: str, view_id: str, values: dict[str, Any]) -> Reply:
        """Press Submit with these inputs (block_id -> plain value), then apply the answer:
        empty 200 closes the modal, ``clear`` closes the stack, ``update``/``push`` change
        it, ``errors`` (or any non-200) leaves it open."""
        self._check_interactivity()
        view = self._open_modal(user_id, view_id)
        submitted = {**view, "state": build_state(view, values)}
        payload = self._interaction("view_submission", user_id)
        payload.update(
            {
                "trigger_id": self.sandbox.issue_trigger_id(user_id),
                "view": submitted,
                "response_urls": [],
            }
        )
        reply = self._post_payload(payload)
        if reply.status != 200:
            return reply
        answer = reply.json if reply.body.strip() else {}
        action = answer.get("response_action") if isinstance(answer, dict) else None
        if action is None:
            self.sandbox.close_modal(view_id)
        elif action == "clear":
            self.sandbox.close_modal(view_id, clear=True)
        elif action == "update":
            self.sandbox.replace_modal(view_id, answer["view"])
        elif action == "push":
            self.sandbox.push_modal(user_id, answer["view"])
        return reply

    def close_view(self, user_id: str, view_id: str) -> Reply | None:
        """Press Cancel. Slack only tells the app when the view set ``notify_on_close``;
        otherwise nothing is sent and this returns None."""
        view = self._open_modal(user_id, view_id)
        self.sandbox.close_modal(view_id)
        if not view.get("notify_on_close"):
            return None
        self._check_interactivity()
        payload = self._interaction("view_closed", user_id)
        payload.update({"view": view, "is_cleared": False})
        return self._post_payload(payload)

    # events ------------------------------------------------------------------------------

    def event(self, event: dict[str, Any], *, event_id: str | None = None) -> Reply:
        """Deliver an Events API ``event_callback`` wrapping this event."""
        sandbox = self.sandbox
        if sandbox.rules.strict:
            sandbox.rules.manifest.check_event(event)
        event = {**event}
        event.setdefault("event_ts", self._now_ts())
        envelope = {
            "token": VERIFICATION_TOKEN,
            "team_id": sandbox.team_id,
            "api_app_id": sandbox.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._event_ids):08d}",
            "event_time": int(sandbox.clock.now().timestamp()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": sandbox.team_id,
                    "user_id": sandbox.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        return self.post_signed(json.dumps(envelope), "application/json")

    def team_join(self, user: dict[str, Any]) -> Reply:
        return self.event({"type": "team_join", "user": user, "cache_ts": user.get("updated")})

    def user_change(self, user: dict[str, Any]) -> Reply:
        return self.event({"type": "user_change", "user": user, "cache_ts": user.get("updated")})

    def app_home_opened(self, user_id: str, tab: str = "home") -> Reply:
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": self.sandbox.open_dm(user_id),
            "tab": tab,
        }
        home = self.sandbox.home(user_id)
        if tab == "home" and home is not None:
            event["view"] = home
        return self.event(event)

    def direct_message(self, user_id: str, text: str) -> Reply:
        """This person writes ``text`` to the bot in its Messages tab (their DM with the bot).

        The message is stored in the DM; the ``message`` event (``channel_type: im``) is then
        delivered, which a strict sandbox allows only with a writable Messages tab and a
        ``message.im`` subscription in manifest.yml.
        """
        sandbox = self.sandbox
        if sandbox.rules.strict:
            sandbox.rules.manifest.check_messages_tab()
            sandbox.rules.manifest.check_event({"type": "message", "channel_type": "im"})
        channel_id = sandbox.open_dm(user_id)
        message = sandbox.post_user_message(user_id, channel_id, text)
        event = {
            "type": "message",
            "channel": channel_id,
            "user": user_id,
            "text": text,
            "ts": message["ts"],
            "event_ts": message["ts"],
            "channel_type": "im",
            "team": sandbox.team_id,
        }
        return self.event(event)
