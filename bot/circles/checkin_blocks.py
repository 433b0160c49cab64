"""Check-in messages and the check-in modal: pure builders."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from bot.circles.checkin_form import MAX_ANSWER, CheckinForm
from bot.platform.periods import week_words
from bot.slack.blocks import (
    actions_block,
    button,
    context,
    escape,
    input_block,
    modal,
    plain,
    section,
    split_text,
)
from bot.slack.words import and_list, plural
from storage.models import CheckinResponse, Circle, Member

CALLBACK_ID = "circle_checkin"
OPEN = "circle_checkin_open"
MOODS = {
    "1": "1 — rough",
    "2": "2 — meh",
    "3": "3 — okay",
    "4": "4 — good",
    "5": "5 — great",
}


# Every question here may be left blank.
_input = partial(input_block, optional=True)


def circle_label(circle: Circle) -> str:
    return f"<#{circle.channel_id}>" if circle.channel_id else f"circle {escape(circle.name)}"


def prompt_message(first_name: str, circle: Circle, *, last_call: bool) -> tuple[str, list]:
    if last_call:
        text = f"Last call for this week's check-in, {first_name}"
        lead = (
            f"*Last call, {escape(first_name)}!* Your circle would love to hear how your "
            "week went. Two minutes is enough."
        )
    else:
        text = f"Time for your weekly check-in, {first_name}"
        lead = (
            f"*Time for your weekly check-in, {escape(first_name)}!* :seedling: A win, a "
            f"challenge, where you'd like help. Only your circle ({circle_label(circle)}) sees it."
        )
    return text, [
        section(lead),
        actions_block([button("Check in", OPEN, style="primary")]),
        context("`/circle skip` if this week isn't the week; `/circle checkin` works any time."),
    ]


def _text(value: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": True,
        "max_length": MAX_ANSWER,
    }
    if value:
        element["initial_value"] = value[:MAX_ANSWER]
    return element


def checkin_modal(circle: Circle, period: str, previous: CheckinResponse | None) -> dict[str, Any]:
    """The form, pre-filled when the member already answered this week (to edit it)."""
    mood_el: dict[str, Any] = {
        "type": "static_select",
        "placeholder": plain("How was your week?"),
        "options": [{"text": plain(v), "value": k} for k, v in MOODS.items()],
    }
    ticks: list[dict[str, Any]] = [
        {"text": plain("Show my mood to my circle"), "value": "share_mood"},
        {"text": plain("Let my circle know I'm having a rough week"), "value": "rough_week"},
    ]
    ticks_el: dict[str, Any] = {"type": "checkboxes", "options": ticks}
    if previous is not None:
        if previous.mood:
            key = str(previous.mood)
            mood_el["initial_option"] = {"text": plain(MOODS[key]), "value": key}
        chosen = [t for t in ticks if getattr(previous, t["value"])]
        if chosen:
            ticks_el["initial_options"] = chosen
    return modal(
        "Weekly check-in",
        [
            section(
                f"Shared only in your circle's channel ({circle_label(circle)}). "
                "Answer any of these; sending again this week edits your answer."
            ),
            _input("win", "A win", _text(previous.win if previous else None)),
            _input("challenge", "A challenge", _text(previous.challenge if previous else None)),
            _input(
                "help_wanted",
                "Where would you like help?",
                _text(previous.help_wanted if previous else None),
            ),
            _input("mood", "Mood", mood_el, hint="Only shown if you tick the box below."),
            _input("ticks", "Your circle", ticks_el),
        ],
        submit="Share with circle",
        callback_id=CALLBACK_ID,
        private_metadata=period,
    )


def read_checkin_form(values: dict[str, Any]) -> CheckinForm:
    def element(block_id: str) -> dict[str, Any]:
        return (values.get(block_id) or {}).get(block_id) or {}

    mood = element("mood").get("selected_option") or {}
    ticked = {o["value"] for o in element("ticks").get("selected_options") or []}
    return CheckinForm(
        win=element("win").get("value"),
        challenge=element("challenge").get("value"),
        help_wanted=element("help_wanted").get("value"),
        mood=mood.get("value"),
        share_mood="share_mood" in ticked,
        rough_week="rough_week" in ticked,
    )


def week_header(circle: Circle, period: str) -> str:
    name = escape(circle.name)
    return (
        f":seedling: *{name} — check-ins for the {week_words(period)}.* "
        "Answers arrive in this thread."
    )


def answer_post(member: Member, response: CheckinResponse) -> tuple[str, list[dict[str, Any]]]:
    """One member's answer in the circle's thread (mood only if they chose to share it).

    The rough-week and mood lines come first, and each answer gets its own sections, so
    nothing is ever cut by Slack's 3,000-character section limit.
    """
    name = escape(member.display_name)
    lines = [f"*{name}*" + (" — _edited_" if response.version else "")]
    if response.rough_week:
        lines.append(":hugging_face: Having a rough week; a message would mean a lot.")
    if response.share_mood and response.mood:
        lines.append(f"*Mood:* {MOODS[str(response.mood)]}")
    blocks = [section("\n".join(lines))]
    for label, value in (
        ("Win", response.win),
        ("Challenge", response.challenge),
        ("Would like help with", response.help_wanted),
    ):
        if value:
            answer = f"*{label}:* {escape(value[:MAX_ANSWER])}"
            blocks.extend(section(piece) for piece in split_text(answer))
    return f"{name}'s check-in", blocks


def nudge_text(member: Member, circle: Circle) -> str:
    return (
        f"{member.display_name} from your circle ({circle_label(circle)}) is having a rough "
        f"week. A short DM to <@{member.slack_user_id}> could make their day: friends show up."
    )


def digest_message(
    circle: Circle,
    period: str,
    answered: Sequence[Member],
    skipped: Sequence[Member],
    waiting: Sequence[Member],
    quiet: Sequence[Member],
) -> tuple[str, list[dict[str, Any]]]:
    """For the guide: how the week went and who might need a nudge, with a move to make.
    Names and counts only, never what anyone wrote; no empty "nobody" lines."""
    peers = len(answered) + len(skipped) + len(waiting)
    week = week_words(period)
    counts = f"{len(answered)} of {plural(peers, 'peer')} checked in"
    if skipped:
        counts += f", {len(skipped)} skipping this week"
    text = f"{circle.name}, {week}: {counts}."
    nudges = [
        f"• <@{m.slack_user_id}> has been quiet two weeks running. A short DM to ask how "
        "things are?"
        for m in quiet
    ]
    not_yet = [m for m in waiting if m not in quiet]
    if not_yet:
        who = and_list([f"<@{m.slack_user_id}>" for m in not_yet])
        verb = "hasn't" if len(not_yet) == 1 else "haven't"
        nudges.append(f"• {who} {verb} checked in yet. A friendly hello in the thread?")
    if not nudges:
        nudges = ["Everyone has checked in or said they'd skip. Nothing to do but read the thread."]
    blocks = [
        section(f"*{escape(circle.name)} — {week}*\n{counts}."),
        section("\n".join(nudges)),
        context("Names and counts only: what people write stays in the circle's thread."),
    ]
    return text, blocks
