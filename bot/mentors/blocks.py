"""Block Kit for mentoring: the offer and find forms, proposals, the mentor's private ask,
the pair's group DM, the monthly prompts and the admins' match preview. Pure functions.

Fallback texts (``text=``) are plain: names, never mentions or markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from bot.mentors.fit import Fit
from bot.mentors.rhythm import when
from bot.mentors.topics import MAX_CAPACITY, PHASES, SPIKES, TOPICS, labels
from bot.slack.blocks import (
    actions_block,
    button,
    context,
    escape,
    input_block,
    modal,
    plain,
    section,
    variant,
)
from bot.slack.words import plural

OFFER_FORM = "mentor_offer"
FIND_FORM = "mentor_find"
RECAP_FORM = "mentor_recap"
NEXT_STEP_FORM = "mentor_next_step"
REQUEST = "mentor_request"  # mentor_request:<mentor id>, value "<request id>:<mentor id>"
ACCEPT = "mentor_accept"
DECLINE = "mentor_decline"
SESSION_DAY = "mentor_session_day"  # option values "<mentorship id>:<day>"
RECAP_OPEN = "mentor_recap_open"  # value "<mentorship id>:<month>"
NEXT_STEP_OPEN = "mentor_next_step_open"
FIT = "mentor_fit"  # mentor_fit:yes|no, value "<mentorship id>:yes|no"
FIND_OPEN = "mentor_find_open"
RENEW = "mentor_renew"  # value the mentorship id
PUBLISH = "mentor_match_publish"

MAX_TEXT = 1000
PREVIEW_ROWS = 30

_optional = partial(input_block, optional=True)


def _option(key: str, label: str) -> dict[str, Any]:
    return {"text": plain(label, 75), "value": key}


def _select(table: dict[str, str], chosen: str | None, placeholder: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "placeholder": plain(placeholder),
        "options": [_option(k, v) for k, v in table.items()],
    }
    if chosen in table:
        element["initial_option"] = _option(chosen, table[chosen])
    return element


def _multi(table: dict[str, str], chosen: Sequence[str], placeholder: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "placeholder": plain(placeholder),
        "options": [_option(k, v) for k, v in table.items()],
    }
    picked = [k for k in chosen if k in table]
    if picked:
        element["initial_options"] = [_option(k, table[k]) for k in picked]
    return element


def _text(initial: str | None = None, **options: Any) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": MAX_TEXT, **options}
    if initial:
        element["initial_value"] = initial
    return element


# Offering -------------------------------------------------------------------------------


def offer_modal(capacity: int | None, topics: Sequence[str], spikes: Sequence[str]) -> dict:
    seats = {str(n): plural(n, "mentee") if n else "None for now" for n in range(MAX_CAPACITY + 1)}
    return modal(
        "Offer to mentor",
        [
            section(
                "Mentees are at least two levels below you and at other companies. They see "
                "your name, level, topics and spikes when you're proposed to them."
            ),
            input_block(
                "capacity",
                "How many mentees at a time?",
                _select(seats, None if capacity is None else str(capacity), "Choose"),
            ),
            input_block("topics", "Topics you mentor on", _multi(TOPICS, topics, "Pick a few")),
            _optional(
                "spikes",
                "Career spikes your past roles gave you",
                _multi(SPIKES, spikes, "Pick any"),
            ),
        ],
        submit="Save",
        callback_id=OFFER_FORM,
    )


def offer_saved_text(capacity: int, room: int) -> str:
    if capacity == 0:
        return "Saved. You're not taking mentees for now; `/mentor offer` changes that any time."
    return (
        f"Thank you! You offer to mentor {plural(capacity, 'mentee')} "
        f"({room} free now). Members looking for a mentor may be proposed to you; "
        "you'll always be asked before anything starts."
    )


# Finding --------------------------------------------------------------------------------


def find_modal() -> dict[str, Any]:
    return modal(
        "Find a mentor",
        [
            section(
                "I'll suggest up to three mentors at least two levels above you, at other "
                "companies. Only you and the mentor you ask see your goal."
            ),
            input_block(
                "goal",
                "Your goal for the next 6–18 months",
                _text(multiline=True, placeholder=plain("e.g. lead a team of three PMs")),
            ),
            input_block("phase", "Where you are now", _select(PHASES, None, "Choose a phase")),
            input_block(
                "spike", "The spike you're building now", _select(SPIKES, None, "Choose one")
            ),
            _optional("topics", "Where you'd like help", _multi(TOPICS, (), "Pick a few")),
            _optional("help_wanted", "Anything else a mentor should know", _text(multiline=True)),
        ],
        submit="Find mentors",
        callback_id=FIND_FORM,
    )


def fit_lines(fit: Fit, name: str, company: str | None) -> str:
    where = f", {escape(company)}" if company else ""
    reasons = "\n".join(f"• {r}" for r in fit.reasons)
    return f"*{escape(name)}*{where}\n{reasons}"


def proposals_view(
    request_id: int, shown: Sequence[tuple[Fit, str, str | None]], notice: str = ""
) -> dict:
    """The find form's answer: up to three mentors with why, each with its own button."""
    if not shown:
        return nothing_view("room", notice)
    return modal("Mentors for you", _proposal_blocks(request_id, shown, notice), close="Close")


