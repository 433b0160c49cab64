"""What members, guests and admins read about tiny lunches: messages as (text, blocks).

Pure builders. Times are in the reader's own zone (``tz``); a message several people read
at once (the channel post, the table's group DM) uses Slack's date token instead. The
``text`` of each message is what notifications show: plain words, names, no markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.lunches.draw import Reason
from bot.lunches.times import community_when, day, slack_date, when
from bot.members.profile_options import INTERESTS
from bot.slack.blocks import (
    actions_block,
    button,
    context,
    escape,
    header,
    section,
    split_text,
    truncate,
)
from bot.slack.words import plural

ASK = "lunch_ask"
CONFIRM = "lunch_confirm"
DECLINE = "lunch_decline"
TAKEAWAY = "lunch_takeaway"
SHOWN_TAKEAWAYS = 20
SHOWN_QUESTIONS = 15
SHOWN_LUNCHES = 15  # three blocks each at most: within a message's 50

NOT_A_QA = (
    "This is a conversation, not a Q&A: a small table, honest answers, and what is said "
    "here stays here. Bring one real problem you are working on."
)


@dataclass(frozen=True)
class Guest:
    name: str
    user_id: str | None  # None for an outside guest
    title: str | None
    company: str | None
    bio: str | None

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def role(self) -> str:
        """ "VP Product, Globex" — whatever of the two we know."""
        return ", ".join(part for part in (self.title, self.company) if part)


@dataclass(frozen=True)
class LunchView:
    """A lunch as the builders need it (no ORM rows here)."""

    id: int
    guest: Guest
    starts_at: datetime
    closes_at: datetime
    place: str
    seats: int
    tags: tuple[str, ...]


def _guest_line(guest: Guest) -> str:
    role = f" — {escape(guest.role)}" if guest.role else ""
    return f"*{escape(guest.name)}*{role}"


def _topics(tags: Sequence[str]) -> str:
    return ", ".join(INTERESTS.get(t, t) for t in tags)


def announcement(lunch: LunchView, tz: ZoneInfo, *, greeting: str | None = None):
    """The channel post (``greeting`` None) or an invited member's DM, with the button."""
    guest = lunch.guest
    text = (
        f"Tiny lunch with {guest.name} on {community_when(lunch.starts_at, tz)}: "
        f"{plural(lunch.seats, 'seat')}. Ask for one before "
        f"{community_when(lunch.closes_at, tz)}."
    )
    lines = [_guest_line(guest)]
    if guest.bio:
        lines.append(escape(guest.bio))
    lines.append(f"*When:* {slack_date(lunch.starts_at, tz)}\n*Where:* {escape(lunch.place)}")
    lines.append(
        f"*{plural(lunch.seats, 'seat')}* · sign-up closes {slack_date(lunch.closes_at, tz)}"
    )
    if lunch.tags:
        lines.append(f"*Topics:* {_topics(lunch.tags)}")
    blocks: list[dict[str, Any]] = [header(f"Tiny lunch with {guest.name}")]
    if greeting:
        blocks.append(section(greeting))
    blocks += [
        section("\n".join(lines)),
        context(
            "Seats go first to members who have had the fewest this season, not to whoever "
            "clicks first. Everyone who asks hears back."
        ),
        actions_block(
            [button("I'd like a seat", ASK, str(lunch.id), "primary")],
            block_id=f"lunch_{lunch.id}",
        ),
    ]
    return text, blocks


def announcement_closed(lunch: LunchView, tz: ZoneInfo, *, cancelled: bool, asked: int = 0):
    """The channel post once sign-up is over: the same lunch, without the button, saying
    why (an edit of the announcement, so the channel never shows a button that refuses)."""
    text, blocks = announcement(lunch, tz)
    if cancelled:
        note = "This lunch was cancelled. Everyone who asked for a seat has heard from me."
        text = f"Cancelled: tiny lunch with {lunch.guest.name}."
    else:
        note = (
            f"Sign-up is closed: {plural(asked, 'member')} asked for "
            f"{plural(lunch.seats, 'seat')}, and everyone who asked has heard back. "
            "`/lunch` shows the next lunches."
        )
        text = f"Sign-up closed: tiny lunch with {lunch.guest.name} on " + community_when(
            lunch.starts_at, tz
        )
    kept = [b for b in blocks if b.get("type") not in ("actions", "context")]
    return text, [*kept, context(note)]


def invitation(lunch: LunchView, first_name: str, tz: ZoneInfo):
    greeting = (
        f"Hi {escape(first_name)}, this lunch's topics match your interests, so you're invited."
    )
    text, blocks = announcement(lunch, tz, greeting=greeting)
    return f"Hi {first_name}, you're invited. {text}", blocks


