"""Messages of the weekly pairing: intro, time poll, follow-up, meet again, nudges."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.members.profile_options import INTERESTS
from bot.slack.blocks import actions_block, button, context, escape, section, truncate, variant
from bot.slack.words import plural
from storage.models import Member, MetAnswer

TIMES = "pairing_times"
TIME_SLOT = "pairing_time_slot"  # one button per slot: pairing_time_slot:1, :2, :3
SKIP = "pairing_skip"
NOT_FIT = "pairing_not_fit"
MET = "pairing_met"  # pairing_met:<MetAnswer>, value "<pairing id>:<MetAnswer>"
AGAIN = "pairing_again"  # pairing_again:yes|no, value "<pairing id>:yes|no"
PAUSE_4W = "pairing_pause_4w"
KEEP = "pairing_keep"

MET_LABELS = {
    MetAnswer.YES: "Yes, we met",
    MetAnswer.NOT_YET: "Not yet",
    MetAnswer.WONT: "We won't",
}


def mention(member: Member) -> str:
    return f"<@{member.slack_user_id}>"


def names(members: Sequence[Member]) -> str:
    mentions = [mention(m) for m in members]
    return (
        " and ".join(mentions)
        if len(mentions) < 3
        else ", ".join(mentions[:-1]) + " and " + mentions[-1]
    )


def interest_label(key: str) -> str:
    return INTERESTS.get(key, f"#{key}")


def intro_message(
    members: Sequence[Member],
    *,
    pairing_id: int,
    shared: Sequence[str],
    icebreaker: str,
    friends: bool,
    repeat: bool,
    opening: str | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """The group DM that introduces a pair or trio, with why and a first question.

    ``opening`` replaces the first line (a newcomer's first-week intro says who joined).
    """
    text, first = _first_line(members, friends=friends)
    if opening:
        text = first = opening
    value = str(pairing_id)
    blocks = [section(first), section(_why(members, shared, repeat=repeat))]
    goals = _goals(members)
    if goals:
        blocks.append(section(goals))
    blocks += [
        section(f":speech_balloon: *Icebreaker:* {icebreaker}"),
        actions_block(
            [
                button("Suggest times", TIMES, value, style="primary"),
                button("Skip this week", SKIP, value),
                button("Not a fit", NOT_FIT, value),
            ],
            block_id=f"pairing-{pairing_id}",
        ),
        context("Find 30 minutes this week: a call, a coffee, or a walk."),
    ]
    return text, blocks


def _first_line(members: Sequence[Member], *, friends: bool) -> tuple[str, str]:
    """The notification text and the intro's bold first line."""
    who = names(members)
    if friends:
        # In a trio only two of the three may have asked, so say what is true for everyone.
        asked = "You both asked" if len(members) == 2 else "Some of you asked"
        first = f"*Time to catch up, {who}!* {asked} to meet again, so here you are."
        return f"Time to catch up: {who}", first
    return f"Meet your pair for this week: {who}", f"*Meet your pair for this week: {who}* :wave:"


def _why(members: Sequence[Member], shared: Sequence[str], *, repeat: bool) -> str:
    why = []
    if shared:
        labels = ", ".join(interest_label(k) for k in sorted(shared)[:6])
        why.append(f"You share an interest in {escape(labels)}.")
    companies = {(m.company or "").strip().lower() for m in members if m.company}
    if len(companies) == len(members):
        why.append("You work at different companies, so you'll see things differently.")
    if repeat:
        why.append("You've met before: nobody new was free for you this week.")
    return " ".join(why) or "You haven't met yet, which is the best reason of all."


def _goals(members: Sequence[Member]) -> str:
    return "\n".join(
        f"• {mention(m)} is working toward: {escape(truncate(m.goals, 200))}"
        for m in members
        if m.goals
    )


def unpaired_text(reason: str) -> str:
    return (
        "There was nobody to pair you with this week "
        f"({reason}). You're first in line next week. :seedling:"
    )


def time_slots_message(
    members: Sequence[Member], slots: Sequence[datetime], *, pairing_id: int
) -> tuple[str, list[dict[str, Any]]]:
    """Which works? Three slots, each shown in every member's own time zone."""
    buttons, lines = [], []
    for index, slot in enumerate(slots):
        lines.append(f"{index + 1}. {slot_line(slot, members)}")
        value = f"{pairing_id}:{int(slot.timestamp())}"
        buttons.append(button(f"Option {index + 1}", variant(TIME_SLOT, str(index + 1)), value))
    text = "Which works? " + "; ".join(lines)
    blocks = [section("*Which works?* Pick one and say hi:\n" + "\n".join(lines))]
    blocks.append(actions_block(buttons))
    return text, blocks


def slot_line(slot: datetime, members: Sequence[Member]) -> str:
    """'Tue 24 Nov 12:00 London / 13:00 Berlin': the slot in each member's time zone."""
    zones = list(dict.fromkeys(m.timezone_name or "UTC" for m in members))
    parts = []
    for index, tz in enumerate(zones):
        local = slot.astimezone(ZoneInfo(tz))
        city = tz.split("/")[-1].replace("_", " ")
        parts.append(f"{local:%a %d %b %H:%M} {city}" if index == 0 else f"{local:%H:%M} {city}")
    return " / ".join(parts)


def slot_picked_text(member: Member, slot_line: str) -> str:
    return f"{mention(member)} picked {slot_line}."


def followup_message(
    members: Sequence[Member], pairing_id: int
) -> tuple[str, list[dict[str, Any]]]:
    text = f"Did you meet, {names(members)}?"
    buttons = [
        button(label, variant(MET, key), f"{pairing_id}:{key}") for key, label in MET_LABELS.items()
    ]
    return text, [section(f"*{text}*"), actions_block(buttons, block_id=f"met-{pairing_id}")]


def meet_again_prompt(
    others: Sequence[Member], pairing_id: int
) -> tuple[str, list[dict[str, Any]]]:
    text = f"Great! Would you like to meet {names(others)} again?"
    # Friendships form pair by pair, so in a trio one other "yes" is enough.
    then = (
        "If you both say yes, we'll bring you together again in a few weeks."
        if len(others) == 1
        else "If one of them says yes too, we'll bring you two together again in a few weeks."
    )
    return text, [
        section(f"{text} {then}"),
        actions_block(
            [
                button("Yes, again", variant(AGAIN, "yes"), f"{pairing_id}:yes", style="primary"),
                button("Not for now", variant(AGAIN, "no"), f"{pairing_id}:no"),
            ]
        ),
    ]


def friends_text(members: Sequence[Member], weeks: int) -> str:
    everyone = "both" if len(members) == 2 else "all"
    return (
        f":tada: {names(members)}, you {everyone} want to meet again. "
        f"We'll pair you again in about {plural(weeks, 'week')}."
    )


def skipped_text(member: Member) -> str:
    return f"{mention(member)} can't make it this week. No worries, there's always next week."


def departed_text(member: Member, repaired: bool) -> str:
    if repaired:
        return f"{escape(member.display_name)} has left the community, so we found you someone new."
    return (
        f"{escape(member.display_name)} has left the community, so this week's intro is off. "
        "If someone else comes free this week we'll introduce you; if not, you're first in "
        "line next week."
    )


def pause_question(first_name: str) -> tuple[str, list[dict[str, Any]]]:
    text = (
        f"Hi {first_name}, the last three intros went unanswered. Busy stretch? "
        "You can pause for four weeks and come back to fresh intros."
    )
    return text, [
        section(text),
        actions_block(
            [
                button("Pause for 4 weeks", PAUSE_4W, "4", style="primary"),
                button("Keep me in", KEEP, "keep"),
            ]
        ),
    ]


def nudge_text(friend: Member) -> str:
    return (
        f"It's been a while since you caught up with {mention(friend)}. "
        "A quick message is all it takes. :wave:"
    )
