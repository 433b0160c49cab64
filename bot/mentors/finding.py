"""Finding a mentor: a request, up to three proposals, asking one, and the mentor's answer.

A mentor's "not now" never reaches the mentee as a rejection: the request moves on to the
next proposal (or stays open for the admins' match) and the mentee hears only that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.members.names import first_name
from bot.members.profile_options import LEVELS, level_rank
from bot.members.sync import get_member
from bot.mentors import pair_blocks, proposal_blocks
from bot.mentors.fit import Fit, allowed, propose, why_none
from bot.mentors.forms import FindForm
from bot.mentors.pool import mentors, seeker
from bot.mentors.rhythm import months_later
from bot.mentors.topics import LEVEL_GAP, PHASES, SPIKES, TOPICS
from bot.outbox.queue import OutgoingMessage
from bot.platform.refused import Refused
from bot.slack.words import plural
from storage.models import (
    Member,
    MemberStatus,
    MentorOffer,
    MentorRequest,
    Mentorship,
    MentorshipStatus,
    RequestStatus,
)

NEEDS_LEVEL = (
    "Add your level to your profile first (`/profile`), so I can find mentors two levels above you."
)
NO_ROOM = (
    "{name} just filled up, so I haven't asked them. Ask one of the others who fit, or run "
    "`/mentor find` again for fresh suggestions."
)
AT_CAPACITY = (
    "You have no free place left (your offer is for {seats}), so I haven't started this "
    "one. To say yes, make room with `/mentor offer capacity={more}` and press Accept again; "
    "or press Not now."
)
AT_MOST = (
    "You already mentor 3 people, the most I arrange, so I haven't started this one. "
    "`/mentor end @person` frees a place; then press Accept again. Or press Not now."
)
NOT_PROPOSED = "I can't ask that mentor for you. `/mentor find` shows who fits your goal."
STALE = "That request has moved on already. `/mentor find` starts a new one."


class FilledUp(Refused):
    """The mentor's last seat went to someone else a moment ago: the asker is shown others."""

    def __init__(self, name: str) -> None:
        super().__init__(NO_ROOM.format(name=name))
        self.name = name


@dataclass
class Outcome:
    """What a step decided: messages to queue, and what to show the person who acted."""

    messages: list[OutgoingMessage] = field(default_factory=list)
    note: str = ""


def seeking_member(session: Session, slack_id: str) -> Member:
    """The member who may look for a mentor now, or a refusal that says what to do."""
    member = get_member(session, slack_id)
    if member is None or member.deleted_at is not None:
        raise Refused("I don't know you as a member yet. Set up your profile with `/profile`.")
    rank = level_rank(member.level)
    if rank is None:
        raise Refused(NEEDS_LEVEL)
    if rank + LEVEL_GAP >= len(LEVELS):
        raise Refused(
            f"Mentors here are at least two levels above their mentees, and nobody can be "
            f"two levels above {LEVELS[member.level or '']}. Would you mentor others "
            "instead? `/mentor offer`"
        )
    mentor = session.scalar(
        select(Member)
        .join(Mentorship, Mentorship.mentor_id == Member.id)
        .where(Mentorship.mentee_id == member.id, Mentorship.status == MentorshipStatus.ACTIVE)
    )
    if mentor is not None:
        raise Refused(
            f"You already have a mentor, {mentor.display_name}. `/mentor end` first if "
            "you'd like a different one."
        )
    asked = session.scalar(
        select(Member)
        .join(MentorRequest, MentorRequest.mentor_id == Member.id)
        .where(MentorRequest.mentee_id == member.id, MentorRequest.status == RequestStatus.ASKED)
    )
    if asked is not None:
        raise Refused(f"You've asked {asked.display_name}; I'll tell you when they answer.")
    return member


def read_form(form: FindForm) -> FindForm:
    """Check the form; a refusal names the input it is about."""
    goal = (form.goal or "").strip()
    if not goal:
        raise Refused("Tell me your goal, in a sentence or two.", field="goal")
    if form.phase not in PHASES:
        raise Refused("Choose the phase you're in.", field="phase")
    if form.spike not in SPIKES:
        raise Refused("Choose the spike you're building now.", field="spike")
    topics = tuple(t for t in form.topics if t in TOPICS)
    return FindForm(goal, form.phase, form.spike, topics, (form.help_wanted or "").strip() or None)


