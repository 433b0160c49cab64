"""The admins' match: all open requests against all mentors' room, previewed, then published.

Nothing is sent by the preview. Publishing recomputes the match and goes ahead only if it is
the one the admin saw (its digest); otherwise the admin gets the new preview instead. Each
matched mentor is then asked exactly as if the mentee had asked them, so a "not now" still
never reaches the mentee.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.mentors import admin_blocks, proposal_blocks
from bot.mentors.assignment import assign
from bot.mentors.finding import ask_mentor, lock_offers
from bot.mentors.pool import current_mentors, mentors, seeker
from bot.outbox.queue import OutgoingMessage
from bot.platform.refused import Refused
from bot.slack.blocks import escape
from storage.models import (
    Application,
    ApplicationStatus,
    Cohort,
    Member,
    MemberStatus,
    MentorRequest,
    RequestStatus,
)


@dataclass(frozen=True)
class MatchPlan:
    cohort_id: int | None
    rows: tuple[tuple[MentorRequest, Member, Member], ...]  # request, mentee, mentor
    open_requests: int
    mentors_with_room: int
    total: int
    digest: str

    def names(self) -> list[tuple[str, str]]:
        return [(mentee.display_name, mentor.display_name) for _, mentee, mentor in self.rows]

    @property
    def token(self) -> str:
        """What the Publish button carries: the digest, and the cohort if scoped."""
        return f"{self.digest}:{self.cohort_id or ''}"

    def message(self, scope: str = "") -> tuple[str, list]:
        return admin_blocks.preview_message(
            self.names(), self.open_requests, self.mentors_with_room, self.token, scope
        )


def cohort_named(session: Session, name: str) -> Cohort:
    """The cohort an admin scopes a match to, by name (any case)."""
    cohort = session.scalar(select(Cohort).where(func.lower(Cohort.name) == name.strip().lower()))
    if cohort is None:
        raise Refused(
            f"I don't know a cohort called {escape(name.strip())}. `/cohort list` shows them; "
            "`/mentor match` alone matches the whole community."
        )
    return cohort


def open_requests(
    session: Session, cohort_id: int | None = None
) -> list[tuple[MentorRequest, Member]]:
    """Open requests of active members without a mentor; with ``cohort_id``, only from
    members that cohort admitted."""
    query = (
        select(MentorRequest, Member)
        .join(Member, Member.id == MentorRequest.mentee_id)
        .where(MentorRequest.status == RequestStatus.OPEN, Member.status == MemberStatus.ACTIVE)
        .order_by(MentorRequest.id)
    )
    if cohort_id is not None:
        admitted = select(Application.member_id).where(
            Application.cohort_id == cohort_id,
            Application.status == ApplicationStatus.ADMITTED,
        )
        query = query.where(Member.id.in_(admitted))
    rows = session.execute(query).all()
    return [(r, m) for r, m in rows if not current_mentors(session, m.id)]


def plan(session: Session, now: datetime, cohort_id: int | None = None) -> MatchPlan:
    requests = open_requests(session, cohort_id)
    pool = mentors(session, now)
    seekers = [seeker(session, request, member, now) for request, member in requests]
    found = assign(seekers, [m for m, _ in pool])
    rows = tuple((requests[i][0], requests[i][1], pool[j][1]) for i, j in found.pairs)
    digest = hashlib.sha256(
        ",".join(f"{r.id}:{mentor.id}" for r, _, mentor in rows).encode()
    ).hexdigest()[:16]
    return MatchPlan(
        cohort_id=cohort_id,
        rows=rows,
        open_requests=len(requests),
        mentors_with_room=sum(1 for m, _ in pool if m.room > 0),
        total=found.total,
        digest=digest,
    )


def preview(session: Session, now: datetime, cohort: str = "") -> tuple[str, list]:
    """`/mentor match [cohort]`: the whole community, or one cohort's admitted members."""
    if not cohort.strip():
        return plan(session, now).message()
    scoped = cohort_named(session, cohort)
    return plan(session, now, scoped.id).message(scoped.name)


def publish(
    session: Session, token: str, now: datetime
) -> tuple[list[OutgoingMessage], int | None, MatchPlan]:
    """Ask every matched mentor; None (and the new plan) if the match changed meanwhile."""
    digest, _, cohort = token.partition(":")
    lock_offers(session)  # the seats counted by the plan stay free until the asks are written
    found = plan(session, now, int(cohort) if cohort.isdigit() else None)
    if found.digest != digest:
        return [], None, found
    messages: list[OutgoingMessage] = []
    for request, mentee, mentor in found.rows:
        messages.append(ask_mentor(request, mentee, mentor, now))
        messages.append(
            OutgoingMessage.dm(
                mentee.slack_user_id, f"mentor:matched:{request.id}", proposal_blocks.ADMIN_ASKED
            )
        )
    return messages, len(found.rows), found