def _proposal_blocks(
    request_id: int, shown: Sequence[tuple[Fit, str, str | None]], notice: str
) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [section(escape(notice))] if notice else []
    blocks.append(section("These mentors fit your goal. Ask one; I'll tell you when they answer."))
    for fit, name, company in shown:
        mentor_id = fit.mentor.member_id
        blocks.append(
            section(
                fit_lines(fit, name, company),
                block_id=f"mentor-{mentor_id}",
                accessory=button(
                    f"Ask {name.split()[0]}",
                    variant(REQUEST, str(mentor_id)),
                    f"{request_id}:{mentor_id}",
                ),
            )
        )
    return blocks


def filled_up(name: str) -> str:
    return f"{name} just filled up, so I haven't asked them."


def filled_up_message(
    request_id: int, shown: Sequence[tuple[Fit, str, str | None]], name: str
) -> tuple[str, list[dict[str, Any]]]:
    """A mentor's last place went a moment before the ask (clicked in a DM): say so, and
    show the others who fit now in place of the stale button."""
    notice = filled_up(name)
    if not shown:
        text = f"{notice} {NONE_FOUND['room']}"
        return text, [section(escape(notice)), section(NONE_FOUND["room"])]
    names = [name for _, name, _ in shown]
    text = f"{notice} Others who fit your goal: {', '.join(names)}."
    return text, _proposal_blocks(request_id, shown, notice)


NONE_FOUND = {
    "level": "Nobody here is two levels above you yet, so I can't propose a mentor. "
    "Your request is kept: an admin's next match will include it.",
    "room": "The mentors who fit you have no room right now. Your request is kept, and "
    "I'll include it in the next match when a place opens.",
    "other": "I couldn't find a mentor at another company who fits right now. Your request "
    "is kept for the next match.",
}


def nothing_view(reason: str, notice: str = "") -> dict[str, Any]:
    blocks = [section(escape(notice))] if notice else []
    blocks.append(section(NONE_FOUND.get(reason, NONE_FOUND["other"])))
    return modal("Mentors for you", blocks, close="Close")


def asked_view(name: str) -> dict[str, Any]:
    return modal(
        "Mentors for you",
        [section(f"I've asked {escape(name)}. You'll hear from me when they answer.")],
        close="Close",
    )


def ask_message(request_id: int, mentee: str, goal: str, details: dict[str, str]) -> tuple:
    """The mentor's private ask: the goal, and Accept / Decline."""
    text = f"{mentee} would like you as their mentor."
    lines = [f"*{escape(mentee)}* would like you as their mentor.", f"*Goal:* {escape(goal)}"]
    lines += [f"*{k}:* {escape(v)}" for k, v in details.items() if v]
    blocks = [
        section("\n".join(lines)),
        actions_block(
            [
                button("Accept", ACCEPT, str(request_id), style="primary"),
                button("Not now", DECLINE, str(request_id)),
            ],
            block_id=f"mentor-ask-{request_id}",
        ),
        context(
            "Only you see this. If you say not now, they aren't told: I'll suggest someone else."
        ),
    ]
    return text, blocks


def next_proposal_message(request_id: int, fit: Fit, name: str, company: str | None) -> tuple:
    """Another mentor for a mentee whose ask did not turn into a match (never says why)."""
    text = f"Another mentor who fits your goal: {name}."
    blocks = [
        section("Here's another mentor who fits your goal:"),
        section(
            fit_lines(fit, name, company),
            block_id=f"mentor-{fit.mentor.member_id}",
            accessory=button(
                f"Ask {name.split()[0]}",
                variant(REQUEST, str(fit.mentor.member_id)),
                f"{request_id}:{fit.mentor.member_id}",
            ),
        ),
    ]
    return text, blocks


