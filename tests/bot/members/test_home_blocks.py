"""App Home's exact Block Kit for a member with a profile, a circle and a pause."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.members.home_blocks import home_view
from storage.models import Circle, Member


def test_home_shows_my_profile_my_circle_what_i_can_do_and_that_i_am_paused() -> None:
    ana = Member(
        slack_user_id="U1",
        real_name="Ana Okafor",
        company="Acme <& co>",
        level="pm",
        interests=["growth"],
        tags=["b2b"],
        goals="Hire two APMs",
        tz_override="Europe/Berlin",
        status="paused",
        profile_updated_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    ben = Member(slack_user_id="U2", real_name="Ben Ito", status="active")
    gil = Member(slack_user_id="U3", real_name="Gil Ross", status="active")
    otter = Circle(id=1, name="Otter", channel_id="C0OTTER")

    view = home_view(ana, (otter, [(gil, "guide"), (ana, "peer"), (ben, "peer")]))

    assert view == {
        "type": "home",
        "blocks": [
            {
                "type": "header",
                "text": {"type": "plain_text", "text": "Product Circle", "emoji": True},
            },
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "*Your profile*"},
                "accessory": {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Edit profile", "emoji": True},
                    "action_id": "profile_edit",
                },
            },
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*Company:* Acme &lt;&amp; co&gt;\n"
                    "*Level:* Product Manager\n"
                    "*Time zone:* Europe/Berlin\n"
                    "*Interests:* Growth\n"
                    "*Other topics:* b2b\n"
                    "*Goals:* Hire two APMs",
                },
            },
            {"type": "divider"},
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*Your circle: Otter* (<#C0OTTER>)\nPeers: <@U1>, <@U2>\nGuide: <@U3>",
                },
            },
            {"type": "divider"},
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*What you can do here*\n"
                    "• `/profile` — edit your profile · `/profile show` — see it\n"
                    "• `/pairing help` — weekly 1:1 intros with other PMs\n"
                    "• `/circle help` — your small peer circle and weekly check-ins\n"
                    "• `/vault help` — the community's templates and playbooks\n"
                    "• `/lunch` — tiny lunches with a product leader\n"
                    "• `/mentor help` — a mentor two levels up, or be one",
                },
            },
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": "You are paused: you won't get intros until you resume.",
                    }
                ],
            },
        ],
    }


def test_members_never_see_admin_commands_and_admins_do() -> None:
    member = Member(id=1, slack_user_id="U9", real_name="Ana")
    for_member = str(home_view(member))
    for_admin = str(home_view(member, admin=True))
    for admin_only in ("/cohort", "/circle form", "/pairing preview", "/pulse"):
        assert admin_only not in for_member
        assert admin_only in for_admin
