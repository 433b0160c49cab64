"""Keeping the member list in step with Slack users."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.members.profiles import ProfileUpdate
from bot.members.sync import apply_slack_user, get_member, save_profile, sync_members
from tests.conftest import START


def slack_user(user_id: str, name: str = "ana", **extra: Any) -> dict[str, Any]:
    return {
        "id": user_id,
        "name": name,
        "real_name": name.title() + " Lovelace",
        "tz": "Europe/Berlin",
        "deleted": False,
        "is_bot": False,
        "profile": {"display_name": name},
        **extra,
    }


def test_sync_adds_people_and_skips_bots_and_slackbot(sessions: sessionmaker[Session]) -> None:
    users = [
        slack_user("U1", "ana"),
        slack_user("U2", "ben", is_admin=True),
        slack_user("B1", "robot", is_bot=True),
        slack_user("USLACKBOT", "slackbot"),
        slack_user("U3", "app", is_app_user=True),
    ]
    with sessions.begin() as s:
        report = sync_members(s, users, now=START)
    assert report.as_dict() == {"added": 2, "updated": 0, "left": 0, "returned": 0, "skipped": 3}
    with sessions() as s:
        ben = get_member(s, "U2")
        assert ben is not None and ben.is_workspace_admin and ben.status == "active"
        assert get_member(s, "B1") is None and get_member(s, "USLACKBOT") is None


def test_second_sync_is_quiet_and_a_deactivated_user_leaves(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as s:
        sync_members(s, [slack_user("U1"), slack_user("U2", "ben")], now=START)
    with sessions.begin() as s:
        report = sync_members(
            s, [slack_user("U1"), slack_user("U2", "ben", deleted=True)], now=START
        )
    assert (report.added, report.updated, report.left) == (0, 0, 1)
    with sessions() as s:
        ben = get_member(s, "U2")
        assert ben is not None and ben.status == "left" and ben.left_at == START


def test_a_reactivated_user_comes_back_with_their_profile(sessions: sessionmaker[Session]) -> None:
    update = ProfileUpdate("Acme", "pm", ("growth",), (), None, None)
    with sessions.begin() as s:
        apply_slack_user(s, slack_user("U1"), now=START)
        save_profile(s, "U1", update, now=START)
        apply_slack_user(s, slack_user("U1", deleted=True), now=START)
        outcome = apply_slack_user(s, slack_user("U1"), now=START)
    assert outcome.change == "returned"
    assert outcome.member is not None and outcome.member.company == "Acme"
    assert outcome.member.status == "active" and outcome.member.left_at is None


def test_a_profile_for_someone_not_synced_yet_is_kept(sessions: sessionmaker[Session]) -> None:
    update = ProfileUpdate("Acme", "vp", (), ("pricing",), "Hire well", "Asia/Tokyo")
    with sessions.begin() as s:
        save_profile(s, "U9", update, now=START)
    with sessions() as s:
        member = get_member(s, "U9")
        assert member is not None and member.tags == ["pricing"]
        assert member.timezone_name == "Asia/Tokyo" and member.has_profile
