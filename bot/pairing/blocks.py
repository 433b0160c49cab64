"""Messages of the weekly pairing: intro, time poll, follow-up, meet again, nudges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.members.profile_options import INTERESTS, LEVELS
from bot.platform.dates import day_words, time_words
from bot.slack.blocks import actions_block, button, context, escape, section, split_text, variant
from bot.slack.words import and_list, plural
from storage.models import Member, MetAnswer

TIMES = "pairing_times"
TIME_SLOT = "pairing_time_slot"  # one button per slot: pairing_time_slot:1, :2, :3
SKIP = "pairing_skip"
NOT_FIT = "pairing_not_fit"
# "Can't make it?" / "Other answer": the private choices, shown only to whoever clicks.
# Value "<pairing id>:intro" or "<pairing id>:met".
PRIVATE = "pairing_private"
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
    """Mentions, as a sentence lists them (for message bodies)."""
    return and_list([mention(m) for m in members])


def plain_names(members: Sequence[Member]) -> str:
    """Names without markup, for a notification's text."""
    return and_list([m.display_name for m in members])


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
    opening: tuple[str, str] | None = None,
    notes: Mapping[str, str] | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """The group DM that introduces a pair or trio: who each person is, why them, a first
    question. Each name appears once, in the line that says who they are.

    ``opening`` replaces the notification text and the headline (a newcomer's first-week
    intro); ``notes`` adds a few words to a person's line, by Slack id ("joined this week").
    """
    text, headline = _headline(members, friends=friends)
    if opening:
        text, headline = opening
    value = str(pairing_id)
    blocks = [section(headline)]
    with_goals = all(m.goals for m in members)  # both people's goals, or neither
    # Goals are member-written (up to 1,000 characters, longer once escaped): split, never cut.
    blocks += [
        section(piece)
        for m in members
        for piece in split_text(who_line(m, (notes or {}).get(m.slack_user_id), goals=with_goals))
    ]
    blocks += [
        section(_why(members, shared, repeat=repeat, friends=friends)),
        section(f":speech_balloon: *Icebreaker:* {icebreaker}"),
        actions_block(
            [
                button("Suggest times", TIMES, value, style="primary"),
                button("Can't make it?", PRIVATE, f"{value}:intro"),
            ],
            block_id=f"pairing-{pairing_id}",
        ),
        context("Find 30 minutes this week: a call, a coffee, or a walk."),
    ]
    return text, blocks


def _headline(members: Sequence[Member], *, friends: bool) -> tuple[str, str]:
    """The notification text and the intro's first line."""
    if friends:
        # In a trio only two of the three may have asked, so say what is true for everyone.
        asked = "You both asked" if len(members) == 2 else "Some of you asked"
        return (
            f"Time to catch up: {plain_names(members)}",
            f"*Time to catch up!* {asked} to meet again, so here you are. :wave:",
        )
    return (
        f"Meet your pair for this week: {plain_names(members)}",
        "*Meet your pair for this week* :wave:",
    )


def describe(member: Member) -> str:
    """Who someone is at work, in a few words: "Senior PM at Northwind"."""
    level = LEVELS.get(member.level or "")
    company = escape(member.company.strip()) if member.company else ""
    if level and company:
        return f"{level} at {company}"
    if company:
        return f"works at {company}"
    return level or "hasn't written a profile yet"


def who_line(member: Member, note: str | None = None, *, goals: bool = True) -> str:
    """One person in an intro: their name, role and company, and what they are working toward."""
    line = f"• {mention(member)}, {describe(member)}"
    if note:
        line += f", {note}"
    if goals and member.goals:
        line += f"\n      _Working toward:_ {escape(member.goals.strip())}"
    return line


def _why(members: Sequence[Member], shared: Sequence[str], *, repeat: bool, friends: bool) -> str:
    """Why these people: what they share first; different companies only as support."""
    heading = "*Why you two:*" if len(members) == 2 else "*Why you three:*"
    # Curated interests first, then free topics they wrote (stored as typed).
    topics = sorted(shared, key=lambda k: (k not in INTERESTS, k))[:6]
    labels = escape(and_list([INTERESTS.get(k, k) for k in topics]))
    if topics and len(members) == 2:
        main = f"You share an interest in {labels}."
    elif topics:
        main = f"At least two of you are into {labels}."
    elif friends:
        main = "You asked to meet again."
    elif repeat:
        main = ""
    else:
        main = "You haven't met yet, which is the best reason of all."
    if repeat and not friends:
        main += " You've met before: nobody new was free for you this week."
    companies = {(m.company or "").strip().lower() for m in members if m.company}
    if len(companies) == len(members):
        main += " Different companies, too, so you'll see things differently."
    return f"{heading} {main.strip()}"


def private_choices(pairing_id: int, where: str) -> tuple[str, list[dict[str, Any]]]:
    """The choices nobody else in the group DM should see, for the one who asked (an
    ephemeral): skip or not a fit under an intro, "we won't meet" under the follow-up."""
    value = str(pairing_id)
    if where == "met":
        text = (
            "Only you can see this. If you won't be meeting this time, say so and I'll stop asking."
        )
        buttons = [button("We won't meet", variant(MET, MetAnswer.WONT), f"{value}:wont")]
    else:
        text = (
            "Only you can see this. *Skip this week* tells the others you can't make it this "
            "time. *Not a fit* means I won't pair you with them again, and nobody is told."
        )
        buttons = [button("Skip this week", SKIP, value), button("Not a fit", NOT_FIT, value)]
    fallback = text.replace("*", "")
    return fallback, [section(text), actions_block(buttons, block_id=f"private-{value}")]


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
        clock = f"{time_words(local)} {city}"
        parts.append(f"{day_words(local)} {clock}" if index == 0 else clock)
    return " / ".join(parts)


def slot_picked_text(member: Member, slot_line: str) -> str:
    return f"{mention(member)} picked {slot_line}."


def followup_message(
    members: Sequence[Member], pairing_id: int
) -> tuple[str, list[dict[str, Any]]]:
    text = f"Did you meet, {plain_names(members)}?"
    buttons = [
        button(label, variant(MET, key), f"{pairing_id}:{key}")
        for key, label in MET_LABELS.items()
        if key != MetAnswer.WONT
    ]
    buttons.append(button("Other answer", PRIVATE, f"{pairing_id}:met"))
    question = f"*Did you meet, {names(members)}?*"
    return text, [section(question), actions_block(buttons, block_id=f"met-{pairing_id}")]


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


def pause_question(first_name: str, ignored: int = 3) -> tuple[str, list[dict[str, Any]]]:
    """``ignored``: how many intros in a row went unanswered before asking."""
    last = "your last intro" if ignored == 1 else f"the last {plural(ignored, 'intro')}"
    text = (
        f"Hi {first_name}, {last} went unanswered. Busy stretch? "
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
