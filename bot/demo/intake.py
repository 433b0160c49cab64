"""The demo's intake chapter: a cohort opens, three people apply, two start with intros."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.demo.story import Story
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.slack.transcript import block_lines, name_users

APPLICANTS = [
    # name, real name, time zone, answers
    (
        "omar",
        "Omar Farouk",
        "Africa/Cairo",
        {
            "company": "Paystack",
            "role": "Senior PM, payments",
            "level": "senior_pm",
            "years": "7",
            "interests": ["fintech", "growth", "pricing"],
            "wants": "Peers who have scaled a payments product, and honest feedback.",
        },
    ),
    (
        "pia",
        "Pia Lund",
        "Europe/Copenhagen",
        {
            "company": "Lego",
            "role": "PM, kids' apps",
            "level": "pm",
            "years": "3",
            "interests": ["consumer", "mobile", "discovery"],
            "wants": "Friends in product who are a few steps ahead of me.",
        },
    ),
    (
        "raj",
        "Raj Iyer",
        "Asia/Kolkata",
        {
            "company": "Freshworks",
            "role": "Group PM",
            "level": "lead_pm",
            "years": "10",
            "interests": ["b2b_saas", "leadership", "gtm"],
            "wants": "A circle to think out loud with about leading PMs.",
        },
    ),
]


def _last(sandbox: SlackSandbox, user: str, *kinds: str) -> Any:
    return [s for s in sandbox.seen_by(user) if s.kind in kinds][-1]


def _card_value(blocks: list[dict[str, Any]], user: str, action: str) -> str:
    for i, block in enumerate(blocks):
        if block.get("type") == "section" and f"<@{user}>" in block["text"]["text"]:
            actions = next(b for b in blocks[i + 1 :] if b.get("type") == "actions")
            return next(e["value"] for e in actions["elements"] if e["action_id"] == action)
    raise LookupError(user)


def intake_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    admin: str,
    everyone: dict[str, str],
) -> None:
    clock = story.clock
    names = {uid: sandbox.user(uid).get("real_name") or uid for uid in everyone.values()}
    lobby = sandbox.add_channel("announcements", members=[admin])
    story.say("Ana opens the first cohort in #announcements: `/cohort open Spring 2027 spots=2`.")
    reply = driver.slash_command(admin, "/cohort", "open Spring 2027 spots=2", channel_id=lobby)
    story.detail(reply.json["text"])
    dispatcher.drain()

    people = {}
    for name, real, zone, answers in APPLICANTS:
        clock.advance(timedelta(hours=3))
        user = sandbox.add_user(name, real_name=real, tz=zone)
        people[name] = user["id"]
        names[user["id"]] = real
        driver.team_join(user)
        dispatcher.drain()
        welcome = _last(sandbox, user["id"], "message")
        driver.click(user["id"], "cohort_apply", message=welcome.message)
        modal = sandbox.open_modals(user["id"])[-1]
        driver.submit_view(user["id"], modal["id"], {**answers, "note": ""})
        story.say(f"{real} joins the workspace, gets the Apply button in a DM, and applies.")

    clock.advance(timedelta(hours=15))
    story.say("Ana reviews with `/cohort review`: admits Omar and Pia, then tries Raj.")
    for who in ("omar", "pia", "raj"):
        driver.slash_command(admin, "/cohort", "review")
        page = _last(sandbox, admin, "ephemeral", "response")
        value = _card_value(page.blocks, people[who], "cohort_admit")
        driver.click(admin, "cohort_admit", value=value, message=page.message)
    full = _last(sandbox, admin, "ephemeral", "response")
    story.detail(f"{full.text} She clicks Waitlist.")
    driver.click(admin, "cohort_waitlist", message=full.message)
    dispatcher.drain()

    clock.advance(timedelta(hours=5))
    story.say("Pia can't make it after all and says so on her invitation; Raj gets her spot.")
    invitation = _last(sandbox, people["pia"], "message")
    driver.click(people["pia"], "cohort_withdraw", message=invitation.message)
    dispatcher.drain()
    story.detail(f"Raj's DM: {_last(sandbox, people['raj'], 'message').text}")

    clock.advance(timedelta(days=2))
    story.say("Ana closes applications and starts the cohort.")
    driver.slash_command(admin, "/cohort", "close")
    closing = _last(sandbox, admin, "ephemeral", "response")
    driver.click(admin, "cohort_start", message=closing.message)
    story.detail(_last(sandbox, admin, "ephemeral", "response").text)
    dispatcher.drain()
    driver.slash_command(admin, "/cohort", "status")
    story.detail(_last(sandbox, admin, "ephemeral", "response").text)

    started = clock.now()
    local = started.astimezone(story.tz)
    for day in range(1, 4):  # the first week: one intro a day, never on the round's Monday
        moment = (local + timedelta(days=day)).replace(hour=9, minute=0)
        clock.set(moment)
        dispatcher.drain()
    raj = people["raj"]
    story.say("Raj's first days: the welcome, then one intro a day; he sits out Monday's round.")
    print(f"\n── What {names[raj]} saw when the cohort started " + "─" * 20)
    for item in [s for s in sandbox.seen_by(raj) if s.kind == "message" and s.at >= started]:
        lines = block_lines(item.blocks) if item.blocks else item.text.splitlines()
        print(f"   {story.stamp(item.at)}  DM")
        for line in lines[:8]:
            print(f"   {'':18}│ {name_users(line, names)}")
