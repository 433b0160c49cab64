"""The demo's mentoring chapter: two directors offer to mentor, a PM finds a mentor two
levels up, the first session, the fit question, and a recap before the next one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.demo.story import Story
from bot.mentors.rhythm import add_months
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.slack.transcript import block_lines
from bot.slack.words import plural
from jobs.mentors import run_mentoring
from storage.models import Mentorship

MENTORS = ("hana", "max")  # the directors who guide circles
MENTEE = "jo"
DAY = 12


def _last(sandbox: SlackSandbox, user: str, words: str) -> Any:
    return [s for s in sandbox.seen_by(user) if s.kind == "message" and words in s.text][-1]


def _run_at(
    clock: ManualClock, services: Services, dispatcher: OutboxDispatcher, moment: datetime
) -> int:
    clock.set(moment)
    queued = run_mentoring(services)
    dispatcher.drain()
    return queued


def mentors_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    ids: dict[str, str],
) -> None:
    hana, max_, jo = ids["hana"], ids["max"], ids[MENTEE]
    story.say("Hana and Max, directors now, offer to mentor (`/mentor offer`).")
    for uid, topics, spikes in (
        (hana, ["into_management", "platform"], ["management"]),
        (max_, ["promotion_senior", "gtm"], ["advancement"]),
    ):
        driver.slash_command(uid, "/mentor", "offer")
        modal = sandbox.open_modals(uid)[-1]
        driver.submit_view(uid, modal["id"], {"capacity": "2", "topics": topics, "spikes": spikes})
    story.detail(block_lines(sandbox.open_modals(hana)[-1]["blocks"])[0])

    story.say("Jo, a PM at Stark, wants to lead a team next year: `/mentor find`.")
    driver.slash_command(jo, "/profile")
    profile = sandbox.views(jo)[-1]
    driver.submit_view(
        jo, profile["id"], {"company": "Stark", "level": "pm", "interests": ["leadership"]}
    )
    driver.slash_command(jo, "/mentor", "find")
    form = sandbox.open_modals(jo)[-1]
    driver.submit_view(jo, form["id"], {
        "goal": "Lead a small team of PMs within a year", "phase": "next_level",
        "spike": "management", "topics": ["into_management"],
    })  # fmt: skip
    proposals = sandbox.view(form["id"])
    for line in block_lines(proposals["blocks"])[:12]:
        story.detail(line)
    button = next(
        b["accessory"]["action_id"]
        for b in proposals["blocks"]
        if (b.get("accessory") or {}).get("text", {}).get("text") == "Ask Hana"
    )
    driver.click(jo, button, view_id=form["id"])
    dispatcher.drain()
    ask = _last(sandbox, hana, "would like you as their mentor")
    story.say("Hana gets Jo's goal privately, and accepts.")
    story.detail("\n".join(block_lines(ask.blocks)[:3]))
    driver.click(hana, "mentor_accept", message=(ask.channel, ask.ts))
    dispatcher.drain()
    group = sandbox.dm_channel(jo, hana)
    assert group is not None
    welcome = next(m for m in sandbox.messages(group) if "mentorship starts" in m["text"])
    option = welcome["blocks"][-1]["elements"][0]["options"][DAY - 1]["value"]
    driver.click(jo, "mentor_session_day", message=(group, welcome["ts"]), selected_option=option)
    dispatcher.drain()
    story.say("Their group DM: the goal, a first agenda, the monthly rhythm; Jo picks a day.")
    for line in block_lines(welcome["blocks"])[:8]:
        story.detail(line)
    story.detail(sandbox.messages(group)[-1]["text"])

    with services.sessions() as session:
        pair = session.scalars(select(Mentorship).order_by(Mentorship.id.desc())).first()
        assert pair is not None and pair.first_session_on is not None
        first = pair.first_session_on
    after = datetime(first.year, first.month, first.day, 16, tzinfo=UTC) + timedelta(days=1)
    sent = _run_at(story.clock, services, dispatcher, after)
    story.say(
        f"The day after their first session: {plural(sent, 'private message')} (fit, next step)."
    )
    for uid in (jo, hana):
        question = _last(sandbox, uid, "How was your first session")
        story.detail(f"{sandbox.user(uid)['real_name']}: {question.text}")
        driver.click(uid, "mentor_fit:yes", message=(question.channel, question.ts))

    following = add_months(first, 1, DAY)
    prompt_day = following - timedelta(days=2)
    _run_at(
        story.clock,
        services,
        dispatcher,
        datetime(prompt_day.year, prompt_day.month, prompt_day.day, 9, 30, tzinfo=UTC),
    )
    prompt = _last(sandbox, jo, "Send a recap beforehand?")
    story.say(f"Two days before the next session: {prompt.text}")
    driver.click(jo, "mentor_recap_open", message=(prompt.channel, prompt.ts))
    recap = sandbox.open_modals(jo)[-1]
    driver.submit_view(jo, recap["id"], {
        "changed": "My manager offered me the lead for the new payments squad.",
        "focus": "How to hire my first PM, and what to stop doing myself.",
    })  # fmt: skip
    dispatcher.drain()
    delivered = _last(sandbox, hana, "recap before your session")
    story.say("Hana gets Jo's recap, and only Hana does.")
    for line in block_lines(delivered.blocks):
        story.detail(line)

    reply = driver.slash_command(ids["ana"], "/mentor", "status")
    story.say("Ana (admin) looks at `/mentor status`: counts, never goals or recaps.")
    story.detail(reply.json["text"].replace("*", ""))
