"""Pairs over time: the admins' match (preview, then publish), counts without content,
the panel, ending kindly, a "not a fit", and a member who leaves or deletes their data."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.mentors import run_mentoring
from storage.models import Application, Cohort, Friendship, Member, Mentorship
from tests.e2e.mentors.steps import (
    GOAL,
    ana_mentored_by_ben,
    ask_button,
    find,
    last_dm,
    offer,
    paired,
)


def test_admins_preview_a_match_then_publish_and_mentors_are_asked(
    people: dict[str, str],
    circlebot_admin: str,
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, fay, ben, vic = people["ana"], people["fay"], people["ben"], people["vic"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    offer(driver, sandbox, vic, "1", ["gtm"])
    find(driver, sandbox, ana)
    find(driver, sandbox, fay, topics=["gtm"], spike="industry")
    assert driver.slash_command(ana, "/mentor", "match").json["text"].startswith("Only")

    preview = driver.slash_command(circlebot_admin, "/mentor", "match").json
    assert "2 open requests, 2 mentors with room. 2 matches; 0 stay open." in preview["text"]
    shown = str(preview["blocks"])
    assert "Ana Okafor → Ben Ito" in shown and "Fay Lund → Vic Stone" in shown
    assert GOAL not in shown  # admins see who, never the goal
    dispatcher.drain()
    assert not [s for s in sandbox.seen_by(ben) if "would like you" in s.text]

    [answer] = [s for s in sandbox.seen_by(circlebot_admin) if "match preview" in s.text]
    driver.click(circlebot_admin, "mentor_match_publish", message=(answer.channel, answer.ts))
    dispatcher.drain()
    assert last_dm(sandbox, ben, "Ana Okafor would like you as their mentor")
    assert last_dm(sandbox, vic, "Fay Lund would like you as their mentor")
    assert last_dm(sandbox, ana, "an admin's match found a mentor")

    status = driver.slash_command(circlebot_admin, "/mentor", "status").json["text"]
    assert "2 mentors offering, 0 seats free" in status
    assert "0 open requests, 2 waiting on a mentor's answer" in status
    assert GOAL not in status


def test_the_panel_and_ending_kindly(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben = ana_mentored_by_ben(people, driver, sandbox, dispatcher)
    panel = driver.slash_command(ana, "/mentor", "panel").json["text"]
    assert "Your mentor: Ben Ito (sessions on the 15th, first on Tue 15 Dec)" in panel
    assert "You mentor Ana Okafor" in driver.slash_command(ben, "/mentor", "panel").json["text"]

    assert (
        "You already have a mentor, Ben Ito"
        in driver.slash_command(ana, "/mentor", "find").json["text"]
    )
    reply = driver.slash_command(ana, "/mentor", "end")
    assert reply.json["text"] == "Your mentorship with Ben Ito has ended. Thank you."
    dispatcher.drain()
    assert last_dm(sandbox, ben, "Ana Okafor has wrapped up your mentorship. Thank you")
    assert "No mentor right now" in driver.slash_command(ana, "/mentor", "panel").json["text"]


def test_not_a_fit_ends_it_kindly_and_offers_a_new_match(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben = ana_mentored_by_ben(people, driver, sandbox, dispatcher)
    clock.set(datetime(2026, 12, 16, 10, 0, tzinfo=UTC))
    run_mentoring(services)
    dispatcher.drain()
    question = last_dm(sandbox, ben, "How was your first session with Ana Okafor?")
    driver.click(ben, "mentor_fit:no", message=(question.channel, question.ts))
    dispatcher.drain()
    to_ana = last_dm(sandbox, ana, "Your mentorship with Ben Ito ends here")
    assert "Would you like another mentor?" in to_ana.text
    assert "Ben" not in to_ana.text.split("ends here")[1]  # nobody is blamed
    assert last_dm(sandbox, ben, "Thank you for your time")
    driver.click(ana, "mentor_find_open", message=(to_ana.channel, to_ana.ts))
    assert sandbox.open_modals(ana)[-1]["title"]["text"] == "Find a mentor"


def test_a_mentor_who_leaves_the_workspace_ends_it_with_a_kind_note(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    dispatcher: OutboxDispatcher,
    sessions: sessionmaker[Session],
) -> None:
    ana, ben = ana_mentored_by_ben(people, driver, sandbox, dispatcher)
    driver.user_change(sandbox.update_user(ben, deleted=True))
    run_mentoring(services)
    run_mentoring(services)
    dispatcher.drain()
    notes = [s for s in sandbox.seen_by(ana) if "has left Product Circle" in s.text]
    assert len(notes) == 1 and notes[0].text.startswith("Ben Ito has left Product Circle")
    with sessions() as s:
        assert s.query(Mentorship).one().end_reason == "left"


def test_deleting_a_mentee_removes_goal_and_recaps_and_tells_the_mentor(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    engine: Engine,
) -> None:
    ana, ben = ana_mentored_by_ben(people, driver, sandbox, dispatcher)
    clock.set(datetime(2026, 12, 13, 9, 0, tzinfo=UTC))
    run_mentoring(services)
    dispatcher.drain()
    prompt = last_dm(sandbox, ana, "Your session with Ben Ito is on Tue 15 Dec")
    driver.click(ana, "mentor_recap_open", message=(prompt.channel, prompt.ts))
    recap = {"changed": "Promoted two of my engineers", "focus": "Hiring plan"}
    driver.submit_view(ana, sandbox.open_modals(ana)[-1]["id"], recap)
    dispatcher.drain()

    driver.slash_command(ana, "/profile", "export")
    dispatcher.drain()
    exported = json.loads(sandbox.files_in(sandbox.dm_channel(ana) or "")[-1]["content"])
    assert exported["mentor_requests"][0]["goal"] == GOAL
    assert exported["mentorships"][0]["sessions"][0]["what_changed"] == recap["changed"]

    driver.slash_command(ana, "/profile", "delete")
    driver.submit_view(ana, sandbox.open_modals(ana)[-1]["id"], {"vault": ["keep"]})
    dispatcher.drain()
    assert last_dm(sandbox, ben, "Ana Okafor has left Product Circle")
    with engine.connect() as c:
        for table in inspect(engine).get_table_names():
            if table == "alembic_version" or table.startswith("vault_fts_"):
                continue
            for row in c.execute(text(f'SELECT * FROM "{table}"')):
                blob = json.dumps([str(v) for v in row], ensure_ascii=False)
                assert GOAL not in blob and recap["changed"] not in blob, table


def test_a_mentee_waiting_on_a_mentor_who_left_is_offered_the_next(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben, vic = people["ana"], people["ben"], people["vic"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    offer(driver, sandbox, vic, "1", ["gtm"])
    view = find(driver, sandbox, ana)
    driver.click(ana, ask_button(view, "Ben"), view_id=view["id"])
    driver.user_change(sandbox.update_user(ben, deleted=True))
    run_mentoring(services)
    dispatcher.drain()
    assert last_dm(sandbox, ana, "Another mentor who fits your goal: Vic Stone")
    assert not [s for s in sandbox.seen_by(ana) if "left" in s.text]


def test_a_panel_of_advisers_and_the_quarterly_update_sent_only_on_the_members_say_so(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    sessions: sessionmaker[Session],
) -> None:
    ana, cara, dan, fay = people["ana"], people["cara"], people["dan"], people["fay"]
    with sessions.begin() as s:  # Ana and Cara became friends in pairings
        ids = {m.slack_user_id: m.id for m in s.query(Member)}
        a, c = sorted((ids[ana], ids[cara]))
        s.add(Friendship(member_a=a, member_b=c, created_at=clock.now(), last_paired_week=1))
    panel = driver.slash_command(ana, "/mentor", "panel").json
    assert "No advisers marked yet" in panel["text"]
    [shown] = [s for s in sandbox.seen_by(ana) if "Your panel" in s.text]
    driver.click(ana, f"mentor_panel_add:{ids[cara]}", message=(shown.channel, shown.ts))
    assert "Added Cara Diaz to your panel" in sandbox.seen_by(ana)[-1].text
    reply = driver.slash_command(ana, "/mentor", "panel add @dan")
    assert reply.json["text"].startswith("Added Dan Roe to your panel. They aren't told")
    assert (
        "Advisers: Cara Diaz, Dan Roe" in driver.slash_command(ana, "/mentor", "panel").json["text"]
    )
    dispatcher.drain()
    assert not [s for s in sandbox.seen_by(cara) if "Ana" in s.text]  # not told

    # 1 Jan, 10:00 in London: the quarter's question, once; nothing reaches the panel yet.
    clock.set(datetime(2027, 1, 1, 9, 59, tzinfo=UTC))
    run_mentoring(services)
    clock.set(datetime(2027, 1, 1, 10, 0, tzinfo=UTC))
    run_mentoring(services)
    run_mentoring(services)
    dispatcher.drain()
    [ask] = [s for s in sandbox.seen_by(ana) if "send your panel a short update" in s.text]
    assert not [s for s in sandbox.seen_by(dan) if "An update from" in s.text]
    driver.click(ana, "mentor_panel_update_open", message=(ask.channel, ask.ts))
    driver.submit_view(
        ana, sandbox.open_modals(ana)[-1]["id"], {"focus": "Hiring two PMs; pricing review"}
    )
    dispatcher.drain()
    for adviser in (cara, dan):
        update = last_dm(sandbox, adviser, "An update from Ana Okafor")
        assert "Hiring two PMs; pricing review" in str(update.blocks)
    assert not [s for s in sandbox.seen_by(fay) if "An update from" in s.text]

    reply = driver.slash_command(ana, "/mentor", "panel remove @dan")
    assert reply.json["text"] == "Dan Roe is off your panel."
    assert "@nobody" in driver.slash_command(ana, "/mentor", "panel add @nobody").json["text"]


def test_both_renew_and_the_term_runs_again_otherwise_it_ends_with_thanks(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    sessions: sessionmaker[Session],
) -> None:
    ana, ben, cara, fay = people["ana"], people["ben"], people["cara"], people["fay"]
    offer(driver, sandbox, ben, "2", ["into_management"], ["management"])
    offer(driver, sandbox, cara, "1", ["gtm"])
    group = paired(driver, sandbox, dispatcher, ana, ben, "Ben")  # ends Sun 23 May 2027
    other = paired(driver, sandbox, dispatcher, fay, cara, "Cara")

    clock.set(datetime(2027, 5, 9, 9, 0, tzinfo=UTC))
    run_mentoring(services)
    dispatcher.drain()
    assert not [m for m in sandbox.messages(group) if "keep going?" in m["text"]]
    for_ana = last_dm(sandbox, ana, "Would you like to keep going?")
    assert for_ana.text == (
        "Your mentorship with Ben Ito ends on Sun 23 May. Would you like to keep going?"
    )
    driver.click(ana, "mentor_renew", message=(for_ana.channel, for_ana.ts))
    assert "If Ben presses Renew too" in sandbox.seen_by(ana)[-1].text
    for_ben = last_dm(sandbox, ben, "Would you like to keep going?")
    driver.click(ben, "mentor_renew", message=(for_ben.channel, for_ben.ts))
    dispatcher.drain()
    assert sandbox.messages(group)[-1]["text"] == (
        "You've both chosen to keep going: another 6 months, until Tue 23 Nov."
    )

    clock.set(datetime(2027, 5, 23, 9, 0, tzinfo=UTC))
    run_mentoring(services)
    dispatcher.drain()
    assert "end today" not in sandbox.messages(group)[-1]["text"]
    assert sandbox.messages(other)[-1]["text"].startswith("Your 6 months of mentoring end today")
    with sessions() as s:
        statuses = sorted(m.status for m in s.query(Mentorship))
    assert statuses == ["active", "ended"]


def test_admins_can_match_one_cohort_only(
    people: dict[str, str],
    circlebot_admin: str,
    driver: SlackDriver,
    sandbox: SlackSandbox,
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    sessions: sessionmaker[Session],
) -> None:
    ana, fay, ben, vic = people["ana"], people["fay"], people["ben"], people["vic"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    offer(driver, sandbox, vic, "1", ["gtm"])
    find(driver, sandbox, ana)
    find(driver, sandbox, fay, topics=["gtm"], spike="industry")
    with sessions.begin() as s:
        spring = Cohort(
            name="Spring 2027", spots=10, status="started", opened_by="U0", opened_at=clock.now()
        )
        s.add(spring)
        s.flush()
        fay_id = s.query(Member).filter_by(slack_user_id=fay).one().id
        s.add(
            Application(
                cohort_id=spring.id,
                member_id=fay_id,
                company="Umbrella",
                role="PM",
                level="pm",
                years=3,
                wants="a mentor",
                status="admitted",
                submitted_at=clock.now(),
                updated_at=clock.now(),
            )
        )

    unknown = driver.slash_command(circlebot_admin, "/mentor", "match Autumn 1999").json["text"]
    assert "I don't know a cohort called Autumn 1999" in unknown
    preview = driver.slash_command(circlebot_admin, "/mentor", "match spring 2027").json
    assert preview["text"].startswith("Mentor match preview for Spring 2027: 1 open request,")
    assert "Fay Lund →" in str(preview["blocks"]) and "Ana Okafor" not in str(preview["blocks"])
    [answer] = [s for s in sandbox.seen_by(circlebot_admin) if "for Spring 2027" in s.text]
    driver.click(circlebot_admin, "mentor_match_publish", message=(answer.channel, answer.ts))
    dispatcher.drain()
    assert not [s for s in sandbox.seen_by(ana) if "an admin's match" in s.text]
    assert not [s for s in sandbox.seen_by(ben) if "would like you" in s.text]
    assert [s for s in sandbox.seen_by(fay) if "an admin's match found a mentor" in s.text]