STILL_LOOKING = (
    "I'm still looking for the right mentor for your goal. Your request is kept, and an "
    "admin's next match will include it."
)

ADMIN_ASKED = (
    "Good news: an admin's match found a mentor who fits your goal, and I've asked them. "
    "You'll hear from me when they answer."
)


# The pair -------------------------------------------------------------------------------


def day_select(mentorship_id: int) -> dict[str, Any]:
    return {
        "type": "static_select",
        "action_id": SESSION_DAY,
        "placeholder": plain("Pick a day of the month"),
        "options": [
            _option(f"{mentorship_id}:{day}", f"The {ordinal(day)} of each month")
            for day in range(1, 29)
        ],
    }


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def welcome_message(
    mentorship_id: int, mentor: str, mentee: str, goal: str, months: int
) -> tuple[str, list[dict[str, Any]]]:
    """The pair's group DM: each named once, the goal, a first agenda, the rhythm."""
    text = f"{mentee} and {mentor}: your mentorship starts today."
    blocks = [
        section(
            f"*{escape(mentee)}*, meet your mentor *{escape(mentor)}*. "
            f"You'll meet once a month for {plural(months, 'month')}.\n*The goal:* {escape(goal)}"
        ),
        section(
            "*A first agenda*\n"
            f"1. What each of you hopes for from the next {plural(months, 'month')}\n"
            "2. The goal: what would success look like?\n"
            "3. How you'll keep in touch between sessions"
        ),
        section(
            "*The monthly rhythm*\nPick a day of the month below. Two days before each "
            "session the mentee gets a nudge to send a recap (what changed, where to focus), "
            "which I pass on; the day after, one next step."
        ),
        actions_block([day_select(mentorship_id)], block_id=f"mentorship-{mentorship_id}"),
    ]
    return text, blocks


def day_set_text(day: int, first: date) -> str:
    return f"Your sessions are on the {ordinal(day)} of each month. First one: {when(first)}."


def recap_prompt(
    mentorship_id: int, month: str, mentor: str, session_on: date, last_step: str | None
) -> tuple:
    text = f"Your session with {mentor} is on {when(session_on)}. Send a recap beforehand?"
    blocks = [
        section(
            f"Your session with *{escape(mentor)}* is on {when(session_on)}. A short recap "
            "helps them prepare: what changed since last time, and where you'd like their focus.",
            accessory=button("Write recap", RECAP_OPEN, f"{mentorship_id}:{month}"),
        )
    ]
    if last_step:
        blocks.append(context(f"Your next step last time: {escape(last_step)}"))
    return text, blocks


def recap_modal(mentorship_id: int, month: str, mentor: str) -> dict[str, Any]:
    return modal(
        "Recap",
        [
            section(f"Only {escape(mentor)} sees this."),
            input_block("changed", "What changed since last time", _text(multiline=True)),
            input_block("focus", "Where I'd like your focus", _text(multiline=True)),
        ],
        submit="Send",
        callback_id=RECAP_FORM,
        private_metadata=f"{mentorship_id}:{month}",
    )


def recap_message(mentee: str, session_on: date, changed: str, focus: str) -> tuple:
    text = f"{mentee}'s recap before your session on {when(session_on)}."
    blocks = [
        section(f"*{escape(mentee)}'s recap* before your session on {when(session_on)}"),
        section(f"*What changed since last time*\n{escape(changed)}"),
        section(f"*Where I'd like your focus*\n{escape(focus)}"),
    ]
    return text, blocks


def next_step_prompt(mentorship_id: int, month: str, mentor: str) -> tuple:
    text = f"After your session with {mentor}: what's one next step?"
    blocks = [
        section(
            f"After your session with *{escape(mentor)}*: what's one next step you'll take?",
            accessory=button("Note a next step", NEXT_STEP_OPEN, f"{mentorship_id}:{month}"),
        )
    ]
    return text, blocks


def next_step_modal(mentorship_id: int, month: str) -> dict[str, Any]:
    return modal(
        "Next step",
        [input_block("next_step", "One next step", _text(multiline=True))],
        submit="Save",
        callback_id=NEXT_STEP_FORM,
        private_metadata=f"{mentorship_id}:{month}",
    )


