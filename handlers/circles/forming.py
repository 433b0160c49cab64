"""Admins forming circles: `/circle form` (proposal, regenerate, accept), `move`, `add`."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.circles.blocks import ACCEPT, REGENERATE, formed_text, proposal_message
from bot.circles.forming import (
    accept,
    add_late_joiner,
    known_member,
    mark_guide,
    move,
    propose,
    working_day,
)
from bot.platform.refused import Refused
from bot.platform.services import Services
from bot.slack.blocks import escape
from handlers.common.admin_guard import admin_only
from handlers.common.buttons import button_number
from handlers.common.channels import remove_from_channel
from handlers.common.command_call import CommandCall
from handlers.common.replies import tell

USAGE_MOVE = "Usage: `/circle move @person <circle name>`, e.g. `/circle move @ana Otter`."
USAGE_GUIDE = "Usage: `/circle guide @person` (or `/circle guide @person off`)."
USAGE_ADD = "Usage: `/circle add @person`: places them in the circle where they fit best."


def default_seed(services: Services) -> int:
    """A new proposal each day unless an admin asks for a seed: reproducible either way."""
    return int(services.clock.now().timestamp()) // 86400


def circle_form(call: CommandCall) -> None:
    services = call.services
    if call.args and not re.fullmatch(r"\d{1,9}", call.args):
        call.reply("Usage: `/circle form [seed]`, where seed is a whole number.")
        return
    seed = int(call.args) if call.args else default_seed(services)
    with services.sessions() as session:
        proposal, members = propose(
            session, seed, services.clock.now(), working_day(services.settings)
        )
        text, blocks = proposal_message(proposal, members)
    call.reply(text, blocks)


def circle_move(call: CommandCall) -> None:
    services = call.services
    user_id, name = call.person(USAGE_MOVE)
    if not name:
        raise Refused(USAGE_MOVE)
    with services.sessions.begin() as session:
        member = known_member(session, user_id)
        old, new = move(session, member, name, services.clock.now())
        old_channel, new_name, old_name = old.channel_id, new.name, old.name
    note = f"Moved <@{user_id}> from {old_name} to {new_name}; they'll be invited in a minute."
    if old_channel:  # out of the old circle's channel: what is said there stays there
        error = remove_from_channel(call.client, old_channel, user_id)
        if error:
            note += f" I couldn't remove them from <#{old_channel}> ({error}): please do."
    call.reply(note)


def circle_add(call: CommandCall) -> None:
    services = call.services
    user_id = call.person(USAGE_ADD).user_id
    with services.sessions.begin() as session:
        member = known_member(session, user_id)
        circle, why = add_late_joiner(
            session, member, services.clock.now(), working_day(services.settings)
        )
        name = circle.name
    # The reason names the member's company as they typed it: escaped, like every such text.
    call.reply(
        f"Added <@{user_id}> to {escape(name)}: {escape(why)} They'll be invited in a minute."
    )


def circle_guide(call: CommandCall) -> None:
    """Mark (or with `off`, unmark) a senior member as someone who can guide a circle."""
    services = call.services
    user_id, rest = call.person(USAGE_GUIDE)
    if rest not in ("", "off"):
        raise Refused(USAGE_GUIDE)
    with services.sessions.begin() as session:
        mark_guide(session, user_id, guiding=rest != "off")
    if rest == "off":
        call.reply(f"<@{user_id}> is no longer offered as a guide for new circles.")
    else:
        call.reply(f"<@{user_id}> can now guide a circle; `/circle form` will consider them.")


def regenerate(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    seed = button_number(body)
    with services.sessions() as session:
        proposal, members = propose(
            session, seed, services.clock.now(), working_day(services.settings)
        )
        text, blocks = proposal_message(proposal, members)
    tell(body, respond, client, text, blocks, replace=True)


def accept_proposal(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    seed = button_number(body)
    with services.sessions.begin() as session:
        circles = accept(
            session,
            seed,
            by=body["user"]["id"],
            now=services.clock.now(),
            day=working_day(services.settings),
        )
        text = formed_text(circles)
    tell(body, respond, client, text, replace=True)


def register(app: App) -> None:
    app.action(ACCEPT, middleware=[admin_only])(accept_proposal)
    app.action(REGENERATE, middleware=[admin_only])(regenerate)


ROUTES = {
    ("/circle", "form"): circle_form,
    ("/circle", "move"): circle_move,
    ("/circle", "add"): circle_add,
    ("/circle", "guide"): circle_guide,
}
