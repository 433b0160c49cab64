"""Issue 7, test 6: whatever people type, into any slash command or any text box of the
modals commands open, the bot answers (a reply, a modal, or a form error), never a 500,
and never logs an unhandled exception."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.demo.vault_steps import click, entry_ids, last_seen, search
from bot.members.sync import apply_slack_user
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.sandbox import Reply, SlackDriver, SlackSandbox
from handlers.common.router import ROUTES
from tests.e2e.circles.steps import circle  # noqa: F401  (a fixture)
from tests.e2e.cohorts.flow import ANSWERS, button_message, card_buttons, review

COMMANDS = sorted({command for command, _ in ROUTES})
SUBS = {c: sorted({"", "help", *(sub for cmd, sub in ROUTES if cmd == c)}) for c in COMMANDS}
# Commands that open a modal, and so the text boxes people can type into.
MODALS = [("/profile", ""), ("/vault", "add"), ("/circle", "checkin")]
TEXT_INPUTS = {"plain_text_input", "url_text_input", "email_text_input", "number_input"}

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
typed = st.text(max_size=400) | st.sampled_from(
    [
        "\x00",
        "<@U0NOPE>",
        "<#C0NOPE|x>",
        "https://",
        "'; DROP TABLE member;--",
        "%s%n{0}",
        "🙂" * 50,
    ]
)


@pytest.fixture
def people(
    sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> tuple[str, str]:
    admin, member, *_ = add_members(sandbox, sessions, clock, 6, admin=True)
    return admin, member


def errors_in(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def answered(sandbox: SlackSandbox, reply: Reply, opened_before: int) -> bool:
    opened = [c for c in sandbox.calls_to("views.open") if c.ok]
    return bool(reply.body.strip()) or len(opened) > opened_before


def test_any_text_after_any_command_gets_an_answer(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    people: tuple[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)

    @FUZZ
    @given(
        command=st.sampled_from(COMMANDS),
        data=st.data(),
        who=st.sampled_from(people),
        args=typed,
    )
    def run(command: str, data: st.DataObject, who: str, args: str) -> None:
        sub = data.draw(st.sampled_from(SUBS[command]))
        before = len([c for c in sandbox.calls_to("views.open") if c.ok])
        reply = driver.slash_command(who, command, f"{sub} {args}".strip())
        assert reply.status == 200, (command, sub, args, reply.body)
        assert answered(sandbox, reply, before), (command, sub, args)
        assert errors_in(caplog) == [], (command, sub, args)
        for modal in sandbox.open_modals(who):  # leave nobody with a modal stack
            sandbox.close_modal(modal["id"], clear=True)

    run()


@pytest.mark.parametrize(("command", "text"), MODALS)
def test_any_text_in_any_box_of_a_modal_gets_an_answer(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    circle: tuple[dict[str, str], str],  # noqa: F811  (the fixture imported above)
    caplog: pytest.LogCaptureFixture,
    command: str,
    text: str,
) -> None:
    caplog.set_level(logging.WARNING)
    member = circle[0]["bea"]  # a peer in a circle, so /circle checkin has a form too
    driver.slash_command(member, command, text)
    if not sandbox.open_modals(member):
        pytest.fail(f"{command} {text} opened no modal for a member")
    template = sandbox.open_modals(member)[-1]
    boxes = [
        block["block_id"]
        for block in template["blocks"]
        if block.get("type") == "input" and block["element"]["type"] in TEXT_INPUTS
    ]
    assert boxes, f"{command} {text}: no text boxes to fuzz"

    @FUZZ
    @given(values=as_typed(template, boxes))
    def run(values: dict[str, str]) -> None:
        for modal in sandbox.open_modals(member):
            sandbox.close_modal(modal["id"], clear=True)
        driver.slash_command(member, command, text)
        modal = sandbox.open_modals(member)[-1]
        reply = driver.submit_view(member, modal["id"], {**first_choices(modal), **values})
        assert reply.status == 200, (values, reply.body)
        assert errors_in(caplog) == [], values

    run()


def text_boxes(view: dict[str, Any]) -> list[str]:
    return [
        block["block_id"]
        for block in view["blocks"]
        if block.get("type") == "input" and block["element"]["type"] in TEXT_INPUTS
    ]


def first_choices(view: dict[str, Any]) -> dict[str, str]:
    """A required single-choice input left unpicked gets its first option, as a person must
    pick one before Slack lets them submit."""
    return {
        block["block_id"]: block["element"]["options"][0]["value"]
        for block in view["blocks"]
        if block.get("type") == "input"
        and not block.get("optional")
        and block["element"]["type"] in ("static_select", "radio_buttons")
        and not block["element"].get("initial_option")
    }


def as_typed(view: dict[str, Any], boxes: list[str], *, prefilled: bool = False):
    """Any text in each box, as Slack lets a person submit it: a required box is never left
    empty (the client refuses), so it always gets something typed, unless ``prefilled``
    (the test fills it), when it may be typed over; optional boxes may be skipped or empty."""
    required = {
        block["block_id"]
        for block in view["blocks"]
        if block.get("type") == "input" and not block.get("optional")
    }
    some_text = typed.filter(bool)
    must = {box: some_text for box in boxes if box in required and not prefilled}
    may = {box: some_text if box in required else typed for box in boxes if box not in must}
    return st.fixed_dictionaries(must, optional=may)


def test_any_text_in_the_application_form_and_the_decline_note_gets_an_answer(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The two forms opened by buttons rather than commands: Apply (anyone in the
    workspace) and the admin's private note when declining."""
    caplog.set_level(logging.WARNING)
    admin = sandbox.add_user("ada", real_name="Ada Admin", is_admin=True)["id"]
    lobby = sandbox.add_channel("announcements", members=[admin])
    driver.slash_command(admin, "/cohort", "open Fuzz", channel_id=lobby)
    dispatcher.drain()
    applicants = iter(range(10_000))

    def newcomer() -> str:
        user = sandbox.add_user(f"applicant{next(applicants)}")
        with sessions.begin() as session:
            apply_slack_user(session, user, now=clock.now())
        return user["id"]

    def open_apply(user: str) -> dict[str, Any]:
        announcement = button_message(sandbox, lobby, "cohort_apply")
        driver.click(user, "cohort_apply", message=(lobby, announcement["ts"]))
        return sandbox.open_modals(user)[-1]

    applicant = newcomer()
    apply_form = open_apply(applicant)
    apply_boxes = text_boxes(apply_form)
    assert {"company", "role", "wants"} <= set(apply_boxes)

    @FUZZ
    @given(values=as_typed(apply_form, apply_boxes, prefilled=True))
    def application(values: dict[str, str]) -> None:
        for modal in sandbox.open_modals(applicant):
            sandbox.close_modal(modal["id"], clear=True)
        modal = open_apply(applicant)
        reply = driver.submit_view(applicant, modal["id"], {**ANSWERS, **values})
        assert reply.status == 200, (values, reply.body)
        assert errors_in(caplog) == [], values

    application()

    @settings(FUZZ, max_examples=20)
    @given(note=typed)
    def decline(note: str) -> None:
        person = newcomer()
        driver.submit_view(person, open_apply(person)["id"], ANSWERS)
        page = review(driver, admin)
        value = card_buttons(page.blocks, person)["cohort_decline"]
        driver.click(admin, "cohort_decline", value=value, message=(page.channel, page.ts))
        modal = sandbox.open_modals(admin)[-1]
        reply = driver.submit_view(admin, modal["id"], {"note": note})
        assert reply.status == 200, (note, reply.body)
        assert errors_in(caplog) == [], note
        for left in sandbox.open_modals(admin):
            sandbox.close_modal(left["id"], clear=True)

    decline()