def mutual_text(mentor: str) -> str:
    return (
        f"Is there something you could offer {mentor}? Mentoring works best both ways: an "
        "outside view on their product, a connection, or mentoring someone in their team."
    )


def fit_question(mentorship_id: int, other: str) -> tuple:
    text = f"How was your first session with {other}?"
    blocks = [
        section(f"How was your first session with *{escape(other)}*? Only I see your answer."),
        actions_block(
            [
                button("A good fit", variant(FIT, "yes"), f"{mentorship_id}:yes", style="primary"),
                button("Not a fit", variant(FIT, "no"), f"{mentorship_id}:no"),
            ],
            block_id=f"mentor-fit-{mentorship_id}",
        ),
    ]
    return text, blocks


def not_a_fit_for_mentee(mentor: str) -> tuple:
    text = (
        f"Your mentorship with {mentor} ends here, after the first session. Not every pair "
        "fits, and that's fine. Would you like another mentor?"
    )
    blocks = [section(escape(text), accessory=button("Find a mentor", FIND_OPEN))]
    return text, blocks


def not_a_fit_for_mentor(mentee: str) -> str:
    return (
        f"Your mentorship with {mentee} ends here, after the first session: not every pair "
        "fits. Thank you for your time."
    )


def ended_for_other(name: str) -> str:
    return (
        f"{name} has wrapped up your mentorship. Thank you for the time you gave it. "
        "Type /mentor find or /mentor offer whenever you're ready for the next one."
    )


def left_for_other(name: str) -> str:
    return (
        f"{name} has left Product Circle, so your mentorship ends here. Thank you for the "
        "time you gave it. Type /mentor find or /mentor offer whenever you're ready."
    )


def renew_question(mentorship_id: int, other: str, ends_on: date, months: int) -> tuple:
    text = f"Your mentorship with {other} ends on {when(ends_on)}. Would you like to keep going?"
    blocks = [
        section(
            f"Your mentorship with *{escape(other)}* ends on {when(ends_on)}. If you'd both "
            f"like to keep going, each press Renew and it runs another "
            f"{plural(months, 'month')}. If not, it ends that day with a thank-you; only I "
            "see what you choose.",
            accessory=button("Renew", RENEW, str(mentorship_id), style="primary"),
        )
    ]
    return text, blocks


def renewed_text(months: int, ends_on: date) -> str:
    return (
        f"You've both chosen to keep going: another {plural(months, 'month')}, "
        f"until {when(ends_on)}."
    )


def term_end_text(months: int) -> str:
    return (
        f"Your {plural(months, 'month')} of mentoring end today. Thank you both! If you'd like "
        "to keep meeting, carry on; /mentor find starts a new request whenever you like."
    )


# App Home -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeMentoring:
    """What a member's App Home says about mentoring: names and dates only, never a goal."""

    mentor: str | None = None  # their mentor's name
    mentor_session: date | None = None  # None: no monthly day picked yet
    mentees: tuple[tuple[str, date | None], ...] = ()
    asked: str | None = None  # the mentor they asked, who has not answered yet
    looking: bool = False  # an open request kept for the admins' match
    may_look: bool = True  # someone can be two levels above them
    offers: bool = False


def _next(day: date | None) -> str:
    return f"next session {when(day)}" if day else "pick your monthly day in your group DM"


def home_section(home: HomeMentoring) -> dict[str, Any]:
    """App Home's short mentoring line: your mentor and the next session, or how to find one."""
    lines = ["*Mentoring*"]
    if home.mentor:
        lines.append(f"Your mentor: {escape(home.mentor)}, {_next(home.mentor_session)}.")
    elif home.asked:
        lines.append(f"You've asked {escape(home.asked)}; I'll tell you when they answer.")
    elif home.looking:
        lines.append(
            "Your request for a mentor is open: ask one `/mentor find` suggests, or an "
            "admin's next match will find one."
        )
    elif home.may_look:
        lines.append("Looking for a mentor two levels up? `/mentor find` suggests three who fit.")
    lines += [f"You mentor {escape(name)}, {_next(day)}." for name, day in home.mentees]
    if len(lines) == 1:
        lines.append(
            "Your offer to mentor is open; `/mentor panel` shows it."
            if home.offers
            else "Would you mentor members two levels below you? `/mentor offer`"
        )
    return section("\n".join(lines))


