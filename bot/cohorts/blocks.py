"""Cohort messages: the announcement, the review pages, status, and the DMs applicants get."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.cohorts.application_blocks import application_card
from bot.platform.dates import dated, long_day
from bot.slack.blocks import (
    actions_block,
    button,
    context,
    divider,
    escape,
    header,
    section,
    truncate,
)
from bot.slack.words import all_of, plural
from storage.models import Application, ApplicationStatus, Cohort, CohortStatus, Member

APPLY = "cohort_apply"
REVIEW_PAGE = "cohort_review_page"
START = "cohort_start"
CONFIRM = "cohort_confirm"
WITHDRAW = "cohort_withdraw"
PAGE_SIZE = 5


def _name(cohort: Cohort) -> str:
    return escape(truncate(cohort.name, 80))


def _closes(closes_on: date | None) -> str:
    return f"Applications close on {long_day(closes_on)}." if closes_on else ""


# What Product Circle is, in one sentence, for people who have not joined yet.
WHAT_IT_IS = (
    "Product Circle is a small community of product managers who become friends: a weekly "
    "1:1 intro, a circle of peers with a senior guide, and a shared vault of playbooks."
)


def _sentences(*parts: str) -> str:
    """Sentences joined by one space, leaving out empty ones (no stray spaces)."""
    return " ".join(part for part in parts if part)


def announcement(cohort: Cohort) -> tuple[str, list[dict[str, Any]]]:
    text = f"Applications are open for {cohort.name}"
    blocks = [
        header(f"Applications are open: {cohort.name}"),
        section(
            _sentences(
                WHAT_IT_IS,
                f"This cohort has *{plural(cohort.spots, 'spot')}*.",
                _closes(cohort.closes_on),
            )
        ),
        actions_block([button("Apply", APPLY, str(cohort.id), style="primary")]),
    ]
    return text, blocks


def opened_text(cohort: Cohort, channel: str) -> str:
    return _sentences(
        f"*{_name(cohort)}* is open with {plural(cohort.spots, 'spot')}.",
        _closes(cohort.closes_on),
        f"The announcement with its *Apply* button is on its way to <#{channel}> (if I'm not "
        "in that channel yet, `/invite` me there).",
    )


def open_invitation(
    cohort: Cohort, first_name: str, *, first: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """For people in the workspace who are waiting to be admitted; ``first`` is their very
    first DM from the bot, so it also says what Product Circle is and how joining works."""
    text = f"Applications are open for {cohort.name}, {first_name}"
    about = (
        _sentences(
            WHAT_IT_IS,
            "New members join in small cohorts, and intros and circles start once you're admitted.",
        )
        if first
        else ""
    )
    blocks = [
        section(
            _sentences(
                f"Hi {escape(first_name)}! :wave:",
                about,
                f"Applications are open for *{_name(cohort)}* ({plural(cohort.spots, 'spot')}).",
                _closes(cohort.closes_on),
                "Press *Apply* to tell us a little about yourself; it takes five minutes.",
            )
        ),
        actions_block([button("Apply", APPLY, str(cohort.id), style="primary")]),
    ]
    return text, blocks


def review_page(
    cohort: Cohort,
    cards: Sequence[tuple[Application, Member]],
    *,
    page: int,
    total: int,
) -> tuple[str, list[dict[str, Any]]]:
    """One page of pending (then waitlisted) applications: at most 5 cards, 3 blocks each."""
    if not cards:
        text = f"No applications are waiting for review in {cohort.name}."
        return text, [section(f"No applications are waiting for review in *{_name(cohort)}*.")]
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    blocks: list[dict[str, Any]] = [
        section(
            f"*{_name(cohort)}* — {total} to review · spots taken {cohort.taken} of "
            f"{cohort.spots} · page {page + 1} of {pages}"
        )
    ]
    for application, member in cards:
        blocks.append(divider())
        blocks.extend(application_card(application, member, page=page))
    turns = []
    if page > 0:
        turns.append(button("Previous", f"{REVIEW_PAGE}_prev", f"{cohort.id}:{page - 1}"))
    if page + 1 < pages:
        turns.append(button("Next", f"{REVIEW_PAGE}_next", f"{cohort.id}:{page + 1}"))
    if turns:
        blocks.append(actions_block(turns))
    return f"{plural(total, 'application')} to review in {cohort.name}", blocks


def spots_taken(spots: int, where: str = "") -> str:
    """A full cohort in words: "The only spot is taken.", "Both spots in X are taken."."""
    words = all_of(spots, "spot")
    where = f" in {where}" if where else ""
    return f"{words[0].upper()}{words[1:]}{where} {'is' if spots == 1 else 'are'} taken."


def spots_full(cohort: Cohort, application_id: int) -> tuple[str, list[dict[str, Any]]]:
    text = spots_taken(cohort.spots, cohort.name)
    return text, [
        section(f"{spots_taken(cohort.spots, f'*{_name(cohort)}*')} Waitlist instead?"),
        actions_block([button("Waitlist", "cohort_waitlist", str(application_id))]),
    ]


def status_text(cohort: Cohort | None, counts: Mapping[str, int], today: date) -> str:
    if cohort is None:
        return "There are no cohorts yet. Open one with `/cohort open <name>`."
    state = cohort.status
    if state == CohortStatus.OPEN and cohort.closes_on and today > cohort.closes_on:
        state = f"open, but past its closing date ({cohort.closes_on.isoformat()})"
    elif state == CohortStatus.OPEN and cohort.closes_on:
        state = f"open until {cohort.closes_on.isoformat()}"
    elif state == CohortStatus.CLOSED:
        state = "closed, waiting to start"
    parts = ", ".join(
        f"{counts.get(s, 0)} {s}"
        for s in (
            ApplicationStatus.PENDING,
            ApplicationStatus.ADMITTED,
            ApplicationStatus.WAITLISTED,
            ApplicationStatus.DECLINED,
        )
    )
    withdrawn = counts.get(ApplicationStatus.WITHDRAWN, 0)
    extra = f", {withdrawn} withdrawn" if withdrawn else ""
    first = f"*{_name(cohort)}* is {state}."
    if cohort.status == CohortStatus.STARTED:
        on = f" on {dated(cohort.started_at)}" if cohort.started_at else ""
        first = f"*{_name(cohort)}* started{on}. No cohort is open now."
    return (
        f"{first}\n"
        f"Applications: {parts}{extra}.\n"
        f"Spots left: {cohort.spots - cohort.taken} of {cohort.spots}."
    )


def list_text(rows: Sequence[tuple[Cohort, Mapping[str, int]]]) -> str:
    if not rows:
        return "There are no cohorts yet."
    lines = ["*Cohorts*"]
    for cohort, counts in rows:
        total = sum(counts.values())
        lines.append(
            f"• *{_name(cohort)}* — {cohort.status} · "
            f"{cohort.taken}/{plural(cohort.spots, 'spot')} · "
            f"{plural(total, 'application')}"
            f" ({counts.get(ApplicationStatus.ADMITTED, 0)} admitted,"
            f" {counts.get(ApplicationStatus.WAITLISTED, 0)} waitlisted)"
        )
    return truncate("\n".join(lines), 3000)


def closed_message(cohort: Cohort, counts: Mapping[str, int]) -> tuple[str, list[dict[str, Any]]]:
    """Ephemeral answer to `/cohort close`, with the Start button (and its confirmation)."""
    admitted = counts.get(ApplicationStatus.ADMITTED, 0)
    pending = counts.get(ApplicationStatus.PENDING, 0)
    lines = [f"Applications for *{_name(cohort)}* are closed. {admitted} admitted."]
    if pending:
        lines.append(
            f"{plural(pending, 'application')} {'is' if pending == 1 else 'are'} still waiting: "
            "`/cohort review` them before you start."
        )
    start = button("Start cohort", START, str(cohort.id), style="primary")
    start["confirm"] = {
        "title": {"type": "plain_text", "text": "Start the cohort?"},
        "text": {
            "type": "mrkdwn",
            "text": (
                "The admitted person becomes a member, gets a welcome and their first-week "
                if admitted == 1
                else f"The {admitted} admitted people become members, get a welcome and their "
                "first-week "
            )
            + "intros. This cannot be undone.",
        },
        "confirm": {"type": "plain_text", "text": "Start"},
        "deny": {"type": "plain_text", "text": "Not yet"},
    }
    return f"Applications for {cohort.name} are closed.", [
        section("\n".join(lines)),
        actions_block([start]),
    ]


def started_text(cohort: Cohort, members: int, intros: int) -> str:
    return (
        f":tada: *{_name(cohort)}* has started: {plural(members, 'new member')}, welcomed, "
        f"with {plural(intros, 'first-week intro')} on the way. "
        "They are ready to be placed in circles."
    )


def admitted_dm(cohort: Cohort, application_id: int, *, from_waitlist: bool) -> tuple[str, list]:
    lead = (
        f"Good news: a spot opened up in *{_name(cohort)}*, and it's yours!"
        if from_waitlist
        else f"You're in! You've been admitted to *{_name(cohort)}*."
    )
    text = f"You've been admitted to {cohort.name}"
    value = str(application_id)
    return text, [
        section(
            f":tada: {lead} We'll start together when applications close; "
            "you'll get a welcome and your first introductions then."
        ),
        section("Can you make it? If not, tell us, and we'll offer your spot to someone else."),
        actions_block(
            [
                button("I'm in", CONFIRM, value, style="primary"),
                button("I can't make it", WITHDRAW, value),
            ],
            block_id=f"invitation-{application_id}",
        ),
    ]


def waitlisted_dm(cohort: Cohort, position: int) -> str:
    return (
        f"Thank you for applying to {cohort.name}. It's full for now, so you're on the "
        f"waitlist (number {position}). If a spot opens up before we start, it's yours, "
        "and I'll tell you right away."
    )


def declined_dm(cohort: Cohort, note: str | None) -> str:
    text = (
        f"Thank you for applying to {cohort.name}. We can't offer you a spot in this "
        "cohort. This is about fit with this group, not about you; you're welcome to "
        "apply to a later cohort."
    )
    if note:
        text += f"\n\nA note from the admins:\n>{escape(truncate(note, 1000))}"
    return text


def not_started_dm(cohort: Cohort) -> str:
    return (
        f"{cohort.name} has started without a spot for you this time. Your application "
        "stays on file, and I'll tell you when the next cohort opens."
    )


def member_welcome(
    first_name: str, cohort: Cohort, *, intros: int, round_day: str, weekly_from: str
) -> tuple[str, list[dict[str, Any]]]:
    """The rhythm a new member can expect, sent when their cohort starts (before any intro)."""
    text = f"Welcome to Product Circle, {first_name}! {cohort.name} starts today."
    first_week = (
        f"• *This week:* {plural(intros, 'introduction')} to members who share your interests, "
        f"one a day from tomorrow. Your weekly intros start on {weekly_from}."
        if intros
        else f"• *This week:* your first weekly intro comes on {weekly_from}."
    )
    return text, [
        section(
            f"*Welcome to Product Circle, {escape(first_name)}!* :wave: "
            f"*{_name(cohort)}* starts today."
        ),
        section(
            "*Your week here*\n"
            f"{first_week}\n"
            f"• *Every {round_day}:* a 1:1 intro to a member you haven't met, chosen for shared "
            "interests. Later that week I'll ask whether you met; if you'd like to meet again, "
            "say so and I'll pair you again in a few weeks.\n"
            "• *Your circle:* 3–4 peers and a senior guide who check in every week. "
            "You'll be placed in one soon.\n"
            "• *The vault:* templates and playbooks from members, `/vault search gtm`."
        ),
        context(
            "Your profile starts from your application: `/profile` to change it. "
            "`/pairing pause 2w` when you need a break."
        ),
    ]


def onboarding_opening(
    newcomer: Member, other: Member, cohort: Cohort, *, both_new: bool
) -> tuple[tuple[str, str], dict[str, str]]:
    """A first-week intro's notification text and headline, and what to add to each
    person's line (names stay in those lines: each person is named once)."""
    text = f"A first-week intro: {newcomer.display_name} and {other.display_name}"
    headline = "*A first-week intro* :wave:"
    joined = f"new with {_name(cohort)}"
    notes = {newcomer.slack_user_id: joined}
    notes[other.slack_user_id] = joined if both_new else "a member for a while"
    return (text, headline), notes
