"""Buttons on vault lists: 👍, more, share here, thank the author, read, edit, remove.

Each re-checks on the server what the button implies (the entry exists, the clicker may
edit it), answers only the clicker, and redraws the list in place where it changed.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox.queue import enqueue
from bot.platform.refused import Refused
from bot.platform.services import Services
from bot.vault import blocks as ui
from bot.vault.entries import NOT_ALLOWED, entry_for, remove_entry, toggle_vote
from bot.vault.lists import ListRef
from bot.vault.outreach import NOT_HERE, author_of, is_direct_message, share
from handlers.common.buttons import button_value
from handlers.common.screens import open_for_click
from handlers.vault.screens import render_list

log = logging.getLogger(__name__)

STALE = "That button is out of date. Run `/vault search` again."
BUSY = "Slack didn't let me post there just now. Please press *Share here* again in a minute."
CANNOT_POST = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


def _say(respond: Respond, text: str) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False)


def _channel(body: dict[str, Any]) -> str:
    return (body.get("channel") or {}).get("id") or ""


def _clicked(body: dict[str, Any]) -> tuple[int, ListRef]:
    """The entry and the list it was clicked on; a stale or forged value is refused."""
    try:
        return ui.read_value(button_value(body))
    except (ValueError, KeyError):
        raise Refused(STALE) from None


def _redraw(respond: Respond, services: Services, ref: ListRef, body: dict[str, Any]) -> None:
    user_id = body["user"]["id"]
    channel = _channel(body)
    text, blocks = render_list(
        services, ref, viewer=user_id, can_share=bool(channel) and not is_direct_message(channel)
    )
    respond(text=text, blocks=blocks or [], replace_original=True)


def vote(ack: Ack, body: dict, respond: Respond, services: Services) -> None:
    ack()
    resource_id, ref = _clicked(body)
    with services.sessions.begin() as session:
        outcome = toggle_vote(
            session, resource_id, user_id=body["user"]["id"], now=services.clock.now()
        )
    if outcome.note:
        _say(respond, outcome.note)
        return
    _redraw(respond, services, ref, body)


def more(ack: Ack, body: dict, respond: Respond, services: Services) -> None:
    ack()
    try:
        ref = ListRef.decode(button_value(body))
    except (ValueError, KeyError):
        raise Refused(STALE) from None
    _redraw(respond, services, ref, body)


def share_here(
    ack: Ack, body: dict, respond: Respond, client: WebClient, services: Services
) -> None:
    """Post the entry where the list is, through the outbox. A private ephemeral
    confirmation goes first: if Slack refuses it, the bot cannot post there either, and the
    member learns how to invite it instead of the share failing unseen."""
    ack()
    clicked = _clicked(body)
    user_id, channel = body["user"]["id"], _channel(body)
    with services.sessions() as session:
        outreach = share(session, clicked[0], user_id=user_id, channel_id=channel)
    if not outreach.messages:
        _say(respond, outreach.note)
        return
    try:
        client.chat_postEphemeral(channel=channel, user=user_id, text=outreach.note)
    except SlackApiError as exc:
        error = exc.response.get("error", "")
        log.info("vault share: cannot post in %s: %s", channel, error)
        _say(respond, NOT_HERE if error in CANNOT_POST else BUSY)
        return
    with services.sessions.begin() as session:
        enqueue(session, outreach.messages, now=services.clock.now())


def thank_author(
    ack: Ack, body: dict, respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    clicked = _clicked(body)
    user_id = body["user"]["id"]
    with services.sessions() as session:
        entry, _author = author_of(session, clicked[0], user_id)
    open_for_click(body, respond, client, ui.thank_modal(entry))


def read(ack: Ack, body: dict, respond: Respond, client: WebClient, services: Services) -> None:
    ack()
    clicked = _clicked(body)
    user_id = body["user"]["id"]
    with services.sessions() as session:
        entry = entry_for(session, clicked[0], user_id, services.settings)
    open_for_click(body, respond, client, ui.read_modal(entry))


def edit(ack: Ack, body: dict, respond: Respond, client: WebClient, services: Services) -> None:
    ack()
    clicked = _clicked(body)
    user_id = body["user"]["id"]
    with services.sessions() as session:
        entry = entry_for(session, clicked[0], user_id, services.settings)
    if not entry.can_edit:
        _say(respond, NOT_ALLOWED)
        return
    open_for_click(body, respond, client, ui.entry_modal(entry))


def remove(ack: Ack, body: dict, respond: Respond, services: Services) -> None:
    ack()
    resource_id, ref = _clicked(body)
    with services.sessions.begin() as session:
        removal = remove_entry(
            session, resource_id, user_id=body["user"]["id"], settings=services.settings
        )
    if removal.removed:
        _redraw(respond, services, ref, body)
    _say(respond, removal.note)


def register(app: App) -> None:
    app.action(ui.VOTE)(vote)
    app.action(ui.MORE)(more)
    app.action(ui.SHARE)(share_here)
    app.action(ui.THANK)(thank_author)
    app.action(ui.READ)(read)
    app.action(ui.EDIT)(edit)
    app.action(ui.REMOVE)(remove)