def submit(
    session: Session, slack_id: str, form: FindForm, now: datetime
) -> tuple[MentorRequest, list[tuple[Fit, Member]], str]:
    """Store a new request (an older open one is closed) and propose up to three mentors;
    with none, the reason ("level", "room" or "other") and the request stays open."""
    member = seeking_member(session, slack_id)
    form = read_form(form)
    session.execute(
        update(MentorRequest)
        .where(MentorRequest.mentee_id == member.id, MentorRequest.status == RequestStatus.OPEN)
        .values(status=RequestStatus.CLOSED, updated_at=now)
    )
    request = MentorRequest(
        mentee_id=member.id,
        goal=form.goal or "",
        phase=form.phase or "",
        spike=form.spike or "",
        topics=list(form.topics),
        help_wanted=form.help_wanted,
        status=RequestStatus.OPEN,
        passed=[],
        created_at=now,
        updated_at=now,
    )
    session.add(request)
    session.flush()
    pool = mentors(session, now)
    who = seeker(session, request, member, now)
    by_id = {m.member_id: row for m, row in pool}
    fits = propose(who, [m for m, _ in pool])
    reason = "" if fits else why_none(who, [m for m, _ in pool])
    return request, [(f, by_id[f.mentor.member_id]) for f in fits], reason


def proposals_for(
    session: Session, request_id: int, slack_id: str, now: datetime
) -> list[tuple[Fit, Member]]:
    """The request's proposals as they stand now (room changes as others ask)."""
    request = own_request(session, request_id, slack_id)
    mentee = session.get(Member, request.mentee_id)
    assert mentee is not None
    pool = mentors(session, now)
    by_id = {m.member_id: row for m, row in pool}
    fits = propose(seeker(session, request, mentee, now), [m for m, _ in pool])
    return [(f, by_id[f.mentor.member_id]) for f in fits]


def own_request(
    session: Session, request_id: int, slack_id: str, *, lock: bool = False
) -> MentorRequest:
    request = session.get(MentorRequest, request_id, with_for_update=lock)
    member = get_member(session, slack_id)
    if request is None or member is None or request.mentee_id != member.id:
        raise Refused(STALE)
    return request


def ask(session: Session, request_id: int, mentor_id: int, slack_id: str, now: datetime):
    """The mentee asks one proposed mentor; the mentor gets the goal privately.

    The seat is a promise: the mentor's offer row is locked first (then the request), so two
    mentees asking for the last seat at the same instant are served one after the other and
    the second finds it taken; every path that takes a seat locks offers before requests."""
    lock_offers(session, [mentor_id])
    request = own_request(session, request_id, slack_id, lock=True)
    if request.status != RequestStatus.OPEN:
        raise Refused(STALE)
    mentee = session.get(Member, request.mentee_id)
    assert mentee is not None
    pool = {m.member_id: (m, row) for m, row in mentors(session, now)}
    if mentor_id not in pool:
        raise Refused(NOT_PROPOSED)
    mentor, mentor_row = pool[mentor_id]
    who = seeker(session, request, mentee, now)
    if not allowed(who, mentor, need_room=False):
        raise Refused(NOT_PROPOSED)
    if mentor.room <= 0:
        raise FilledUp(mentor_row.display_name)
    outcome = Outcome(note=f"I've asked {mentor_row.display_name}. You'll hear when they answer.")
    outcome.messages.append(ask_mentor(request, mentee, mentor_row, now))
    return outcome, mentor_row.display_name


def active_mentees(session: Session, mentor_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Mentorship)
            .where(Mentorship.mentor_id == mentor_id, Mentorship.status == MentorshipStatus.ACTIVE)
        )
        or 0
    )


