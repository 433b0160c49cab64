"""Two ordinary weeks before the admins' pulse, so the pulse has something to measure.

The story's clock jumps from one feature to the next; the pulse reports last week, so
without these weeks it would report a week in which nothing happened. Each week runs the
real jobs (the Monday round, Tuesday's check-ins, Thursday's "did you meet?") and members
answer as people do: most, not all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.demo.community import next_monday_nine
from bot.demo.story import Story
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.schedule import round_due
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.slack.words import plural
from jobs.circles import run_checkins
from jobs.pairing import record_missed_round, run_weekly_round, send_followups
from storage.models import CircleMember, CircleRole, Member

EMPTY_SEARCH = "offsites"  # a word the demo's vault has nothing for
PROMPT = "Time for your weekly check-in"
AGAIN = "Would you like to meet"


@dataclass
class WeekPlan:
    """How members answer in one week: who stays quiet, and whether a pair become friends."""

    unanswered_intros: int  # intros nobody answers
    not_yet_intros: int  # intros answered "not yet"
    unanswered_checkins: int  # peers who neither check in nor skip
    friends: bool  # the first pair both ask to meet again
    search: str | None = None  # a vault search that finds nothing


PLANS = (
    WeekPlan(unanswered_intros=1, not_yet_intros=1, unanswered_checkins=3, friends=False),
    WeekPlan(
        unanswered_intros=0,
        not_yet_intros=1,
        unanswered_checkins=1,
        friends=True,
        search=EMPTY_SEARCH,
    ),
)


def ordinary_weeks(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
) -> None:
    """Two weeks of community life, told in a line or two each; the first is this week
    if its round can still go out (so no round is missed), else next week."""
    _skipped_round(story, services)
    for number, plan in enumerate(PLANS):
        if number or not round_due(story.clock.now(), services.settings):
            next_monday_nine(story.clock, services.settings)
        monday = story.clock.now()
        run_weekly_round(services)
        dispatcher.drain()
        asked, answering, skipped = _checkins(
            story, services, sandbox, driver, dispatcher, monday, plan
        )
        answered_checkins = len(answering)
        searched = _search(story, driver, answering, plan.search)
        story.clock.set(monday + timedelta(days=3))
        send_followups(services)
        dispatcher.drain()
        met, answered, intros, friends = _answer_followups(
            services, sandbox, driver, dispatcher, plan
        )
        week = f"Week of {monday.day} {monday:%b}"
        if number == 0:
            week += (
                ", an ordinary one: the Monday round, Tuesday's check-ins, "
                "Thursday's “did you meet?”."
            )
        else:
            week += ", much the same."
        print(f"{story.stamp(monday)}  {week}")  # told from its Monday, once it has run
        line = (
            f"{plural(intros, 'intro')}: {answered} answered, {met} met. "
            f"{answered_checkins} of {plural(asked, 'check-in')} answered, {skipped} skipped."
        )
        if friends:
            line += f" {friends} both ask to meet again: friends now."
        if searched:
            line += f" {searched}"
        story.detail(line)
        story.clock.set(monday + timedelta(days=4, hours=8))


def _checkins(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    monday: datetime,
    plan: WeekPlan,
) -> tuple[int, list[str], int]:
    """Tuesday's prompts (10:00 in each member's zone); most peers answer, one skips.
    Returns how many were asked, who answered, and how many skipped."""
    tuesday = monday.replace(hour=0, minute=0) + timedelta(days=1)
    asked = 0
    for hour in range(-12, 24):
        story.clock.set(tuesday + timedelta(hours=hour))
        asked += run_checkins(services)
        dispatcher.drain()
    with services.sessions() as session:
        peers = list(
            session.scalars(
                select(Member.slack_user_id)
                .join(CircleMember, CircleMember.member_id == Member.id)
                .where(CircleMember.role == CircleRole.PEER)
                .order_by(Member.id)
            )
        )
    prompted = [p for p in peers if _latest(sandbox, p, "message", since=monday, text=PROMPT)]
    answering = prompted[: max(len(prompted) - plan.unanswered_checkins, 0)]
    for peer in answering[:-1]:
        prompt = _latest(sandbox, peer, "message", since=monday, text=PROMPT)
        driver.click(peer, "circle_checkin_open", message=prompt.message)
        modal = sandbox.open_modals(peer)[-1]
        driver.submit_view(peer, modal["id"], {
            "win": "Shipped the onboarding fix.", "challenge": "Too many meetings.",
            "help_wanted": "", "mood": "4", "ticks": ["share_mood"],
        })  # fmt: skip
    if answering:
        driver.slash_command(answering[-1], "/circle", "skip")
    dispatcher.drain()
    return asked, answering[:-1], 1 if answering else 0


def _skipped_round(story: Story, services: Services) -> None:
    """The story's clock skipped a round week between chapters; the round job records it
    as missed with a warning meant for an operator, which here is the story's doing."""
    pairing_log = logging.getLogger("jobs.pairing")
    level = pairing_log.level
    pairing_log.setLevel(logging.ERROR)
    try:
        missed = record_missed_round(services)
    finally:
        pairing_log.setLevel(level)
    if missed:
        story.dev(f"pairing round {missed} recorded as missed: the story skipped that week")