def planned_text(lunch: LunchView, tz: ZoneInfo, invited: int | None) -> str:
    """The admin's answer once the form went through."""
    told = (
        f", and {plural(invited, 'member')} whose interests match are invited by DM"
        if invited is not None
        else ""
    )
    return (
        f"Lunch #{lunch.id} with {lunch.guest.name} is planned for "
        f"{community_when(lunch.starts_at, tz)} and announced in the channel{told}."
    )


def signed_up_text(lunch: LunchView, tz: ZoneInfo, *, again: bool) -> str:
    first = "Your question is updated." if again else "You're on the list."
    return (
        f"{first} Seats for the lunch with {lunch.guest.name} are drawn when sign-up closes "
        f"({when(lunch.closes_at, tz)}, your time), and I'll tell you either way."
    )


LATE_DRAW = (
    "The draw ran late (I was offline when sign-up closed), so there's no time left to "
    "confirm: the seat is yours unless you tap I can't make it."
)


def seat_offer(
    lunch: LunchView,
    tz: ZoneInfo,
    signup_id: int,
    confirm_by: datetime,
    *,
    freed: bool,
    late: bool = False,
):
    """The DM with the seat, and the two buttons. ``late``: drawn within two hours of the
    lunch (the bot was down at sign-up close), so there is no deadline to confirm by."""
    guest = lunch.guest
    start = "A seat came free and it's yours" if freed else "You have a seat"
    ask = LATE_DRAW if late else f"Please confirm by {when(confirm_by, tz)}."
    text = f"{start}: tiny lunch with {guest.name}, {when(lunch.starts_at, tz)} (your time). {ask}"
    body = (
        f"{start} at the tiny lunch with {_guest_line(guest)}.\n"
        f"*When:* {when(lunch.starts_at, tz)} (your time)\n*Where:* {escape(lunch.place)}\n"
        + (
            LATE_DRAW
            if late
            else f"Please confirm by *{when(confirm_by, tz)}*; after that the seat goes to the "
            "next person waiting."
        )
    )
    blocks = [
        section(body),
        actions_block(
            [
                button("I'll be there", CONFIRM, str(signup_id), "primary"),
                button("I can't make it", DECLINE, str(signup_id)),
            ],
            block_id=f"lunch_seat_{signup_id}",
        ),
    ]
    return text, blocks


REASONS = {
    Reason.NONE_YET: "seats went to members who had none yet this season",
    Reason.FEWER_SEATS: "seats went to members who have had fewer this season than you",
    Reason.ASKED_LONGER: "seats went to members who have been asking longer without one",
    Reason.FEWER_EVER: "seats went to members who have had fewer seats so far",
    Reason.COLLEAGUE: (
        "we keep colleagues from the same company at different tables, and someone from yours "
        "has a seat at this one"
    ),
    Reason.BALANCE: (
        "the last seats were shared among members with the same claim as yours, balancing "
        "the table by company and circle, and a fair draw did the rest"
    ),
}


def waitlisted_text(lunch: LunchView, tz: ZoneInfo, reason: str | None, line: int) -> str:
    why = (
        REASONS.get(Reason(reason), REASONS[Reason.BALANCE]) if reason else REASONS[Reason.BALANCE]
    )
    place = "first" if line == 1 else f"number {line}"
    return (
        f"Not this time for the lunch with {lunch.guest.name}: {why}. You're {place} on the "
        "waitlist if a seat comes free, and every lunch you miss moves you up for the next "
        "one."
    )


def confirmed_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"Wonderful, see you on {when(lunch.starts_at, tz)} (your time). Two days before, "
        "the table gets a group message with who's coming and a calendar file."
    )


def gave_back_text(lunch: LunchView) -> str:
    return (
        f"Thanks for letting us know. Your seat at the lunch with {lunch.guest.name} goes to "
        "the next person waiting, and you keep your place for the next lunch."
    )


def expired_text(lunch: LunchView) -> str:
    return (
        f"I didn't hear back in time, so your seat at the lunch with {lunch.guest.name} went to "
        "the next person waiting. Ask again for the next one: `/lunch` shows what's coming."
    )


def cancelled_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"Sorry: the tiny lunch with {lunch.guest.name} on {when(lunch.starts_at, tz)} is "
        "cancelled. Thank you for wanting to be there; this doesn't count against you, and "
        "`/lunch` shows the next ones."
    )


def late_draw_admin_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"The draw for lunch #{lunch.id} with {lunch.guest.name} ({when(lunch.starts_at, tz)}) "
        f"ran late: I was offline when sign-up closed ({when(lunch.closes_at, tz)}). Everyone "
        "who asked has heard, with less than two hours' notice, and a seat given back now "
        "stays empty. `/lunch list` shows the table."
    )


def missed_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"Sorry: I couldn't draw seats for the tiny lunch with {lunch.guest.name} on "
        f"{when(lunch.starts_at, tz)}. I was offline from when sign-up closed until after it "
        "began. This doesn't count against you, and `/lunch` shows the next ones."
    )


