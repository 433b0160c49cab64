"""A member's seat, in their DMs: on the list, the offer with its two buttons, the
waitlist and why, confirmed, given back, expired, cancelled, and the late or missed draw
(to the members who asked and the admin who planned the lunch). Pure builders."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.lunches.blocks import LunchView, guest_line
from bot.lunches.draw import Reason
from bot.platform.dates import day_and_time
from bot.slack.blocks import actions_block, button, escape, section
from bot.slack.words import plural

CONFIRM = "lunch_confirm"
DECLINE = "lunch_decline"


def signed_up_text(lunch: LunchView, tz: ZoneInfo, *, again: bool) -> str:
    first = "Your question is updated." if again else "You're on the list."
    return (
        f"{first} Seats for the lunch with {lunch.guest.name} are drawn when sign-up closes "
        f"({day_and_time(lunch.closes_at, tz)}, your time), and I'll tell you either way."
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
    ask = LATE_DRAW if late else f"Please confirm by {day_and_time(confirm_by, tz)}."
    starts = day_and_time(lunch.starts_at, tz)
    text = f"{start}: tiny lunch with {guest.name}, {starts} (your time). {ask}"
    body = (
        f"{start} at the tiny lunch with {guest_line(guest)}.\n"
        f"*When:* {starts} (your time)\n*Where:* {escape(lunch.place)}\n"
        + (
            LATE_DRAW
            if late
            else f"Please confirm by *{day_and_time(confirm_by, tz)}*; after that the seat goes "
            "to the next person waiting."
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
        f"Wonderful, see you on {day_and_time(lunch.starts_at, tz)} (your time). Two days before, "
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
        f"Sorry: the tiny lunch with {lunch.guest.name} on {day_and_time(lunch.starts_at, tz)} is "
        "cancelled. Thank you for wanting to be there; this doesn't count against you, and "
        "`/lunch` shows the next ones."
    )


def late_draw_admin_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"The draw for lunch #{lunch.id} with {lunch.guest.name} "
        f"({day_and_time(lunch.starts_at, tz)}) ran late: I was offline when sign-up closed "
        f"({day_and_time(lunch.closes_at, tz)}). Everyone who asked has heard, "
        "with less than two hours' notice, and a seat given back now stays empty. "
        "`/lunch list` shows the table."
    )


def missed_text(lunch: LunchView, tz: ZoneInfo) -> str:
    return (
        f"Sorry: I couldn't draw seats for the tiny lunch with {lunch.guest.name} on "
        f"{day_and_time(lunch.starts_at, tz)}. I was offline from when sign-up closed until "
        "after it began. This doesn't count against you, and `/lunch` shows the next ones."
    )


def missed_admin_text(lunch: LunchView, tz: ZoneInfo, asked: int) -> str:
    return (
        f"I couldn't draw seats for lunch #{lunch.id} with {lunch.guest.name} "
        f"({day_and_time(lunch.starts_at, tz)}): I was offline from when sign-up closed until "
        f"after it began. I've marked it cancelled and told the {plural(asked, 'member')} who "
        "asked. Please let the guest know, and plan it again with `/lunch new` if you like."
    )
