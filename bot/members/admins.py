"""Who may run admin actions: ids in CIRCLEBOT_ADMINS, plus workspace admins and owners
(as last seen by the member sync or a user_change event)."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bot.platform.settings import Settings
from storage.models import Member, MemberStatus

REFUSAL = "Only community admins can do that. Nothing was changed."
# Two columns, not the member's row, in a statement built once: every vault search and
# admin command asks this.
_FLAGS = select(Member.is_workspace_admin, Member.status).where(
    Member.slack_user_id == bindparam("slack_user_id")
)


def is_admin(session: Session, slack_user_id: str, settings: Settings) -> bool:
    if slack_user_id in settings.circlebot_admins:
        return True
    row = session.execute(_FLAGS, {"slack_user_id": slack_user_id}).first()
    return bool(row and row.is_workspace_admin and row.status != MemberStatus.LEFT)