def missed_admin_text(lunch: LunchView, tz: ZoneInfo, asked: int) -> str:
    return (
        f"I couldn't draw seats for lunch #{lunch.id} with {lunch.guest.name} "
        f"({when(lunch.starts_at, tz)}): I was offline from when sign-up closed until after "
        f"it began. I've marked it cancelled and told the {plural(asked, 'member')} who asked. "
        "Please let the guest know, and plan it again with `/lunch new` if you like."
    )


@dataclass(frozen=True)
class Diner:
    name: str
    role: str  # "Senior PM, Globex", or ""


def brief(lunch: LunchView, tz: ZoneInfo, diners: Sequence[Diner], questions: Sequence[str]):
    """The table's group DM 48 hours before: who, the guest's bio, the questions."""
    guest = lunch.guest
    text = (
        f"Your tiny lunch with {guest.name} is in two days: {community_when(lunch.starts_at, tz)}"
        f", {lunch.place}. Who's coming and the table's questions are below."
    )
    who = "\n".join(
        f"• {escape(d.name)}" + (f" — {escape(d.role)}" if d.role else "") for d in diners
    )
    guest_part = _guest_line(guest) + (f"\n{escape(guest.bio)}" if guest.bio else "")
    blocks: list[dict[str, Any]] = [
        header(f"Tiny lunch with {guest.name}"),
        section(f"*When:* {slack_date(lunch.starts_at, tz)}\n*Where:* {escape(lunch.place)}"),
        section(f"*Our guest*\n{guest_part}"),
        section(f"*Who's coming ({plural(len(diners), 'person', 'people')})*\n{who}"),
    ]
    if questions:
        shown = [f"• {escape(q)}" for q in questions[:SHOWN_QUESTIONS]]
        if len(questions) > SHOWN_QUESTIONS:
            shown.append(f"… and {len(questions) - SHOWN_QUESTIONS} more")
        for piece in split_text("*What the table would like to ask*\n" + "\n".join(shown)):
            blocks.append(section(piece))
    blocks.append(context(NOT_A_QA))
    return text, blocks


def calendar_text(lunch: LunchView) -> str:
    return f"The lunch with {lunch.guest.name} for your calendar: open the file to add it."


def day_before_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"Tomorrow: tiny lunch with {lunch.guest.name}, {when(lunch.starts_at, tz)} (your "
        f"time), {lunch.place}. {NOT_A_QA}"
    )


def hour_before_text(lunch: LunchView, tz: ZoneInfo) -> str:
    local = lunch.starts_at.astimezone(tz)
    return (
        f"In an hour: tiny lunch with {lunch.guest.name} at {local:%H:%M} (your time), "
        f"{lunch.place}. Enjoy it."
    )


def takeaway_ask(lunch: LunchView, first_name: str, signup_id: int):
    guest = lunch.guest
    text = (
        f"Hi {first_name}, how was lunch with {guest.name}? Share one takeaway: you choose "
        "whether it goes in the thank-you to the guest or the vault."
    )
    blocks = [
        section(
            f"Hi {escape(first_name)}, how was lunch with {escape(guest.name)}? Share one "
            "thing you took away. It stays private unless you tick a box: the thank-you to "
            f"{escape(guest.first_name)}, or the vault as a note for every member."
        ),
        actions_block(
            [button("Share a takeaway", TAKEAWAY, str(signup_id), "primary")],
            block_id=f"lunch_takeaway_{signup_id}",
        ),
    ]
    return text, blocks


def thank_you(lunch: LunchView, tz: ZoneInfo, takeaways: Sequence[str], *, relay: bool):
    """To the guest, or (``relay``, an outside guest) to the admin who planned the lunch."""
    guest = lunch.guest
    date_words = day(lunch.starts_at, tz)
    if relay:
        opening = (
            f"{guest.name} isn't in this workspace, so here is the table's thank-you from the "
            f"lunch on {date_words} for you to pass on."
        )
    else:
        opening = f"Thank you for lunch on {date_words}, {guest.first_name}. The table loved it."
    if takeaways:
        shown = [f"• {escape(t)}" for t in takeaways[:SHOWN_TAKEAWAYS]]
        if len(takeaways) > SHOWN_TAKEAWAYS:
            shown.append(f"… and {len(takeaways) - SHOWN_TAKEAWAYS} more")
        body = "Here is what members said they took away:\n" + "\n".join(shown)
    else:
        body = "Nobody chose to share a written takeaway, but the conversation stays with them."
    text = f"{opening} {plural(len(takeaways), 'takeaway')} shared."
    blocks = [section(escape(opening))] + [section(piece) for piece in split_text(body)]
    return text, blocks


