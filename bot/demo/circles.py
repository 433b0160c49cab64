"""The demo's circle chapter: guides step up, circles are formed, and one circle's week."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select

from bot.demo.story import Story
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.slack.transcript import block_lines, name_users
from bot.slack.words import plural
from jobs.circle_channels import set_up_circles
from jobs.circles import run_checkins
from storage.models import Circle, CircleMember, Member

GUIDES = ("hana", "max")  # two experienced members who now lead product teams


class _Names(dict):
    """Real names for any Slack id the story mentions (newcomers included)."""

    def __init__(self, sandbox: SlackSandbox) -> None:
        super().__init__()
        self.sandbox = sandbox

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            try:
                self[key] = self.sandbox.user(key).get("real_name") or key
            except KeyError:
                return default
        return self[key]


def _last(sandbox: SlackSandbox, user: str, *kinds: str) -> Any:
    return [s for s in sandbox.seen_by(user) if s.kind in kinds][-1]


def _tick(
    clock: ManualClock, services: Services, dispatcher: OutboxDispatcher, moment: datetime
) -> int:
    clock.set(moment)
    queued = run_checkins(services)
    dispatcher.drain()
    return queued


def circle_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    client: WebClient,
    ids: dict[str, str],
) -> None:
    names = _Names(sandbox)
    admin = ids["ana"]
    story.say("Hana and Max, directors now, update their profiles; Ana marks them as guides.")
    for name in GUIDES:
        driver.slash_command(ids[name], "/profile")
        modal = sandbox.views(ids[name])[-1]
        driver.submit_view(
            ids[name], modal["id"], {"company": "Hooli" if name == "hana" else "Acme",
                                     "level": "director", "interests": ["leadership"]},
        )  # fmt: skip
        driver.slash_command(admin, "/circle", f"guide @{name}")

    story.say("Ana runs `/circle form`, looks at the proposal, and accepts it.")
    driver.slash_command(admin, "/circle", "form 2027")
    proposal = _last(sandbox, admin, "ephemeral", "response")
    for line in block_lines(proposal.blocks):
        story.detail(name_users(line, names))
    driver.click(admin, "circle_form_accept", message=proposal.message)
    story.detail(_last(sandbox, admin, "ephemeral", "response").text)
    set_up_circles(services, client)
    dispatcher.drain()

    with services.sessions() as session:
        circle = session.scalars(select(Circle).order_by(Circle.id)).first()
        assert circle is not None
        people = session.execute(
            select(Member.slack_user_id, CircleMember.role)
            .join(CircleMember, CircleMember.member_id == Member.id)
            .where(CircleMember.circle_id == circle.id)
            .order_by(CircleMember.role.desc(), Member.id)
        ).all()
        name, channel = circle.name, circle.channel_id
    assert channel is not None
    peers = [uid for uid, role in people if role == "peer"]
    guide = next(uid for uid, role in people if role == "guide")
    size = len(sandbox.conversation_members(channel)) - 1  # without the bot
    story.detail(f"{name}'s private channel has {size} members and a welcome.")

    # The next Tuesday, in the community's week; each member is asked at 10:00 their time.
    local = services.clock.now().astimezone(services.settings.timezone)
    tuesday = (local + timedelta(days=(1 - local.weekday()) % 7 or 7)).date()
    start = datetime(tuesday.year, tuesday.month, tuesday.day, tzinfo=local.tzinfo)
    sent = sum(
        _tick(story.clock, services, dispatcher, start + timedelta(hours=h)) for h in range(-12, 24)
    )
    story.clock.set(start + timedelta(hours=18))
    story.say(f"Tuesday: {sent} check-in prompts went out, each at 10:00 in the member's own zone.")
    first, second = peers[0], peers[1]
    prompt = _last(sandbox, first, "message")
    driver.click(first, "circle_checkin_open", message=prompt.message)
    modal = sandbox.open_modals(first)[-1]
    driver.submit_view(first, modal["id"], {
        "win": "Got the pricing experiment approved.", "challenge": "My manager left.",
        "help_wanted": "How do I pitch myself to a new boss?", "mood": "2",
        "ticks": ["share_mood", "rough_week"],
    })  # fmt: skip
    dispatcher.drain()
    story.say(f"{names.get(first)} checks in and ticks 'rough week'; {names.get(second)} skips.")
    driver.slash_command(second, "/circle", "skip")
    nudged = [names.get(m) for m, _r in people if m != first and any(
        "rough week" in s.text for s in sandbox.seen_by(m) if s.kind == "message")]  # fmt: skip
    story.detail(f"quietly nudged to reach out: {', '.join(nudged)}")

    sent = sum(
        _tick(story.clock, services, dispatcher, start + timedelta(days=2, hours=h))
        for h in range(-12, 24)
    )
    story.clock.set(start + timedelta(days=2, hours=18))
    story.say(
        f"Thursday: {plural(sent, 'last call')}, only to those who neither answered nor skipped."
    )
    sent = sum(
        _tick(story.clock, services, dispatcher, start + timedelta(days=3, hours=h))
        for h in range(0, 24)
    )
    story.clock.set(start + timedelta(days=3, hours=18))
    story.say(f"Friday 16:00, each guide's own time: {plural(sent, 'weekly digest')}.")
    digest = _last(sandbox, guide, "message")
    story.detail("\n".join(name_users(line, names) for line in block_lines(digest.blocks)))

    print(f"\n── {name}'s channel (private: only the circle sees it) " + "─" * 20)
    for message in sandbox.messages(channel):
        lines = block_lines(message.get("blocks")) or message.get("text", "").splitlines()
        indent = "    ↳ " if message.get("thread_ts") else "   "
        for line in lines[:6]:
            print(f"{indent}│ {name_users(line, names)}")