def lock_offers(session: Session, mentor_ids: list[int] | None = None) -> None:
    """Lock mentors' offer rows (all of them with None) until the transaction ends, in one
    order, so seat counts read afterwards stay true until the seats taken are written.
    PostgreSQL row locks; SQLite has one writer at a time and ignores FOR UPDATE."""
    query = (
        select(MentorOffer)
        .order_by(MentorOffer.member_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if mentor_ids is not None:
        query = query.where(MentorOffer.member_id.in_(mentor_ids))
    session.scalars(query).all()


def ask_mentor(
    request: MentorRequest, mentee: Member, mentor: Member, now: datetime
) -> OutgoingMessage:
    request.status, request.mentor_id = RequestStatus.ASKED, mentor.id
    request.asked_at = request.updated_at = now
    text, blocks = proposal_blocks.ask_message(
        request.id,
        mentee.display_name,
        request.goal,
        {
            "Phase": PHASES.get(request.phase, ""),
            "Spike they're building": SPIKES.get(request.spike, ""),
            "Where they'd like help": proposal_blocks.topic_words(request.topics or []),
            "Also": request.help_wanted or "",
        },
    )
    return OutgoingMessage(
        key=f"mentor:ask:{request.id}:{mentor.id}",
        text=text,
        blocks=blocks,
        to_users=(mentor.slack_user_id,),
        about=(mentee.slack_user_id,),
    )


def asked_request(
    session: Session, request_id: int, slack_id: str, *, lock: bool = False
) -> tuple[MentorRequest, Member]:
    """A request waiting on this mentor's answer."""
    request = session.get(MentorRequest, request_id, with_for_update=lock)
    mentor = get_member(session, slack_id)
    if (
        request is None
        or mentor is None
        or request.status != RequestStatus.ASKED
        or request.mentor_id != mentor.id
    ):
        raise Refused("That request has been answered already, so nothing changed.")
    return request, mentor


def decline(session: Session, request_id: int, slack_id: str, now: datetime) -> Outcome:
    """Not now: the mentee is offered the next proposal, never told of the no."""
    request, _mentor = asked_request(session, request_id, slack_id, lock=True)
    mentee = session.get(Member, request.mentee_id)
    assert mentee is not None
    outcome = Outcome(
        note=f"Thanks for saying so. {first_name(mentee.full_name)} isn't told; "
        "I'll suggest someone else."
    )
    outcome.messages += move_on(session, request, mentee, now)
    return outcome


def move_on(
    session: Session, request: MentorRequest, mentee: Member, now: datetime
) -> list[OutgoingMessage]:
    """The asked mentor is out (declined, left): reopen the request and offer the next."""
    if request.mentor_id is not None:
        request.passed = [*(request.passed or []), request.mentor_id]
    request.status, request.mentor_id, request.updated_at = RequestStatus.OPEN, None, now
    if mentee.status != MemberStatus.ACTIVE:
        return []
    pool = mentors(session, now)
    fits = propose(seeker(session, request, mentee, now), [m for m, _ in pool], limit=1)
    step = len(request.passed)
    if not fits:
        return [
            OutgoingMessage.dm(
                mentee.slack_user_id,
                f"mentor:looking:{request.id}:{step}",
                proposal_blocks.STILL_LOOKING,
            )
        ]
    row = next(r for m, r in pool if m.member_id == fits[0].mentor.member_id)
    text, blocks = proposal_blocks.next_proposal_message(
        request.id, fits[0], row.display_name, row.company
    )
    return [
        OutgoingMessage(
            key=f"mentor:next:{request.id}:{step}",
            text=text,
            blocks=blocks,
            to_users=(mentee.slack_user_id,),
            about=(row.slack_user_id,),
        )
    ]


def accept(
    session: Session, request_id: int, slack_id: str, now: datetime, term_months: int
) -> Outcome:
    """Yes: a mentorship starts, and both get one group DM with the goal and the rhythm.

    The ask already holds the seat; the offer is locked and counted again, so a mentor who
    lowered their capacity since (or two answers at once) never ends up over it."""
    mentor_row = get_member(session, slack_id)
    if mentor_row is not None:
        lock_offers(session, [mentor_row.id])
    request, mentor = asked_request(session, request_id, slack_id, lock=True)
    mentee = session.get(Member, request.mentee_id)
    assert mentee is not None
    offer = session.get(MentorOffer, mentor.id)
    capacity = offer.capacity if offer is not None else 0
    if active_mentees(session, mentor.id) >= capacity:
        if capacity >= 3:
            raise Refused(AT_MOST)
        raise Refused(AT_CAPACITY.format(seats=plural(capacity, "mentee"), more=capacity + 1))
    request.status, request.updated_at = RequestStatus.MATCHED, now
    pair = Mentorship(
        request_id=request.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        status=MentorshipStatus.ACTIVE,
        started_at=now,
        ends_at=months_later(now, term_months),
    )
    session.add(pair)
    session.flush()
    text, blocks = pair_blocks.welcome_message(
        pair.id, mentor.display_name, mentee.display_name, request.goal, term_months
    )
    welcome = OutgoingMessage(
        key=f"mentorship:{pair.id}:welcome",
        text=text,
        blocks=blocks,
        to_users=(mentee.slack_user_id, mentor.slack_user_id),
    )
    return Outcome(
        [welcome],
        f"Wonderful. I've started a group DM with {first_name(mentee.full_name)}: "
        "pick your monthly day there.",
    )
