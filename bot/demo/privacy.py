"""The demo's last chapter: a member takes their data with them, then deletes it."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.demo.story import Story
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.slack.words import and_list, plural
from storage.models import AuditEntry, CheckinResponse, Member


def privacy_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    who: str,
) -> None:
    name = sandbox.user(who).get("real_name") or who
    story.say(f"{name} asks what is kept (`/profile privacy`), then `/profile export`.")
    reply = driver.slash_command(who, "/profile", "export")
    story.detail(reply.json["text"])
    dispatcher.drain()
    [export] = sandbox.files_in(sandbox.dm_channel(who) or "")[-1:]
    data = json.loads(export["content"])
    sizes = {k: len(v) if isinstance(v, list) else 1 for k, v in data.items() if k != "exported_at"}
    held = [_count(n, what) for what, n in sizes.items() if n]
    story.detail(f"A file arrives in her DM, {export['name']}, holding: {and_list(held)}.")
    story.dev(f"{len(export['content'])} bytes: {sizes}")

    story.say(f"{name} runs `/profile delete` and confirms, keeping their vault entries.")
    driver.slash_command(who, "/profile", "delete")
    modal = sandbox.open_modals(who)[-1]
    driver.submit_view(who, modal["id"], {"vault": ["keep"]})
    dispatcher.drain()
    with services.sessions() as session:
        tomb = session.scalar(select(Member).where(Member.deleted_at.is_not(None)))
        audit = session.scalars(select(AuditEntry)).all()
        checkins = session.scalar(
            select(func.count()).where(CheckinResponse.member_id == (tomb.id if tomb else -1))
        )
    assert tomb is not None
    actions = and_list([a.action for a in audit])
    by = "by herself" if all(a.actor == who for a in audit) else "on request"
    story.detail(
        f"What remains: a row with no name (so others' pairing history still adds up), "
        f"{plural(checkins or 0, 'check-in')}, and an audit log of the {actions}, {by}."
    )
    story.dev(f"member #{tomb.id} as {tomb.slack_user_id!r}, status {tomb.status}")


# Export sections as words; others read as their key ("vault_votes" is "vault votes").
SECTION_WORDS = {"checkins": ("check-in", "check-ins"), "dont_pair_with": ("don't-pair", None)}


def _count(n: int, section: str) -> str:
    one, many = SECTION_WORDS.get(section, (None, None))
    words = section.replace("_", " ")
    if one is None:
        one = words[:-3] + "y" if words.endswith("ies") else words.removesuffix("s")
        many = words
    return plural(n, one, many)
