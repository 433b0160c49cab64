"""`/pairing` sub-commands: member controls and the admins' preview and run."""

from __future__ import annotations

from bot.members.sync import get_member
from bot.pairing.controls import history, history_text, pause, resume, skip_next
from bot.pairing.preview_blocks import preview_text
from bot.pairing.rounds import RoundPlan, plan, run_round
from bot.slack.blocks import truncate
from bot.slack.words import plural
from handlers.common.command_call import CommandCall


def pairing_pause(call: CommandCall) -> None:
    services = call.services
    with services.sessions.begin() as session:
        member = get_member(session, call.user_id)
        answer = pause(member, call.args, services.clock.now(), services.settings)
    call.reply(answer)


def pairing_resume(call: CommandCall) -> None:
    with call.services.sessions.begin() as session:
        answer = resume(get_member(session, call.user_id))
    call.reply(answer)


def pairing_skip(call: CommandCall) -> None:
    services = call.services
    with services.sessions.begin() as session:
        member = get_member(session, call.user_id)
        answer = skip_next(session, member, services.clock.now(), services.settings)
    call.reply(answer)


def pairing_history(call: CommandCall) -> None:
    meetings = call.services.read_columns(lambda conn: history(conn, call.user_id))
    call.reply(truncate(history_text(meetings, call.services.settings), 3000))


def _groups(planned: RoundPlan) -> list[tuple[list[str], list[str]]]:
    return [
        (
            [planned.members[mid].slack_user_id for mid in group.members],
            sorted(group.shared),
        )
        for group in planned.round.groups
    ]


def pairing_preview(call: CommandCall) -> None:
    services = call.services
    with services.sessions() as session:
        planned = plan(session, services.clock.now(), services.settings)
    text = preview_text(planned.period_key, planned.stats(), _groups(planned), ran=False)
    call.reply(truncate(text, 3000))


def pairing_run(call: CommandCall) -> None:
    services = call.services
    with services.sessions.begin() as session:
        result = run_round(session, services.clock.now(), services.settings)
    if result is None:
        call.reply("This week's round has already run. Nothing was sent twice.")
        return
    text = preview_text(result.plan.period_key, result.plan.stats(), _groups(result.plan), ran=True)
    sent = plural(result.messages, "message")
    on_way = "is on its way" if result.messages == 1 else "are on their way"
    call.reply(truncate(f"{text}\n{sent} {on_way}.", 3000))


ROUTES = {
    ("/pairing", "pause"): pairing_pause,
    ("/pairing", "resume"): pairing_resume,
    ("/pairing", "skip"): pairing_skip,
    ("/pairing", "history"): pairing_history,
    ("/pairing", "preview"): pairing_preview,
    ("/pairing", "run"): pairing_run,
}
