"""`/circle` sub-commands: the weekly check-in, skipping a week, status, and admin rates."""

from __future__ import annotations

from bot.circles.checkin_blocks import checkin_modal
from bot.circles.checkins import response_rates, skip_week, status_text, this_week
from handlers.common.command_call import CommandCall
from handlers.common.screens import open_view


def open_checkin(call: CommandCall) -> None:
    """Open the check-in modal; answering again this week edits the answer."""
    services = call.services
    with services.sessions() as session:
        circle, period, previous = this_week(
            session, call.user_id, services.clock.now(), services.settings
        )
        view = checkin_modal(circle, period, previous)
    trouble = open_view(call.client, call.user_id, call.trigger_id, view)
    call.reply(trouble) if trouble else call.ack()


def circle_skip(call: CommandCall) -> None:
    services = call.services
    with services.sessions.begin() as session:
        answer = skip_week(session, call.user_id, services.clock.now(), services.settings)
    call.reply(answer)


def circle_status(call: CommandCall) -> None:
    services = call.services
    now, settings = services.clock.now(), services.settings
    call.reply(services.read_columns(lambda conn: status_text(conn, call.user_id, now, settings)))


def circle_rates(call: CommandCall) -> None:
    services = call.services
    with services.sessions() as session:
        call.reply(response_rates(session, services.clock.now(), services.settings))


ROUTES = {
    ("/circle", "checkin"): open_checkin,
    ("/circle", "skip"): circle_skip,
    ("/circle", "status"): circle_status,
    ("/circle", "rates"): circle_rates,
}
