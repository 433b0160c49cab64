"""A member writes their profile: /profile → modal → submit → stored → App Home."""

from __future__ import annotations

from typing import NoReturn

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.members.sync import get_member
from bot.sandbox import SlackDriver, SlackSandbox
from handlers.common.errors import SORRY

ANSWERS = {
    "company": "Northwind",
    "level": "senior_pm",
    "interests": ["growth", "leadership"],
    "tags": "Zero to one, #Pricing",
    "goals": "Hire two APMs",
    "timezone": "asia/tokyo",
}


def test_profile_command_opens_the_editor(
    driver: SlackDriver, sandbox: SlackSandbox, ana_in_london: str
) -> None:
    reply = driver.slash_command(ana_in_london, "/profile")
    assert reply.status == 200 and reply.body == ""
    [modal] = sandbox.views(ana_in_london)
    assert modal["callback_id"] == "profile"
    assert modal["title"]["text"] == "Your profile"


def test_submitting_stores_the_profile_and_publishes_home(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], ana_in_london: str
) -> None:
    driver.slash_command(ana_in_london, "/profile")
    modal = sandbox.views(ana_in_london)[-1]

    reply = driver.submit_view(ana_in_london, modal["id"], ANSWERS)

    assert reply.status == 200 and reply.body == ""
    assert not sandbox.is_modal_open(modal["id"])
    with sessions() as s:
        member = get_member(s, ana_in_london)
        assert member is not None
        assert (member.company, member.level) == ("Northwind", "senior_pm")
        assert member.interests == ["growth", "leadership"]
        assert member.tags == ["zero-to-one", "pricing"]
        assert member.tz_override == "Asia/Tokyo"
    home = sandbox.home(ana_in_london)
    text = " ".join(b.get("text", {}).get("text", "") for b in home["blocks"])
    assert "Northwind" in text and "Senior PM" in text and "Asia/Tokyo" in text


def test_reopening_the_editor_shows_what_was_saved(
    driver: SlackDriver, sandbox: SlackSandbox, ana_in_london: str
) -> None:
    driver.slash_command(ana_in_london, "/profile")
    driver.submit_view(ana_in_london, sandbox.views(ana_in_london)[-1]["id"], ANSWERS)
    driver.slash_command(ana_in_london, "/profile")
    blocks = {b.get("block_id"): b for b in sandbox.views(ana_in_london)[-1]["blocks"]}
    assert blocks["company"]["element"]["initial_value"] == "Northwind"
    assert blocks["tags"]["element"]["initial_value"] == "zero-to-one, pricing"


def test_bad_input_keeps_the_modal_open_with_errors_and_stores_nothing(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], ana_in_london: str
) -> None:
    driver.slash_command(ana_in_london, "/profile")
    modal = sandbox.views(ana_in_london)[-1]

    reply = driver.submit_view(ana_in_london, modal["id"], {**ANSWERS, "timezone": "Mars/Base"})

    assert reply.json["response_action"] == "errors"
    assert "Mars/Base" in reply.json["errors"]["timezone"]
    assert sandbox.is_modal_open(modal["id"])
    with sessions() as s:
        member = get_member(s, ana_in_london)
        assert member is None or not member.has_profile
    assert sandbox.home(ana_in_london) is None


def test_home_tab_invites_a_new_member_to_write_a_profile(
    driver: SlackDriver, sandbox: SlackSandbox, ana_in_london: str
) -> None:
    driver.app_home_opened(ana_in_london)
    home = sandbox.home(ana_in_london)
    assert home["blocks"][1]["accessory"]["action_id"] == "profile_edit"

    driver.click(ana_in_london, "profile_edit", view_id=home["id"])

    assert sandbox.views(ana_in_london)[-1]["callback_id"] == "profile"


def test_profile_show_answers_only_the_member(
    driver: SlackDriver, sandbox: SlackSandbox, ana_in_london: str
) -> None:
    driver.slash_command(ana_in_london, "/profile")
    driver.submit_view(ana_in_london, sandbox.views(ana_in_london)[-1]["id"], ANSWERS)
    reply = driver.slash_command(ana_in_london, "/profile", "show")
    assert reply.json.get("response_type", "ephemeral") == "ephemeral"
    assert "Northwind" in reply.body


def test_expired_trigger_gets_a_clear_sentence(
    driver: SlackDriver, sandbox: SlackSandbox, ana_in_london: str
) -> None:
    sandbox.fail_next("views.open", "expired_trigger_id")
    reply = driver.slash_command(ana_in_london, "/profile")
    assert reply.text == "Slack took too long to open the form. Please try again."


def test_an_unexpected_failure_apologises_and_keeps_the_modal(
    driver: SlackDriver, sandbox: SlackSandbox, ana_in_london: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    driver.slash_command(ana_in_london, "/profile")
    modal = sandbox.views(ana_in_london)[-1]

    def broken(*args: object, **kwargs: object) -> NoReturn:
        raise RuntimeError("database fell over")

    monkeypatch.setattr("handlers.members.views.save_profile", broken)
    reply = driver.submit_view(ana_in_london, modal["id"], ANSWERS)

    assert reply.status == 200
    assert reply.json == {"response_action": "errors", "errors": {"company": SORRY}}
    assert "database fell over" not in reply.body
    assert sandbox.is_modal_open(modal["id"])


def test_a_button_whose_editor_cannot_open_tells_the_member(
    driver: SlackDriver, sandbox: SlackSandbox, ana_in_london: str
) -> None:
    driver.app_home_opened(ana_in_london)
    sandbox.fail_next("views.open", "expired_trigger_id")

    driver.click(ana_in_london, "profile_edit", view_id=sandbox.home(ana_in_london)["id"])

    notes = [s.text for s in sandbox.seen_by(ana_in_london) if s.kind == "ephemeral"]
    assert notes == ["Slack took too long to open the form. Please try again."]
