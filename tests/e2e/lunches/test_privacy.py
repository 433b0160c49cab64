"""A member's tiny-lunch data is theirs: the export holds their questions and takeaways,
admins see counts only, and deleting the member removes their sign-ups, questions and
takeaways everywhere, including the messages that carried them."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.lunches import run_lunches
from tests.e2e.lunches.steps import STARTS_AT, ask_for_seat, messages_to, plan

QUESTION = "How do you say no to the CEO's pet feature?"
TAKEAWAY = "Write the no down before the meeting, with the yes you offer instead."


def rows_mentioning(engine: Engine, needles: list[str]) -> list[str]:
    """The tables where any needle still appears, once per row."""
    found = []
    with engine.connect() as c:
        for table in inspect(engine).get_table_names():
            if table == "alembic_version" or table.startswith("vault_fts_"):
                continue
            for row in c.execute(text(f'SELECT * FROM "{table}"')):
                blob = json.dumps([str(v) for v in row], ensure_ascii=False)
                if any(n in blob for n in needles):
                    found.append(table)
    return found


def test_export_has_my_lunch_words_admins_see_counts_and_delete_removes_them(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    sessions: sessionmaker[Session],
    engine: Engine,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    zoe, others = diners[0], diners[1:4]
    plan(driver, sandbox, circlebot_admin, lunch_channel, guest_user=dana, seats="4")
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)
    ask_for_seat(driver, sandbox, zoe, (lunch_channel, post["ts"]), QUESTION)
    for uid in others:
        ask_for_seat(driver, sandbox, uid, (lunch_channel, post["ts"]), "")
    answer = driver.slash_command(circlebot_admin, "/lunch", "seat 1").json["text"]
    assert "4 seated, 0 on the waitlist" in answer
    dispatcher.drain()
    for uid in diners[:4]:
        [seat] = messages_to(sandbox, uid, "You have a seat")
        driver.click(uid, "lunch_confirm", message=seat.message)
    listing = driver.slash_command(circlebot_admin, "/lunch", "list").json["text"]
    assert "4 sign-ups" in listing and "4 seated (4 confirmed)" in listing
    assert QUESTION not in listing

    clock.set(STARTS_AT - timedelta(hours=47))
    run_lunches(services)
    clock.set(STARTS_AT + timedelta(hours=3))
    run_lunches(services)
    dispatcher.drain()
    [ask] = messages_to(sandbox, zoe, "how was lunch")
    driver.click(zoe, "lunch_takeaway", message=ask.message)
    modal = sandbox.open_modals(zoe)[-1]
    driver.submit_view(zoe, modal["id"], {"takeaway": TAKEAWAY, "share": ["guest"]})
    clock.set(STARTS_AT + timedelta(hours=49))
    run_lunches(services)
    dispatcher.drain()
    assert TAKEAWAY in str(messages_to(sandbox, dana, "Thank you for lunch")[0].blocks)

    clock.advance(timedelta(hours=2))
    driver.slash_command(zoe, "/profile", "export")
    dispatcher.drain()
    [shared] = sandbox.files_in(sandbox.dm_channel(zoe) or "")
    [mine] = json.loads(shared["content"])["tiny_lunches"]
    assert mine["guest"] == "Dana Reyes" and mine["status"] == "confirmed"
    assert mine["question"] == QUESTION and mine["takeaway"] == TAKEAWAY
    assert mine["takeaway_shared_with_guest"] is True

    driver.slash_command(zoe, "/profile", "delete")
    modal = sandbox.open_modals(zoe)[-1]
    driver.submit_view(zoe, modal["id"], {"vault": ["keep"]})
    dispatcher.drain()
    assert rows_mentioning(engine, [QUESTION, TAKEAWAY]) == []
    assert set(rows_mentioning(engine, [zoe])) == {"audit_log"}  # who asked, and when


def test_a_member_deleted_while_holding_a_seat_leaves_it_to_the_next_in_line(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    plan(driver, sandbox, circlebot_admin, lunch_channel, guest_user=dana, seats="4")
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)
    for uid in diners[:5]:
        ask_for_seat(driver, sandbox, uid, (lunch_channel, post["ts"]), "")
    answer = driver.slash_command(circlebot_admin, "/lunch", "seat 1").json["text"]
    assert "4 seated, 1 on the waitlist" in answer
    dispatcher.drain()
    seated = [u for u in diners[:5] if messages_to(sandbox, u, "You have a seat")]
    [waiting] = [u for u in diners[:5] if u not in seated]

    driver.slash_command(seated[0], "/profile", "delete")
    modal = sandbox.open_modals(seated[0])[-1]
    driver.submit_view(seated[0], modal["id"], {"vault": ["keep"]})
    dispatcher.drain()
    [offer] = messages_to(sandbox, waiting, "A seat came free and it's yours")
    assert "tiny lunch with Dana Reyes" in offer.text
    listing = driver.slash_command(circlebot_admin, "/lunch", "list").json["text"]
    assert "4 seated" in listing and "4 sign-ups" in listing