@pytest.mark.parametrize(("who", "action"), [("ana", "vault_edit"), ("ben", "vault_thank")])
def test_any_text_in_the_vault_edit_and_thank_forms_gets_an_answer(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    caplog: pytest.LogCaptureFixture,
    who: str,
    action: str,
) -> None:
    """Ana edits her entry; Ben thanks her for it."""
    caplog.set_level(logging.WARNING)
    people = {name: sandbox.add_user(name)["id"] for name in ("ana", "ben")}
    driver.slash_command(people["ana"], "/vault", "add https://example.com/unity-prd Unity PRD")
    user = people[who]

    def open_form() -> dict[str, Any]:
        for modal in sandbox.open_modals(user):
            sandbox.close_modal(modal["id"], clear=True)
        if who == "ana":  # her edits may change every word search could find it by
            driver.slash_command(user, "/vault", "mine")
            seen = last_seen(sandbox, user)
        else:
            seen = search(driver, sandbox, user, "unity")
        click(driver, user, seen, action, entry_ids(seen)[0])
        return sandbox.open_modals(user)[-1]

    form = open_form()
    boxes = text_boxes(form)
    assert boxes, action

    @settings(FUZZ, max_examples=30)
    @given(values=as_typed(form, boxes))
    def run(values: dict[str, str]) -> None:
        reply = driver.submit_view(user, open_form()["id"], values)
        assert reply.status == 200, (values, reply.body)
        assert errors_in(caplog) == [], values

    run()
