"""`/cohort` sub-commands: admins open, close, review and follow admissions."""

from __future__ import annotations

from bot.cohorts.blocks import closed_message, list_text, opened_text, review_page, status_text
from bot.cohorts.lifecycle import (
    all_cohorts,
    close_cohort,
    counts,
    current_cohort,
    latest_cohort,
    open_cohort,
    review_cards,
)
from bot.cohorts.rules import parse_open
from bot.outbox.queue import enqueue
from handlers.common.command_call import CommandCall

NO_CHANNEL = (
    "I can't announce a cohort in a direct message. Run `/cohort open` in the channel "
    "where the announcement should go, or ask the operator to set COHORT_CHANNEL."
)


def cohort_open(call: CommandCall) -> None:
    services = call.services
    now = services.clock.now()
    request = parse_open(call.args, now.astimezone(services.settings.timezone).date())
    if isinstance(request, str):
        call.reply(request)
        return
    channel = services.settings.cohort_channel or call.channel_id
    if not channel or channel.startswith("D"):
        call.reply(NO_CHANNEL)
        return
    with services.sessions.begin() as session:
        opened = open_cohort(session, request, by=call.user_id, channel=channel, now=now)
        enqueue(session, opened.messages, now=now)
        answer = opened_text(opened.cohort, channel)
    call.reply(answer)


def cohort_close(call: CommandCall) -> None:
    services = call.services
    with services.sessions.begin() as session:
        cohort = close_cohort(session, now=services.clock.now())
        text, blocks = closed_message(cohort, counts(session, cohort.id))
    call.reply(text, blocks)


def cohort_status(call: CommandCall) -> None:
    services = call.services
    today = services.clock.now().astimezone(services.settings.timezone).date()
    with services.sessions() as session:
        cohort = latest_cohort(session)
        text = status_text(cohort, counts(session, cohort.id) if cohort else {}, today)
    call.reply(text)


def cohort_list(call: CommandCall) -> None:
    with call.services.sessions() as session:
        text = list_text(all_cohorts(session))
    call.reply(text)


def cohort_review(call: CommandCall) -> None:
    with call.services.sessions() as session:
        cohort = current_cohort(session)
        if cohort is None:
            call.reply("No cohort is open or waiting to start, so there is nothing to review.")
            return
        cards, total, page = review_cards(session, cohort.id, page=0)
        text, blocks = review_page(cohort, cards, page=page, total=total)
    call.reply(text, blocks)


ROUTES = {
    ("/cohort", "open"): cohort_open,
    ("/cohort", "close"): cohort_close,
    ("/cohort", "status"): cohort_status,
    ("/cohort", "list"): cohort_list,
    ("/cohort", "review"): cohort_review,
}