def takeaway_saved_text(*, to_guest: bool, to_vault: bool, title: str | None) -> str:
    parts = ["Thanks, your takeaway is saved."]
    if to_guest:
        parts.append("It will be in the thank-you to the guest.")
    if to_vault and title:
        parts.append(f"It's in the vault as “{truncate(title, 80)}”.")
    if not (to_guest or to_vault):
        parts.append("It stays private: only you see it.")
    return " ".join(parts)


@dataclass(frozen=True)
class Upcoming:
    lunch: LunchView
    status: str | None  # the member's sign-up status, or None
    open: bool  # sign-up still open


STATUS_WORDS = {
    "asked": "you asked for a seat",
    "seated": "you have a seat: please confirm",
    "confirmed": "you have a seat",
    "waitlisted": "you're on the waitlist",
    "gave_back": "you gave your seat back",
    "expired": "your seat went to the waitlist",
    "withdrawn": "you left the list",
}


def upcoming_message(items: Sequence[Upcoming], tz: ZoneInfo):
    """`/lunch`: what's coming, with my status and the button where I can still ask."""
    if not items:
        return (
            "No tiny lunches are planned right now. They're announced in the channel, and "
            "members whose interests match get a DM.",
            None,
        )
    text = f"{plural(len(items), 'tiny lunch', 'tiny lunches')} coming up."
    blocks: list[dict[str, Any]] = [section(f"*{escape(text)}* Times are yours.")]
    for item in items[:SHOWN_LUNCHES]:
        lunch = item.lunch
        mine = STATUS_WORDS.get(item.status or "", "")
        state = f" · {mine}" if mine else ""
        line = (
            f"*#{lunch.id}* {_guest_line(lunch.guest)}\n{when(lunch.starts_at, tz)} · "
            f"{escape(lunch.place)} · {plural(lunch.seats, 'seat')}{state}"
        )
        blocks.append(section(line))
        if item.open and item.status in (None, "withdrawn"):
            blocks.append(
                actions_block(
                    [button("I'd like a seat", ASK, str(lunch.id))], block_id=f"lunch_{lunch.id}"
                )
            )
        elif item.status in ("asked", "seated", "confirmed", "waitlisted"):
            blocks.append(context(f"To give it back: `/lunch leave {lunch.id}`"))
    if len(items) > SHOWN_LUNCHES:
        blocks.append(context(f"… and {len(items) - SHOWN_LUNCHES} more, further ahead"))
    return text, blocks


HOME_SHOWN = 3


def home_section(items: Sequence[Upcoming], tz: ZoneInfo) -> dict[str, Any] | None:
    """App Home's tiny-lunch lines: the lunches I asked for, with where I stand, and those
    I can still ask for; None when there is nothing for me (the section is left out)."""
    lines = []
    for item in items:
        lunch = item.lunch
        mine = STATUS_WORDS.get(item.status or "", "")
        if item.status in ("asked", "seated", "confirmed", "waitlisted"):
            lines.append(f"• {escape(lunch.guest.name)}, {when(lunch.starts_at, tz)}: {mine}")
        elif item.open:
            lines.append(
                f"• {escape(lunch.guest.name)}, {when(lunch.starts_at, tz)}: sign-up open "
                f"until {when(lunch.closes_at, tz)}"
            )
    if not lines:
        return None
    shown = lines[:HOME_SHOWN]
    if len(lines) > HOME_SHOWN:
        shown.append(f"… and {len(lines) - HOME_SHOWN} more")
    return section(
        "*Tiny lunches* (your time; `/lunch` to ask or give a seat back)\n" + "\n".join(shown)
    )


@dataclass(frozen=True)
class AdminRow:
    lunch: LunchView
    status: str
    counts: dict[str, int]


def admin_list_text(rows: Sequence[AdminRow], tz: ZoneInfo) -> str:
    """`/lunch list`: counts only, never questions or takeaways."""
    if not rows:
        return "No tiny lunches are coming up. Plan one with `/lunch new`."
    lines = [f"*{plural(len(rows), 'tiny lunch', 'tiny lunches')} coming up*"]
    for row in rows:
        lunch, n = row.lunch, row.counts
        asked = sum(n.values())
        head = (
            f"• *#{lunch.id}* {escape(lunch.guest.name)}, {when(lunch.starts_at, tz)} · "
            f"{plural(lunch.seats, 'seat')} · {plural(asked, 'sign-up')}"
        )
        if row.status == "planned":
            head += f" · sign-up closes {when(lunch.closes_at, tz)}"
        else:
            at_table = n.get("seated", 0) + n.get("confirmed", 0)
            head += (
                f" · {at_table} seated ({n.get('confirmed', 0)} confirmed), "
                f"{n.get('waitlisted', 0)} waiting"
            )
        lines.append(head)
    return "\n".join(lines)
