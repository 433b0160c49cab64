"""`/pulse` sub-commands (admins; the router checks): `show` answers with the five lines
and the report, and sends the chart to the admin's DM; `csv` sends the weekly figures.
Both read the week's stored pulse (bot/pulse/stored.py)."""

from __future__ import annotations

from bot.outbox.queue import enqueue
from bot.pulse.blocks import pulse_blocks
from bot.pulse.delivery import CHART_NOTE, chart_message, csv_message
from bot.pulse.lines import plain_text
from bot.pulse.stored import weekly_pulse
from handlers.common.command_call import CommandCall

CSV_SENT = (
    "The weekly figures for the last 12 weeks are on their way to your DM with me as a "
    "CSV file, one row per week."
)


def pulse_show(call: CommandCall) -> None:
    services = call.services
    now = services.clock.now()
    pulse = weekly_pulse(services.sessions, now, services.settings.timezone)
    message = chart_message(pulse, call.user_id, now)
    with services.sessions.begin() as session:
        enqueue(session, [message], now=now)
    call.reply(plain_text(pulse), pulse_blocks(pulse, chart_note=CHART_NOTE))


def pulse_csv(call: CommandCall) -> None:
    services = call.services
    now = services.clock.now()
    pulse = weekly_pulse(services.sessions, now, services.settings.timezone)
    with services.sessions.begin() as session:
        enqueue(session, [csv_message(pulse, call.user_id, now)], now=now)
    call.reply(CSV_SENT)


ROUTES = {
    ("/pulse", "show"): pulse_show,
    ("/pulse", "csv"): pulse_csv,
}
