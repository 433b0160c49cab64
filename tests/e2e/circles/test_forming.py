"""Admins form circles from Slack: a proposal, regenerate, accept; channels follow."""

from __future__ import annotations

import pytest
from slack_bolt import App
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.sandbox import Seen, SlackDriver, SlackSandbox
from jobs.circle_channels import set_up_circles
from storage.models import Circle, CircleMember, Member

COMPANIES = ["Northwind", "Globex", "Initech", "Hooli", "Umbrella", "Stark", "Wayne", "Acme"]


@pytest.fixture
def community(
    sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> list[str]:
    """An admin, 8 PMs at different companies, and 2 directors who guide."""
    ids = add_members(sandbox, sessions, clock, 11, admin=True)
    with sessions.begin() as s:
        for i, uid in enumerate(ids):
            m = s.scalar(select(Member).where(Member.slack_user_id == uid))
            m.company = COMPANIES[i % 8]
            m.level = "director" if i >= 9 else "pm"
            m.is_guide = i >= 9
            if i == 0:
                m.is_guide, m.level = False, "senior_pm"
    return ids


def at(sandbox: SlackSandbox, user_id: str) -> str:
    """How a person types someone in Slack: @ and their name."""
    return "@" + sandbox.user(user_id)["name"]


def latest(sandbox: SlackSandbox, uid: str) -> Seen:
    return [s for s in sandbox.seen_by(uid) if s.kind in ("ephemeral", "response")][-1]


def buttons(seen: Seen) -> dict[str, str]:
    return {
        e["action_id"]: e["value"]
        for block in seen.blocks or []
        if block["type"] == "actions"
        for e in block["elements"]
    }


def test_propose_regenerate_accept_then_channels_with_everyone_and_one_welcome(
    community: list[str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    services: Services,
    app: App,
    dispatcher: OutboxDispatcher,
) -> None:
    admin = community[0]
    driver.slash_command(admin, "/circle", "form 7")
    first = latest(sandbox, admin)
    assert first.text == "Proposed 2 circles"
    assert "*Not placed (1):*" in str(first.blocks)
    assert "seed" not in first.blocks[0]["text"]["text"]  # the seed rides in the buttons
    assert buttons(first) == {"circle_form_accept": "7", "circle_form_regenerate": "8"}
    driver.click(admin, "circle_form_regenerate", message=(first.channel, first.ts))
    second = latest(sandbox, admin)
    assert buttons(second) == {"circle_form_accept": "8", "circle_form_regenerate": "9"}
    driver.click(admin, "circle_form_accept", message=(second.channel, second.ts))
    assert latest(sandbox, admin).text.startswith("Formed 2 circles: Otter, Heron.")

    assert set_up_circles(services, app.client) == 2 + 10  # two channels, ten invitations
    assert set_up_circles(services, app.client) == 0  # nothing left to do
    dispatcher.drain()
    with sessions() as s:
        circles = s.scalars(select(Circle).order_by(Circle.id)).all()
        assert [circle.name for circle in circles] == ["Otter", "Heron"]
        for circle in circles:
            people = s.scalars(
                select(Member.slack_user_id)
                .join(CircleMember, CircleMember.member_id == Member.id)
                .where(CircleMember.circle_id == circle.id)
            ).all()
            assert sandbox.conversation(circle.channel_id)["is_private"] is True
            assert (
                sandbox.conversation(circle.channel_id)["name"] == f"circle-{circle.name.lower()}"
            )
            assert set(sandbox.conversation_members(circle.channel_id)) == {
                *people,
                sandbox.bot_user_id,
            }
            [welcome] = sandbox.messages(circle.channel_id)
            assert welcome["text"] == f"Welcome to {circle.name}"
        placed = s.scalar(select(func.count()).select_from(CircleMember))
    assert placed == 10  # two guides lead 4 peers each; the ninth peer waits for a guide


def accepted(
    driver: SlackDriver, sandbox: SlackSandbox, services: Services, app: App, admin: str
) -> None:
    driver.slash_command(admin, "/circle", "form 7")
    proposal = latest(sandbox, admin)
    driver.click(admin, "circle_form_accept", message=(proposal.channel, proposal.ts))
    set_up_circles(services, app.client)


def channel_of(sessions: sessionmaker[Session], uid: str) -> tuple[str | None, str | None]:
    with sessions() as s:
        circle = s.scalar(
            select(Circle)
            .join(CircleMember, CircleMember.circle_id == Circle.id)
            .join(Member, Member.id == CircleMember.member_id)
            .where(Member.slack_user_id == uid)
        )
        return (circle.name, circle.channel_id) if circle else (None, None)


def test_the_unplaced_peer_is_named_with_the_reason(
    community: list[str], driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    driver.slash_command(community[0], "/circle", "form 7")
    text = str(latest(sandbox, community[0]).blocks)
    assert "Not placed (1)" in text and "guide" in text


def test_moving_a_member_takes_them_out_of_the_old_channel_and_into_the_new(
    community: list[str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    services: Services,
    app: App,
    dispatcher: OutboxDispatcher,
) -> None:
    admin = community[0]
    accepted(driver, sandbox, services, app, admin)
    mover = next(u for u in community[1:9] if channel_of(sessions, u)[0] == "Otter")
    old = channel_of(sessions, mover)[1]
    reply = driver.slash_command(admin, "/circle", f"move {at(sandbox, mover)} heron")
    assert reply.json["text"].startswith(f"Moved <@{mover}> from Otter to Heron")
    assert mover not in sandbox.conversation_members(old)
    set_up_circles(services, app.client)
    dispatcher.drain()
    name, new = channel_of(sessions, mover)
    assert name == "Heron" and mover in sandbox.conversation_members(new)
    assert sandbox.messages(new)[-1]["text"].startswith(f":wave: Please welcome <@{mover}>")


def test_a_late_joiner_is_added_where_they_fit(
    community: list[str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    services: Services,
    app: App,
    clock: ManualClock,
) -> None:
    admin = community[0]
    accepted(driver, sandbox, services, app, admin)
    [late] = add_members(sandbox, sessions, clock, 1, seed=99)
    with sessions.begin() as s:
        m = s.scalar(select(Member).where(Member.slack_user_id == late))
        m.level, m.company = "pm", "Brand <New> & Co"
    reply = driver.slash_command(admin, "/circle", f"add {at(sandbox, late)}")
    # Both circles are full (4 peers), so there is no room: the admin is told why.
    assert "Added" not in reply.json["text"] and reply.json["text"]
    # With a place free in Otter, the newcomer goes there.
    with sessions.begin() as s:
        victim = s.scalars(
            select(CircleMember)
            .join(Circle, Circle.id == CircleMember.circle_id)
            .where(Circle.name == "Otter", CircleMember.role == "peer")
        ).first()
        s.delete(victim)
    reply = driver.slash_command(admin, "/circle", f"add {at(sandbox, late)}")
    assert reply.json["text"].startswith(f"Added <@{late}> to Otter")
    # The company, as the member typed it, reads as typed: escaped, not parsed as markup.
    assert "works at Brand &lt;New&gt; &amp; Co" in reply.json["text"]


def test_admins_mark_guides(
    community: list[str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
) -> None:
    admin, pm = community[0], community[4]
    reply = driver.slash_command(admin, "/circle", f"guide {at(sandbox, pm)}")
    assert reply.json["text"].endswith("`/circle form` will consider them.")
    with sessions() as s:
        assert s.scalar(select(Member.is_guide).where(Member.slack_user_id == pm))
    driver.slash_command(admin, "/circle", f"guide {at(sandbox, pm)} off")
    with sessions() as s:
        assert not s.scalar(select(Member.is_guide).where(Member.slack_user_id == pm))


@pytest.mark.parametrize("text", ["form", "move @ana Otter", "add @ana", "guide @ana"])
def test_forming_is_for_admins_only(
    community: list[str], driver: SlackDriver, sessions: sessionmaker[Session], text: str
) -> None:
    member = community[3]
    assert (
        driver.slash_command(member, "/circle", text)
        .json["text"]
        .startswith("Only community admins")
    )


def test_a_forged_accept_creates_nothing(
    community: list[str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
) -> None:
    driver.click(community[3], "circle_form_accept", value="7")
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Circle)) == 0


def test_app_home_shows_my_circle(
    community: list[str], driver: SlackDriver, sandbox: SlackSandbox, services: Services, app: App
) -> None:
    accepted(driver, sandbox, services, app, community[0])
    driver.app_home_opened(community[0])
    text = str(sandbox.home(community[0])["blocks"])
    assert "Your circle: " in text and "Guide: <@" in text


@pytest.fixture
def two_cities(community: list[str], sessions: sessionmaker[Session]) -> dict[str, str]:
    """Issue 20's community: the admin and four peers in London, four in Tokyo, a guide in
    each city, all at different companies; which city each Slack user id is in."""
    city = {}
    with sessions.begin() as s:
        for i, uid in enumerate(community):
            m = s.scalar(select(Member).where(Member.slack_user_id == uid))
            tokyo = i in (5, 6, 7, 8, 10)
            m.slack_tz, m.tz_override = ("Asia/Tokyo" if tokyo else "Europe/London"), None
            m.level = {1: "senior_pm", 5: "senior_pm"}.get(i, m.level)
            m.company = f"{m.company} {i}"
            city[uid] = "Tokyo" if tokyo else "London"
    return city


def test_circles_form_within_a_city_and_show_their_shared_hours(
    two_cities: dict[str, str], community: list[str], driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    driver.slash_command(community[0], "/circle", "form 7")
    circles = [
        b["text"]["text"]
        for b in latest(sandbox, community[0]).blocks
        if b.get("text", {}).get("text", "").startswith("*Circle")
    ]
    assert len(circles) == 2
    for text in circles:
        cities = {city for uid, city in two_cities.items() if f"<@{uid}>" in text}
        assert len(cities) == 1
        assert text.endswith(f"_shared hours 08:00–20:00 {cities.pop()}_")


def test_a_late_joiner_goes_to_the_circle_that_shares_their_hours(
    two_cities: dict[str, str],
    community: list[str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    services: Services,
    app: App,
    clock: ManualClock,
) -> None:
    admin = community[0]
    accepted(driver, sandbox, services, app, admin)
    with sessions.begin() as s:  # a place free in both circles
        for name in ("Otter", "Heron"):
            s.delete(
                s.scalars(
                    select(CircleMember)
                    .join(Circle, Circle.id == CircleMember.circle_id)
                    .where(Circle.name == name, CircleMember.role == "peer")
                ).first()
            )
    [late] = add_members(sandbox, sessions, clock, 1, seed=99)
    with sessions.begin() as s:
        m = s.scalar(select(Member).where(Member.slack_user_id == late))
        m.level, m.company, m.slack_tz, m.tz_override = "pm", "Brand New Co", "Asia/Tokyo", None
    reply = driver.slash_command(admin, "/circle", f"add {at(sandbox, late)}")
    text = reply.json["text"]
    assert text.startswith(f"Added <@{late}> to ")
    assert "they share working hours, 08:00–20:00 Tokyo." in text
    name = text.removeprefix(f"Added <@{late}> to ").split(":")[0]
    guide = next(u for u in community[9:] if channel_of(sessions, u)[0] == name)
    assert two_cities[guide] == "Tokyo"


def test_the_proposal_uses_the_working_day_from_the_settings(
    two_cities: dict[str, str],
    community: list[str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    settings: Settings,
) -> None:
    settings.working_day_start, settings.working_day_end = "09:00", "17:00"
    driver.slash_command(community[0], "/circle", "form 7")
    texts = [b["text"]["text"] for b in latest(sandbox, community[0]).blocks if "text" in b]
    assert any(t.endswith("_shared hours 09:00–17:00 London_") for t in texts)
