"""Issue 16's story through the sandbox: an admin plans a lunch, nine members ask for six
seats, the draw seats six and tells three why not, one declines and the waitlist fills the
seat at once, the table gets its group DM with questions and a calendar file, takeaways are
asked for, one goes to the vault, and the guest is thanked with what members shared."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.lunches import run_lunches
from storage.models import JobRun, LunchSignup
from storage.models.vault import VaultResource
from tests.e2e.lunches.steps import (
    CLOSES_AT,
    STARTS_AT,
    ask_for_seat,
    everything,
    messages_to,
    plan,
)

QUESTIONS = [f"How did you price plan {n}?" for n in range(9)]
TAKEAWAY = "Price the outcome, not the feature: ask what they would pay to make it go away."


def test_a_tiny_lunch_from_plan_to_thank_you(
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
    reply = plan(driver, sandbox, circlebot_admin, lunch_channel, guest_user=dana)
    assert reply.status == 200 and "errors" not in reply.body
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)
    assert "Tiny lunch with Dana Reyes" in post["text"] and "6 seats" in post["text"]
    assert "Thu 3 Dec, 12:30 Berlin time" in post["text"]

    # Nine members ask for six seats, each with a question for Dana.
    for uid, question in zip(diners, QUESTIONS, strict=True):
        ask_for_seat(driver, sandbox, uid, (lunch_channel, post["ts"]), question)
    assert "You're on the list" in str(sandbox.open_modals(diners[0])[-1]["blocks"])

    # Sign-up closes: the job draws once, and everyone who asked hears back privately.
    clock.set(CLOSES_AT)
    run_lunches(services)
    run_lunches(services)
    dispatcher.drain()
    seated = [u for u in diners if messages_to(sandbox, u, "You have a seat")]
    waiting = [u for u in diners if messages_to(sandbox, u, "Not this time")]
    assert len(seated) == 6 and len(waiting) == 3
    for uid in waiting:
        [note] = messages_to(sandbox, uid, "Not this time")
        assert "waitlist" in note.text and "every lunch you miss moves you up" in note.text
    with sessions() as session:
        draws = session.scalars(select(JobRun).where(JobRun.job == "lunch_draw")).all()
    assert len(draws) == 1

    # One declines; the seat goes to the first on the waitlist at once.
    leaver = seated[0]
    [offer] = messages_to(sandbox, leaver, "You have a seat")
    driver.click(leaver, "lunch_decline", message=offer.message)
    dispatcher.drain()
    newcomer = [u for u in waiting if messages_to(sandbox, u, "A seat came free")]
    assert len(newcomer) == 1
    table = [*seated[1:], newcomer[0]]
    for uid in table:
        [seat] = messages_to(sandbox, uid, "seat")[-1:]
        driver.click(uid, "lunch_confirm", message=seat.message)

    # 48 hours before: one group DM for the table and Dana, with the questions, and the
    # calendar file in the same conversation.
    clock.set(STARTS_AT - timedelta(hours=48))
    run_lunches(services)
    dispatcher.drain()
    group = sandbox.dm_channel(*table, dana)
    assert group is not None
    [brief] = [m for m in sandbox.messages(group) if m.get("blocks")]
    text = str(brief["blocks"])
    assert "conversation, not a Q&amp;A" in text or "conversation, not a Q&A" in text
    asked = [QUESTIONS[diners.index(u)] for u in table]
    assert all(q in text for q in asked)
    assert QUESTIONS[diners.index(leaver)] not in text  # who left, their question left too
    [ics] = sandbox.files_in(group)
    assert ics["name"].endswith(".ics")
    assert b"DTSTART:20261203T113000Z" in ics["content"]

    # After the lunch: each of the six is asked for a takeaway; one shares it widely.
    clock.set(STARTS_AT + timedelta(hours=3))
    run_lunches(services)
    dispatcher.drain()
    for uid in table:
        assert len(messages_to(sandbox, uid, "how was lunch with Dana Reyes")) == 1
    author = table[0]
    [ask] = messages_to(sandbox, author, "how was lunch")
    driver.click(author, "lunch_takeaway", message=ask.message)
    modal = sandbox.open_modals(author)[-1]
    driver.submit_view(author, modal["id"], {"takeaway": TAKEAWAY, "share": ["guest", "vault"]})
    assert "in the vault" in str(sandbox.open_modals(author)[-1]["blocks"])
    mine = driver.slash_command(author, "/vault", "mine").json
    assert "Tiny lunch with Dana Reyes" in str(mine)
    with sessions() as session:
        entry = session.scalar(select(VaultResource).where(VaultResource.added_by == author))
        assert entry is not None and TAKEAWAY in entry.description

    # Two days on, Dana is thanked with what members chose to share, and nothing else.
    clock.set(STARTS_AT + timedelta(hours=48))
    run_lunches(services)
    dispatcher.drain()
    [thanks] = messages_to(sandbox, dana, "Thank you for lunch")
    assert TAKEAWAY in everything(thanks)
    with sessions() as session:
        assert session.scalar(
            select(LunchSignup.share_with_guest).where(LunchSignup.takeaway == TAKEAWAY)
        )