# Admins ---------------------------------------------------------------------------------


def preview_message(
    rows: Sequence[tuple[str, str]],
    open_requests: int,
    mentors_with_room: int,
    digest: str,
    cohort: str = "",
) -> tuple[str, list[dict[str, Any]]]:
    """Who would be matched with whom: names only, never goals."""
    stay = open_requests - len(rows)
    scope = f" for {escape(cohort)}" if cohort else ""
    summary = (
        f"Mentor match preview{scope}: {plural(open_requests, 'open request')}, "
        f"{plural(mentors_with_room, 'mentor')} with room. "
        f"{plural(len(rows), 'match', 'matches')}; {stay} {'stays' if stay == 1 else 'stay'} open."
    )
    blocks: list[dict[str, Any]] = [section(summary)]
    if rows:
        shown = [f"• {escape(a)} → {escape(b)}" for a, b in rows[:PREVIEW_ROWS]]
        if len(rows) > PREVIEW_ROWS:
            shown.append(f"… and {len(rows) - PREVIEW_ROWS} more")
        blocks.append(section("\n".join(shown)))
        blocks.append(
            actions_block(
                [button("Publish", PUBLISH, digest, style="primary")], block_id="mentor-match"
            )
        )
        blocks.append(context("Nothing is sent until you publish. Each mentor is asked first."))
    return summary, blocks


def published_text(asked: int) -> str:
    return f"Published: {plural(asked, 'mentor')} asked. Mentees hear once their mentor says yes."


def status_text(counts: dict[str, int]) -> str:
    return (
        "*Mentoring in numbers*\n"
        f"• {plural(counts['mentors'], 'mentor')} offering, "
        f"{plural(counts['seats'], 'seat')} free\n"
        f"• {plural(counts['open'], 'open request')}, "
        f"{counts['asked']} waiting on a mentor's answer\n"
        f"• {plural(counts['active'], 'active pair')}, "
        f"{plural(counts['recaps'], 'session')} with a recap\n"
        f"• First-session answers: {counts['fit_yes']} a good fit, {counts['fit_no']} not a fit"
    )


def topic_words(keys: Sequence[str]) -> str:
    return ", ".join(labels(list(keys), TOPICS))


# The panel ------------------------------------------------------------------------------

ADD_ADVISER = "mentor_panel_add"  # mentor_panel_add:<member id>, value the member id
PANEL_UPDATE_OPEN = "mentor_panel_update_open"  # value the quarter, "2027-Q1"
PANEL_UPDATE_FORM = "mentor_panel_update"


def panel_blocks(text: str, suggestions: Sequence[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """The panel, and people the member already knows one click away from joining it:
    (member id, name, why) each."""
    blocks: list[dict[str, Any]] = [section(text)]
    if suggestions:
        blocks.append(section("*People you know who you could add as advisers*"))
        blocks.append(context(" · ".join(f"{escape(name)}: {why}" for _, name, why in suggestions)))
        blocks.append(
            actions_block(
                [
                    button(
                        f"Add {name.split()[0]}",
                        variant(ADD_ADVISER, str(member_id)),
                        str(member_id),
                    )
                    for member_id, name, _ in suggestions
                ],
                block_id="mentor-panel-suggestions",
            )
        )
    return blocks


def panel_update_prompt(quarter: str, readers: int) -> tuple[str, list[dict[str, Any]]]:
    text = "A new quarter: would you like to send your panel a short update?"
    who = plural(readers, "person", "people")
    blocks = [
        section(
            f"A new quarter. Would you like to send your panel ({who}) "
            "a short update on what you're focusing on? Nothing is sent unless you write it.",
            accessory=button("Write an update", PANEL_UPDATE_OPEN, quarter),
        )
    ]
    return text, blocks


def panel_update_modal(quarter: str) -> dict[str, Any]:
    return modal(
        "Panel update",
        [
            section("Your panel gets this as a private message from me, in your words."),
            input_block("focus", "What you're focusing on now", _text(multiline=True)),
        ],
        submit="Send",
        callback_id=PANEL_UPDATE_FORM,
        private_metadata=quarter,
    )


def panel_update_message(member: str, update: str) -> tuple[str, list[dict[str, Any]]]:
    text = f"An update from {member}, for their panel."
    blocks = [
        section(f"*An update from {escape(member)}*, who counts you on their panel:"),
        section(escape(update)),
    ]
    return text, blocks
