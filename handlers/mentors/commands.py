"""`/mentor` sub-commands: find, offer, panel, end; admins: match (preview) and status."""

from __future__ import annotations

from dataclasses import replace

from bot.mentors import admin_blocks, panels
from bot.mentors.blocks import find_modal, offer_modal, offer_saved_text
from bot.mentors.finding import seeking_member
from bot.mentors.matching import preview
from bot.mentors.mentorships import end_by_member
from bot.mentors.offers import current_offer, offering_member, set_capacity
from bot.mentors.panel import counts, panel_message
from bot.outbox.queue import enqueue
from bot.platform.refused import Refused
from bot.slack.mentions import unescape
from handlers.common.command_call import CommandCall
from handlers.common.screens import open_for_command

USAGE_PANEL = (
    "Usage: `/mentor panel`, `/mentor panel add @person` or `/mentor panel remove @person`."
)
USAGE_END = "Usage: `/mentor end` (your one mentorship) or `/mentor end @person`."


def mentor_find(call: CommandCall) -> None:
    with call.services.sessions() as session:
        seeking_member(session, call.user_id)  # refuses with what to do first
    open_for_command(call, find_modal())


def mentor_offer(call: CommandCall) -> None:
    """`/mentor offer` opens the form; `/mentor offer capacity=2` changes only the capacity."""
    services = call.services
    if call.args:
        with services.sessions.begin() as session:
            capacity, room = set_capacity(session, call.user_id, call.args, services.clock.now())
        call.reply(offer_saved_text(capacity, room))
        return
    with services.sessions() as session:
        offer = current_offer(session, offering_member(session, call.user_id))
        view = offer_modal(
            offer.capacity if offer else None,
            offer.topics if offer else (),
            offer.spikes if offer else (),
        )
    open_for_command(call, view)


def mentor_panel(call: CommandCall) -> None:
    """`/mentor panel`, or `/mentor panel add|remove @person`."""
    services = call.services
    if call.args:
        word, _, rest = call.sent_args.strip().partition(" ")
        if word.lower() not in ("add", "remove"):
            raise Refused(USAGE_PANEL)
        adviser = replace(call, sent_args=rest, args=unescape(rest)).person(USAGE_PANEL).user_id
        with services.sessions.begin() as session:
            if word.lower() == "add":
                note = panels.add(session, call.user_id, adviser, services.clock.now())
            else:
                note = panels.remove(session, call.user_id, adviser)
        call.reply(note)
        return
    with services.sessions() as session:
        text, blocks = panel_message(
            session, call.user_id, services.clock.now(), services.settings.timezone
        )
    call.reply(text, blocks)


def mentor_end(call: CommandCall) -> None:
    services = call.services
    other = call.person(USAGE_END).user_id if call.args else None
    with services.sessions.begin() as session:
        now = services.clock.now()
        ended = end_by_member(session, call.user_id, other, now)
        enqueue(session, ended.messages, now=now)
    call.reply(ended.note)


def mentor_match(call: CommandCall) -> None:
    services = call.services
    with services.sessions() as session:
        text, blocks = preview(session, services.clock.now(), call.args)
    call.reply(text, blocks)


def mentor_status(call: CommandCall) -> None:
    services = call.services
    with services.sessions() as session:
        call.reply(admin_blocks.status_text(counts(session, services.clock.now())))


ROUTES = {
    ("/mentor", "find"): mentor_find,
    ("/mentor", "offer"): mentor_offer,
    ("/mentor", "panel"): mentor_panel,
    ("/mentor", "end"): mentor_end,
    ("/mentor", "match"): mentor_match,
    ("/mentor", "status"): mentor_status,
}
