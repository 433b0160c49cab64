"""A mentorship from offer to first recap, through the sandbox: a mentor offers, a member
finds and asks, the mentor accepts, both are asked privately after the first session, and
two days before the next one the mentee's recap reaches the mentor."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.mentors import run_mentoring
from tests.e2e.mentors.steps import GOAL, ask_button, find, last_dm, offer, view_text


def test_offer_find_ask_accept_fit_and_recap(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben = people["ana"], people["ben"]
    saved = offer(
        driver, sandbox, ben, "1", ["into_management", "promotion_senior"], ["management"]
    )
    assert "You offer to mentor 1 mentee" in view_text(saved)
    offer(driver, sandbox, people["cara"], "2", ["gtm"])
    offer(driver, sandbox, people["dan"], "2", ["into_management"], ["management"])

    proposals = view_text(find(driver, sandbox, ana))
    assert proposals.index("Ben Ito") < proposals.index("Cara Diaz")
    assert "Dan Roe" not in proposals  # Ana's own company
    assert "mentors on moving into management" in proposals
    assert "management chops, the spike you're building" in proposals

    view = sandbox.open_modals(ana)[-1]
    driver.click(ana, ask_button(view, "Ben"), view_id=view["id"])
    assert "I've asked Ben Ito" in view_text(sandbox.view(view["id"]))
    dispatcher.drain()
    ask = last_dm(sandbox, ben, "would like you as their mentor")
    assert GOAL in str(ask.blocks)

    driver.click(ben, "mentor_accept", message=(ask.channel, ask.ts))
    dispatcher.drain()
    group = sandbox.dm_channel(ana, ben)
    assert group is not None
    [welcome] = sandbox.messages(group)
    assert GOAL in str(welcome["blocks"]) and "A first agenda" in str(welcome["blocks"])

    driver.click(ana, "mentor_session_day", message=(group, welcome["ts"]), selected_option="1:15")
    dispatcher.drain()
    assert "First one: Tue 15 Dec." in sandbox.messages(group)[-1]["text"]

    # The day after the first session, 10:00 in each one's own zone: the fit question.
    clock.set(datetime(2026, 12, 16, 9, 0, tzinfo=UTC))  # 10:00 in Berlin, 09:00 in London
    run_mentoring(services)
    dispatcher.drain()
    fit_for_ben = last_dm(sandbox, ben, "How was your first session with Ana Okafor?")
    assert not [s for s in sandbox.seen_by(ana) if "How was your first session" in s.text]
    clock.set(datetime(2026, 12, 16, 10, 0, tzinfo=UTC))
    run_mentoring(services)
    dispatcher.drain()
    fit_for_ana = last_dm(sandbox, ana, "How was your first session with Ben Ito?")
    assert fit_for_ana.channel != group and fit_for_ben.channel != group  # privately
    driver.click(ana, "mentor_fit:yes", message=(fit_for_ana.channel, fit_for_ana.ts))
    driver.click(ben, "mentor_fit:yes", message=(fit_for_ben.channel, fit_for_ben.ts))

    # Two days before the next session (Fri 15 Jan), 09:00 London: the recap prompt, once.
    clock.set(datetime(2027, 1, 13, 8, 59, tzinfo=UTC))
    run_mentoring(services)  # the quarter's panel question may go; no recap prompt yet
    dispatcher.drain()
    assert not [s for s in sandbox.seen_by(ana) if "Send a recap beforehand?" in s.text]
    clock.set(datetime(2027, 1, 13, 9, 0, tzinfo=UTC))
    assert run_mentoring(services) == 1
    assert run_mentoring(services) == 0
    dispatcher.drain()
    prompt = last_dm(sandbox, ana, "Your session with Ben Ito is on Fri 15 Jan")
    driver.click(ana, "mentor_recap_open", message=(prompt.channel, prompt.ts))
    modal = sandbox.open_modals(ana)[-1]
    driver.submit_view(
        ana, modal["id"], {"changed": "I hired my first PM", "focus": "Delegating roadmaps"}
    )
    dispatcher.drain()
    recap = last_dm(sandbox, ben, "Ana Okafor's recap before your session on Fri 15 Jan")
    assert "I hired my first PM" in str(recap.blocks)
    assert "Delegating roadmaps" in str(recap.blocks)
    # The recap went to Ben's DM and nowhere else.
    posts = sandbox.calls_to("chat.postMessage")
    assert {c.args["channel"] for c in posts if "I hired my first PM" in str(c.args)} == {
        recap.channel
    }