def _search(story: Story, driver: SlackDriver, answering: list[str], word: str | None) -> str:
    """A member looks in the vault on Wednesday for something it lacks."""
    if word is None or not answering:
        return ""
    who = answering[-2] if len(answering) > 1 else answering[0]
    story.clock.set(story.clock.now().replace(hour=12) + timedelta(days=1))
    reply = driver.slash_command(who, "/vault", f"search {word}")
    assert reply.text.startswith("Nothing in the vault"), reply.text
    return f"{_first_name(driver.sandbox, who)} searches the vault for “{word}” and finds nothing."


def _answer_followups(
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    plan: WeekPlan,
) -> tuple[int, int, int, str]:
    """Each intro's group DM got "Did you meet?"; someone in most of them answers.
    Returns (met, answered, intros, the new friends' names or "")."""
    since = services.clock.now() - timedelta(minutes=1)
    with services.sessions() as session:
        users = list(session.scalars(select(Member.slack_user_id).order_by(Member.id)))
    followups: dict[str, Any] = {}
    for message in _recent_followups(sandbox, users, since):
        followups.setdefault(message.channel, message)
    intros = list(followups.values())
    answering = intros[: len(intros) - plan.unanswered_intros]
    met, friends = 0, ""
    for index, followup in enumerate(answering):
        people = _people(sandbox, followup.channel)
        if index < plan.not_yet_intros:
            driver.click(people[0], "pairing_met:not_yet", message=followup.message)
            continue
        met += 1
        pair = not friends and plan.friends and len(people) == 2
        for person in people if pair else people[:1]:
            driver.click(person, "pairing_met:yes", message=followup.message)
            if pair:
                prompt = _latest(sandbox, person, "ephemeral", "response", since=since, text=AGAIN)
                driver.click(person, "pairing_again:yes", message=prompt.message)
        if pair:
            friends = " and ".join(_first_name(sandbox, p) for p in people)
    dispatcher.drain()
    return met, len(answering), len(intros), friends


def _recent_followups(sandbox: SlackSandbox, users: list[str], since: datetime) -> list[Any]:
    seen = []
    for user in users:
        seen += [
            s
            for s in sandbox.seen_by(user)
            if s.kind == "message" and s.at >= since and s.text.startswith("Did you meet")
        ]
    return sorted(seen, key=lambda s: (s.at, s.channel))


def _people(sandbox: SlackSandbox, channel: str | None) -> list[str]:
    return [m for m in sandbox.conversation_members(channel or "") if m != sandbox.bot_user_id]


def _latest(sandbox: SlackSandbox, user: str, *kinds: str, since: datetime, text: str) -> Any:
    seen = [
        s for s in sandbox.seen_by(user) if s.kind in kinds and s.at >= since and text in s.text
    ]
    return seen[-1] if seen else None


def _first_name(sandbox: SlackSandbox, user: str) -> str:
    return str(sandbox.user(user).get("real_name") or user).split()[0]
