"""Who may run admin actions: ids in CIRCLEBOT_ADMINS, plus workspace admins and owners
(as last seen by the member sync or a user_change event)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.platform.settings import Settings
from storage.models import MemberStatus

REFUSAL = "Only community admins can do that. Nothing was changed."


def is_admin(session: Session, slack_user_id: str, settings: Settings) -> bool:
    if slack_user_id in settings.circlebot_admins:
        return True
    member = get_member(session, slack_user_id)
    return bool(member and member.is_workspace_admin and member.status != MemberStatus.LEFT)
