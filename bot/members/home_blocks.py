"""App Home: the member's own page in the bot."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.members.profile_blocks import EDIT_ACTION, profile_fields
from bot.mentors.home_blocks import HomeMentoring
from bot.mentors.home_blocks import home_section as mentoring_home
from bot.slack.blocks import button, context, divider, escape, header, section
from storage.models import Circle, CircleRole, Member, MemberStatus

COMMANDS_OVERVIEW = (
    "*What you can do here*\n"
    "• `/profile` — edit your profile · `/profile show` — see it\n"
    "• `/pairing help` — weekly 1:1 intros with other PMs\n"
    "• `/circle help` — your small peer circle and weekly check-ins\n"
    "• `/vault help` — the community's templates and playbooks\n"
    "• `/lunch` — tiny lunches with a product leader\n"
    "• `/mentor help` — a mentor two levels up, or be one"
)
# Only admins read this part (help fits its reader).
ADMIN_OVERVIEW = (
    "*For admins*\n"
    "• `/cohort help` — intakes and admissions\n"
    "• `/circle form` — propose circles · `/pairing preview` — next round\n"
    "• `/pulse` — the community's week in numbers"
)


def circle_section(circle: Circle, people: Sequence[tuple[Member, str]]) -> dict[str, Any]:
    """My circle: its channel, the guide and the peers (names only)."""
    where = f"<#{circle.channel_id}>" if circle.channel_id else "channel being set up"
    guide = [f"<@{m.slack_user_id}>" for m, role in people if role == CircleRole.GUIDE]
    peers = [f"<@{m.slack_user_id}>" for m, role in people if role == CircleRole.PEER]
    lines = [f"*Your circle: {escape(circle.name)}* ({where})", f"Peers: {', '.join(peers)}"]
    if guide:
        lines.append(f"Guide: {guide[0]}")
    return section("\n".join(lines))


def home_view(
    member: Member | None,
    circle: tuple[Circle, Sequence[tuple[Member, str]]] | None = None,
    admin_section: Sequence[dict[str, Any]] = (),
    *,
    admin: bool = False,
    mentoring: HomeMentoring | None = None,
    lunches: dict[str, Any] | None = None,  # bot/lunches/planning.py home_lunches
) -> dict[str, Any]:
    """``admin_section``: blocks only admins see (the community's pulse), built by caller."""
    blocks: list[dict[str, Any]] = [header("Product Circle")]
    if member is None or not member.has_profile:
        blocks += [
            section(
                "Welcome! Tell the community a little about yourself so we can introduce "
                "you to PMs who share your interests.",
                accessory=button("Set up my profile", EDIT_ACTION, style="primary"),
            ),
        ]
    else:
        blocks += [
            section("*Your profile*", accessory=button("Edit profile", EDIT_ACTION)),
            section(profile_fields(member)),
        ]
    if circle is not None:
        blocks += [divider(), circle_section(*circle)]
    if mentoring is not None and member is not None and member.has_profile:
        blocks += [divider(), mentoring_home(mentoring)]
    if lunches is not None:
        blocks += [divider(), lunches]
    blocks += admin_section
    blocks += [divider(), section(COMMANDS_OVERVIEW)]
    if admin:
        blocks.append(section(ADMIN_OVERVIEW))
    if member is not None and member.status == MemberStatus.PAUSED:
        blocks.append(context("You are paused: you won't get intros until you resume."))
    return {"type": "home", "blocks": blocks}
