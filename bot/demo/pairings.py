"""The demo's pairing chapter: seven weeks of rounds, a pair that becomes friends."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.demo.community import next_monday_nine
from bot.demo.story import Story
from bot.members.profile_options import INTERESTS, LEVELS
from bot.members.profiles import ProfileUpdate
from bot.members.sync import save_profile
from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.preview_blocks import stats_line
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.records import Seen
from bot.slack.transcript import block_lines, name_users
from bot.slack.words import and_list, plural
from jobs.pairing import run_weekly_round, send_followups

MORE_PEOPLE = [
    ("fatima", "Fatima Haddad", "Europe/Paris", "Hooli"),
    ("gus", "Gus Lindqvist", "Europe/Stockholm", "Globex"),
    ("hana", "Hana Sato", "Asia/Tokyo", "Umbrella"),
    ("ivan", "Ivan Petrov", "Europe/Berlin", "Northwind"),
    ("jo", "Jo Mensah", "Europe/London", "Stark"),
    ("kai", "Kai Müller", "Europe/Zurich", "Wayne"),
    ("lea", "Lea Rossi", "Europe/Rome", "Initech"),
    ("max", "Max Cohen", "America/New_York", "Acme"),
    ("nia", "Nia Brooks", "America/Chicago", "Hooli"),
]


def add_more_people(sandbox: SlackSandbox) -> dict[str, str]:
    return {
        name: sandbox.add_user(name, real_name=real, tz=zone)["id"]
        for name, real, zone, _company in MORE_PEOPLE
    }


def seed_profiles(services: Services, ids: dict[str, str]) -> None:
    """The members who wrote their profiles before the demo starts."""
    rng = random.Random(2026)
    companies = {name: company for name, _real, _zone, company in MORE_PEOPLE}
    with services.sessions.begin() as session:
        for name, uid in ids.items():
            if name not in companies:
                continue
            update = ProfileUpdate(
                company=companies[name],
                level=rng.choice(list(LEVELS)[1:5]),
                interests=tuple(rng.sample(sorted(INTERESTS), 3)),
                tags=(),
                goals=None,
                tz_override=None,
            )
            save_profile(session, uid, update, now=services.clock.now())


def pairing_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    ids: dict[str, str],
) -> None:
    names = {uid: sandbox.user(uid).get("real_name") or n for n, uid in ids.items()}
    ana = ids["ana"]
    thread_channel = None
    for week in range(1, 8):
        next_monday_nine(story.clock, services.settings)
        if week == 2:
            reply = driver.slash_command(ids["chen"], "/pairing", "pause 2w")
            story.say(f"Chen: `/pairing pause 2w` → {reply.text}")
        result = run_weekly_round(services)
        dispatcher.drain()
        assert result is not None
        story.say(f"Week {week}: the Monday round runs.")
        story.detail(round_words(result.plan.stats()))
        story.dev(stats_line(result.plan.stats()))
        mine = _intro_to(sandbox, ana)
        partners = [names.get(m, m) for m in sandbox.conversation_members(mine.channel)]
        partners = [p for p in partners if p != names[ana] and not p.startswith("U0BOT")]
        story.detail(f"Ana meets {' and '.join(p for p in partners if p in names.values())}")
        if week == 1:
            thread_channel = mine.channel
            _first_week(story, services, sandbox, driver, dispatcher, ana, mine)
    if thread_channel:
        print("\nAna and her first partner's group DM, as they saw it")
        story.dev(f"channel {thread_channel}")
        for message in sandbox.messages(thread_channel):
            when = story.stamp(_at(message))
            lines = block_lines(message.get("blocks")) or message.get("text", "").splitlines()
            print(f"   {when}  Product Circle")
            for line in lines[:8]:
                print(f"   {'':18}│ {story.readable(name_users(line, names))}")


def round_words(stats: dict[str, Any]) -> str:
    """A round as an admin would say it: who was introduced, and who sat it out."""
    groups = [plural(stats["pairs"], "pair")]
    if stats["trios"]:
        groups.append(plural(stats["trios"], "trio"))
    line = f"{plural(stats['paired'], 'member')} introduced in {and_list(groups)}."
    out = [
        f"{n} {what}"
        for n, what in (
            (stats["paused"], "paused"),
            (stats["skipped"], "skipping"),
            (stats["opted_out"], "opted out"),
            (stats["left"], "left the community"),
            (len(stats["unpaired"]), "without a partner"),
        )
        if n
    ]
    if out:
        line += f" Sitting out: {and_list(out)}."
    if stats["friends"]:
        line += f" {plural(stats['friends'], 'pair')} of friends meet again on purpose."
    if stats["repeats"]:
        line += f" {plural(stats['repeats'], 'pair')} met before (nobody new was free)."
    return line


def _intro_to(sandbox: SlackSandbox, user_id: str) -> Any:
    return [
        s
        for s in sandbox.seen_by(user_id)
        if s.kind == "message" and ("Meet your pair" in s.text or "catch up" in s.text)
    ][-1]


def _first_week(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    ana: str,
    intro: Seen,
) -> None:
    partner = next(
        m
        for m in sandbox.conversation_members(intro.message[0])
        if m not in (ana, sandbox.bot_user_id)
    )
    driver.click(ana, "pairing_times", message=intro.message)
    dispatcher.drain()
    poll = [s for s in sandbox.seen_by(partner) if s.text.startswith("Which works?")][-1]
    driver.click(partner, "pairing_time_slot:1", message=poll.message)
    dispatcher.drain()
    story.detail("Ana asks for times; her partner picks one.")

    story.clock.advance(timedelta(days=3))
    sent = send_followups(services)
    dispatcher.drain()
    story.say(f"Thursday: {sent} 'did you meet?' follow-ups go out.")
    for who in (ana, partner):
        followup = [s for s in sandbox.seen_by(who) if s.text.startswith("Did you meet")][-1]
        driver.click(who, "pairing_met:yes", message=followup.message)
        prompt = [s for s in sandbox.seen_by(who) if s.kind in ("ephemeral", "response")][-1]
        driver.click(who, "pairing_again:yes", message=prompt.message)
    dispatcher.drain()
    story.detail("Both say they met and want to meet again: they are friends now.")


def _at(message: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(float(message["ts"]), UTC)
