"""Seats after the draw: what `/lunch` shows me, giving a seat back, a seat not confirmed
in time going to the next in line (once), no offers in the last two hours, a lunch that is
cancelled, and a lunch only for members whose interests match."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.members.profiles import ProfileUpdate
from bot.members.sync import save_profile
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.dates import day_and_time
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.lunches import run_lunches
from storage.models import JobRun
from tests.e2e.lunches.steps import CLOSES_AT, STARTS_AT, ask_for_seat, messages_to, plan


def planned_and_asked(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    admin: str,
    guest: str,
    channel: str,
    askers: list[str],
    seats: int,
) -> tuple[str, str]:
    plan(driver, sandbox, admin, channel, guest_user=guest, seats=str(seats))
    dispatcher.drain()
    [post] = sandbox.messages(channel)
    for uid in askers:
        ask_for_seat(driver, sandbox, uid, (channel, post["ts"]), "")
    return channel, post["ts"]


def test_my_lunches_and_giving_a_seat_back_before_and_after_the_draw(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    planned_and_asked(
        driver, sandbox, dispatcher, circlebot_admin, dana, lunch_channel, diners[:5], 4
    )
    mine = driver.slash_command(diners[0], "/lunch").json
    assert "you asked for a seat" in str(mine["blocks"]) and "/lunch leave 1" in str(mine)
    theirs = driver.slash_command(diners[8], "/lunch").json
    assert "lunch_ask" in str(theirs["blocks"])  # not asked yet: the button is there
    left = driver.slash_command(diners[4], "/lunch", "leave 1").json["text"]
    assert left.startswith("Done: you're off the list")

    clock.set(CLOSES_AT)
    run_lunches(services)
    dispatcher.drain()
    assert not messages_to(sandbox, diners[4], "You have a seat")  # left before the draw
    assert not messages_to(sandbox, diners[4], "Not this time")
    seated = [u for u in diners[:4] if messages_to(sandbox, u, "You have a seat")]
    assert len(seated) == 4
    answer = driver.slash_command(seated[0], "/lunch", "leave 1").json["text"]
    assert "goes to the next person waiting" in answer
    again = driver.slash_command(seated[0], "/lunch", "leave 1").json["text"]
    assert "don't hold a seat" in again
    nonsense = driver.slash_command(seated[1], "/lunch", "leave soon").json["text"]
    assert "Type its number" in nonsense


def test_an_unconfirmed_seat_goes_to_the_next_in_line_once_and_none_in_the_last_hours(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    planned_and_asked(driver, sandbox, dispatcher, circlebot_admin, dana, lunch_channel, diners, 6)
    clock.set(CLOSES_AT)
    run_lunches(services)
    dispatcher.drain()
    seated = [u for u in diners if messages_to(sandbox, u, "You have a seat")]
    waiting = [u for u in diners if u not in seated]
    for uid in seated[1:]:
        [seat] = messages_to(sandbox, uid, "You have a seat")
        driver.click(uid, "lunch_confirm", message=seat.message)
    [first] = messages_to(sandbox, seated[0], "You have a seat")
    deadline = day_and_time(
        CLOSES_AT + timedelta(hours=24), ZoneInfo(sandbox.user(seated[0])["tz"])
    )
    assert f"Please confirm by {deadline}" in first.text  # a day, on their own clock

    clock.set(CLOSES_AT + timedelta(hours=23, minutes=55))
    run_lunches(services)
    dispatcher.drain()
    assert not messages_to(sandbox, seated[0], "didn't hear back")
    clock.set(CLOSES_AT + timedelta(hours=24))
    run_lunches(services)
    run_lunches(services)  # a second run (or replica) offers the seat no second time
    dispatcher.drain()
    assert len(messages_to(sandbox, seated[0], "didn't hear back")) == 1
    offered = [u for u in waiting if messages_to(sandbox, u, "A seat came free")]
    assert len(offered) == 1
    reply = driver.click(seated[0], "lunch_confirm", message=first.message)
    assert reply.status == 200
    assert any("has gone to the next person" in s.text for s in sandbox.seen_by(seated[0]))

    # Within two hours of the lunch a freed seat stays empty: nobody can plan for it.
    clock.set(STARTS_AT - timedelta(hours=1, minutes=50))
    left = driver.slash_command(seated[1], "/lunch", "leave 1").json["text"]
    assert "goes to the next person" in left
    dispatcher.drain()
    assert [u for u in waiting if messages_to(sandbox, u, "A seat came free")] == offered
    with sessions() as session:
        reseats = session.scalar(
            select(func.count()).select_from(JobRun).where(JobRun.job == "lunch_reseat")
        )
    assert reseats == 1


def test_a_cancelled_lunch_tells_everyone_who_asked_kindly(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    planned_and_asked(
        driver, sandbox, dispatcher, circlebot_admin, dana, lunch_channel, diners[:4], 3
    )
    clock.set(CLOSES_AT)
    run_lunches(services)
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)  # edited in place: no button that would refuse
    assert "4 members asked for 3 seats" in str(post["blocks"])
    assert "lunch_ask" not in str(post["blocks"])
    answer = driver.slash_command(circlebot_admin, "/lunch", "cancel 1").json["text"]
    assert "cancelled" in answer and "4 people" in answer
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)
    assert post["text"].startswith("Cancelled: tiny lunch with Dana Reyes")
    assert "This lunch was cancelled" in str(post["blocks"])
    for uid in diners[:4]:
        [note] = messages_to(sandbox, uid, "is cancelled")
        assert "doesn't count against you" in note.text
    again = driver.slash_command(circlebot_admin, "/lunch", "cancel 1").json["text"]
    assert "already cancelled" in again
    listing = driver.slash_command(circlebot_admin, "/lunch", "list").json["text"]
    assert "No tiny lunches are coming up" in listing


def test_a_lunch_on_a_topic_invites_the_members_who_share_it_and_only_them(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    fan, other = diners[0], diners[1]
    with sessions.begin() as session:
        for uid, interests in ((fan, ("pricing", "growth")), (other, ("hardware",))):
            save_profile(
                session,
                uid,
                ProfileUpdate(
                    company="Globex",
                    level="pm",
                    interests=interests,
                    tags=(),
                    goals=None,
                    tz_override=None,
                ),
                now=clock.now(),
            )
    plan(
        driver,
        sandbox,
        circlebot_admin,
        lunch_channel,
        guest_user=dana,
        tags=["pricing"],
        invite=["interests_only"],
    )
    dispatcher.drain()
    [invite] = messages_to(sandbox, fan, "you're invited")
    assert not messages_to(sandbox, other, "you're invited")
    driver.click(fan, "lunch_ask", message=invite.message)
    assert sandbox.open_modals(fan)
    [post] = sandbox.messages(lunch_channel)
    driver.click(other, "lunch_ask", message=(lunch_channel, post["ts"]))
    [answer] = [s for s in sandbox.seen_by(other) if s.kind != "message"]
    assert "interests match its topics" in answer.text and "/profile" in answer.text


def test_a_member_seated_after_the_brief_gets_it_on_their_own(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    planned_and_asked(
        driver, sandbox, dispatcher, circlebot_admin, dana, lunch_channel, diners[:5], 4
    )
    clock.set(CLOSES_AT)
    run_lunches(services)
    dispatcher.drain()
    seated = [u for u in diners[:5] if messages_to(sandbox, u, "You have a seat")]
    for uid in seated:
        [seat] = messages_to(sandbox, uid, "You have a seat")
        driver.click(uid, "lunch_confirm", message=seat.message)
    clock.set(STARTS_AT - timedelta(hours=48))
    run_lunches(services)
    dispatcher.drain()
    clock.advance(timedelta(hours=1))
    driver.slash_command(seated[0], "/lunch", "leave 1")
    dispatcher.drain()
    [newcomer] = [u for u in diners[:5] if messages_to(sandbox, u, "A seat came free")]
    clock.advance(timedelta(minutes=5))
    run_lunches(services)
    run_lunches(services)
    dispatcher.drain()
    [brief] = messages_to(sandbox, newcomer, "Who's coming")
    assert brief.channel == sandbox.dm_channel(newcomer)
    assert len(sandbox.files_in(sandbox.dm_channel(newcomer) or "")) == 1
    group = sandbox.dm_channel(*seated, dana)
    assert group is not None and len(sandbox.files_in(group)) == 1


def test_app_home_shows_where_i_stand_at_each_lunch(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    planned_and_asked(
        driver, sandbox, dispatcher, circlebot_admin, dana, lunch_channel, diners[:5], 4
    )
    driver.app_home_opened(diners[8])
    home = str(sandbox.home(diners[8]))
    assert "Tiny lunches" in home and "Dana Reyes" in home and "sign-up open until" in home
    driver.app_home_opened(diners[0])
    assert "you asked for a seat" in str(sandbox.home(diners[0]))
    clock.set(CLOSES_AT)
    run_lunches(services)
    dispatcher.drain()
    homes = []
    for uid in diners[:5]:
        driver.app_home_opened(uid)
        homes.append(str(sandbox.home(uid)))
    assert sum("you have a seat: please confirm" in h for h in homes) == 4
    assert sum("you're on the waitlist" in h for h in homes) == 1
    driver.app_home_opened(diners[8])  # sign-up closed and never asked: nothing to show
    assert "Tiny lunches" not in str(sandbox.home(diners[8]))


def test_a_bot_down_at_sign_up_close_draws_late_without_a_deadline_and_tells_the_admin(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    planned_and_asked(
        driver, sandbox, dispatcher, circlebot_admin, dana, lunch_channel, diners[:5], 4
    )
    clock.set(STARTS_AT - timedelta(hours=1, minutes=30))  # back up only now
    run_lunches(services)
    dispatcher.drain()
    seated = [u for u in diners[:5] if messages_to(sandbox, u, "You have a seat")]
    assert len(seated) == 4
    for uid in seated:
        [offer] = messages_to(sandbox, uid, "You have a seat")
        assert "The draw ran late" in offer.text and "confirm by" not in offer.text
    [note] = messages_to(sandbox, circlebot_admin, "ran late")
    assert "lunch #1 with Dana Reyes" in note.text and "/lunch list" in note.text
    clock.advance(timedelta(minutes=30))
    run_lunches(services)
    dispatcher.drain()
    assert not [u for u in seated if messages_to(sandbox, u, "I didn't hear back in time")]


def test_a_lunch_that_began_before_its_draw_could_run_is_called_off_and_everyone_told(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    planned_and_asked(
        driver, sandbox, dispatcher, circlebot_admin, dana, lunch_channel, diners[:3], 4
    )
    clock.set(STARTS_AT + timedelta(hours=1))
    run_lunches(services)
    run_lunches(services)  # a second run (or replica) tells nobody twice
    dispatcher.drain()
    for uid in diners[:3]:
        [sorry] = messages_to(sandbox, uid, "I couldn't draw seats")
        assert "doesn't count against you" in sorry.text
        assert not messages_to(sandbox, uid, "You have a seat")
    [note] = messages_to(sandbox, circlebot_admin, "I couldn't draw seats for lunch #1")
    assert "told the 3 members who asked" in note.text and "/lunch new" in note.text
    [post] = sandbox.messages(lunch_channel)
    assert "lunch_ask" not in str(post["blocks"])
