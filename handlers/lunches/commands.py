"""`/lunch` sub-commands: what's coming and my seat, giving it back; admins plan, list,
cancel and draw."""

from __future__ import annotations

from bot.lunches import upcoming_blocks
from bot.lunches.closing import draw_lunch
from bot.lunches.forms import new_lunch_modal
from bot.lunches.planning import admin_rows, cancel_lunch, upcoming_for
from bot.lunches.records import LunchRefused, lunch_id, member_zone
from bot.lunches.seats import give_back
from bot.members.sync import get_member
from bot.outbox.queue import enqueue
from bot.slack.words import plural
from handlers.common.command_call import CommandCall
from handlers.common.screens import open_for_command

NO_CHANNEL = (
    "I can't announce a lunch in a direct message. Run `/lunch new` in the channel where the "
    "announcement should go, or ask the operator to set LUNCH_CHANNEL."
)


def upcoming(call: CommandCall) -> None:
    services = call.services
    with services.sessions() as session:
        items = upcoming_for(session, call.user_id, services.clock.now())
        tz = member_zone(get_member(session, call.user_id), services.settings)
    text, blocks = upcoming_blocks.upcoming_message(items, tz)
    call.reply(text, blocks)


def leave(call: CommandCall) -> None:
    services = call.services
    number = lunch_id(call.args, "/lunch leave")
    with services.sessions.begin() as session:
        now = services.clock.now()
        changed = give_back(
            session, lunch_id=number, slack_id=call.user_id, now=now, settings=services.settings
        )
        enqueue(session, changed.messages, now=now)
    call.reply(changed.note)


def new(call: CommandCall) -> None:
    """Open the planning form; where it is announced is decided here, before any typing."""
    settings = call.services.settings
    channel = settings.lunch_channel or call.channel_id
    if not channel or channel.startswith("D"):
        call.reply(NO_CHANNEL)
        return
    view = new_lunch_modal(channel, settings.timezone)
    open_for_command(call, view)


def list_lunches(call: CommandCall) -> None:
    services = call.services
    with services.sessions() as session:
        rows = admin_rows(session, services.clock.now())
        tz = member_zone(get_member(session, call.user_id), services.settings)
    call.reply(upcoming_blocks.admin_list_text(rows, tz))


def cancel(call: CommandCall) -> None:
    services = call.services
    number = lunch_id(call.args, "/lunch cancel")
    with services.sessions.begin() as session:
        now = services.clock.now()
        lunch, messages = cancel_lunch(session, number, now=now, settings=services.settings)
        enqueue(session, messages, now=now)
        guest = lunch.guest_name
    told = sum(1 for m in messages if m.to_users)  # the channel post's edit is no one
    call.reply(
        f"Lunch #{number} with {guest} is cancelled. I'm telling "
        f"{plural(told, 'person', 'people')} who asked for a seat, kindly."
    )


def seat(call: CommandCall) -> None:
    services = call.services
    number = lunch_id(call.args, "/lunch seat")
    with services.sessions.begin() as session:
        now = services.clock.now()
        drawn = draw_lunch(session, number, now=now, settings=services.settings)
        if drawn is None:
            raise LunchRefused(
                f"Lunch #{number} is already drawn, cancelled or unknown. `/lunch list` shows "
                "where each one stands."
            )
        enqueue(session, drawn.messages, now=now)
    call.reply(
        f"Seats for lunch #{number} are drawn: {drawn.seated} seated, "
        f"{drawn.waiting} on the waitlist. Everyone who asked hears back privately."
    )


ROUTES = {
    ("/lunch", "upcoming"): upcoming,
    ("/lunch", "leave"): leave,
    ("/lunch", "new"): new,
    ("/lunch", "list"): list_lunches,
    ("/lunch", "cancel"): cancel,
    ("/lunch", "seat"): seat,
}
