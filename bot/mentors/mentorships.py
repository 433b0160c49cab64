"""A mentorship's life: its monthly day, recaps and next steps, the first-session fit
question, and its end. Every end sends the other person a kind note."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.members.names import first_name
from bot.members.sync import get_member
from bot.mentors import pair_blocks, rhythm_blocks
from bot.mentors.blocks import MAX_TEXT
from bot.mentors.finding import Outcome
from bot.mentors.pool import zone
from bot.mentors.rhythm import add_months, first_session, months_later
from bot.outbox.queue import OutgoingMessage
from bot.platform.refused import Refused
from storage.models import Member, MentorSession, Mentorship, MentorshipStatus

GONE = "That mentorship has ended, so nothing changed."


def pair_of(session: Session, mentorship_id: int, slack_id: str) -> tuple[Mentorship, Member]:
    """An active mentorship this person is in, and them."""
    pair = session.get(Mentorship, mentorship_id)
    member = get_member(session, slack_id)
    if (
        pair is None
        or member is None
        or member.id not in (pair.mentor_id, pair.mentee_id)
        or pair.status != MentorshipStatus.ACTIVE
    ):
        raise Refused(GONE)
    return pair, member


def people(session: Session, pair: Mentorship) -> tuple[Member, Member]:
    """(mentor, mentee)."""
    mentor = session.get(Member, pair.mentor_id)
    mentee = session.get(Member, pair.mentee_id)
    assert mentor is not None and mentee is not None
    return mentor, mentee


def set_day(
    session: Session, mentorship_id: int, day: int, slack_id: str, now: datetime, tz: ZoneInfo
) -> Outcome:
    """Either of the pair picks the monthly day; both are told in their group DM."""
    if not 1 <= day <= 28:
        raise Refused("Pick a day from the 1st to the 28th, so every month has it.")
    pair, _ = pair_of(session, mentorship_id, slack_id)
    mentor, mentee = people(session, pair)
    today = now.astimezone(zone(mentee, tz)).date()
    if pair.first_session_on is not None and pair.first_session_on <= today:
        # Sessions already began: the next one moves, the history stays.
        first = pair.first_session_on
        months = (today.year - first.year) * 12 + today.month - first.month
        pair.first_session_on = add_months(first, months + 1, day)
    else:
        pair.first_session_on = first_session(today, day)
    pair.session_day = day
    text = pair_blocks.day_set_text(day, pair.first_session_on)
    return Outcome(
        [
            OutgoingMessage(
                key=f"mentorship:{pair.id}:day:{day}:{pair.first_session_on.isoformat()}",
                text=text,
                to_users=(mentee.slack_user_id, mentor.slack_user_id),
            )
        ],
        "Saved. You both see it in your group DM.",
    )


def answer_fit(
    session: Session, mentorship_id: int, slack_id: str, fits: bool, now: datetime
) -> Outcome:
    """Stored privately; "not a fit" from either ends it kindly, and the mentee may look again."""
    pair, member = pair_of(session, mentorship_id, slack_id)
    if member.id == pair.mentor_id:
        pair.mentor_fit = fits
    else:
        pair.mentee_fit = fits
    if fits:
        return Outcome(note="Thank you. Glad it's a good fit.")
    mentor, mentee = people(session, pair)
    end(pair, now, "not_a_fit")
    text, blocks = pair_blocks.not_a_fit_for_mentee(mentor.display_name)
    return Outcome(
        [
            OutgoingMessage(
                key=f"mentorship:{pair.id}:not-a-fit:mentee",
                text=text,
                blocks=blocks,
                to_users=(mentee.slack_user_id,),
                about=(mentor.slack_user_id,),
            ),
            OutgoingMessage(
                key=f"mentorship:{pair.id}:not-a-fit:mentor",
                text=pair_blocks.not_a_fit_for_mentor(mentee.display_name),
                to_users=(mentor.slack_user_id,),
                about=(mentee.slack_user_id,),
            ),
        ],
        "Thank you for saying so. I've ended it kindly for you both.",
    )


def end(pair: Mentorship, now: datetime, reason: str) -> None:
    pair.status, pair.ended_at, pair.end_reason = MentorshipStatus.ENDED, now, reason


def active_pairs(session: Session, member: Member) -> list[Mentorship]:
    return list(
        session.scalars(
            select(Mentorship)
            .where(
                or_(Mentorship.mentor_id == member.id, Mentorship.mentee_id == member.id),
                Mentorship.status == MentorshipStatus.ACTIVE,
            )
            .order_by(Mentorship.id)
        )
    )


def end_by_member(
    session: Session, slack_id: str, other_slack_id: str | None, now: datetime
) -> Outcome:
    """`/mentor end [@person]`: the member's one mentorship, or the one with that person."""
    member = get_member(session, slack_id)
    pairs = active_pairs(session, member) if member else []
    if not pairs or member is None:
        raise Refused("You have no mentorship to end. `/mentor panel` shows yours.")
    if other_slack_id is not None:
        other = get_member(session, other_slack_id)
        pairs = [p for p in pairs if other is not None and other.id in (p.mentor_id, p.mentee_id)]
        if not pairs:
            raise Refused("You have no mentorship with them. `/mentor panel` shows yours.")
    if len(pairs) > 1:
        raise Refused(f"You have {len(pairs)} mentorships. Say which: `/mentor end @person`.")
    pair = pairs[0]
    mentor, mentee = people(session, pair)
    other = mentee if member.id == mentor.id else mentor
    end(pair, now, "ended")
    note = OutgoingMessage(
        key=f"mentorship:{pair.id}:ended:{other.id}",
        text=pair_blocks.ended_for_other(member.display_name),
        to_users=(other.slack_user_id,),
        about=(member.slack_user_id,),
    )
    return Outcome([note], f"Your mentorship with {other.display_name} has ended. Thank you.")


def _month_session(session: Session, pair: Mentorship, month: str) -> MentorSession:
    row = session.scalar(
        select(MentorSession).where(
            MentorSession.mentorship_id == pair.id, MentorSession.month == month
        )
    )
    if row is None:
        row = MentorSession(mentorship_id=pair.id, month=month)
        session.add(row)
    return row


def _mentee_pair(session: Session, mentorship_id: int, slack_id: str) -> Mentorship:
    pair, member = pair_of(session, mentorship_id, slack_id)
    if member.id != pair.mentee_id:
        raise Refused("Only the mentee writes the recap and next step.")
    return pair


def _clean(text: str | None, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Refused("A line or two is enough, but please write something.", field=field)
    if len(text) > MAX_TEXT:
        raise Refused(f"Please keep it under {MAX_TEXT} characters.", field=field)
    return text


def save_recap(
    session: Session,
    mentorship_id: int,
    month: str,
    slack_id: str,
    changed: str | None,
    focus: str | None,
    now: datetime,
) -> Outcome:
    """The recap is stored and delivered to the mentor (once per month)."""
    pair = _mentee_pair(session, mentorship_id, slack_id)
    row = _month_session(session, pair, month)
    if row.recap_at is not None:
        raise Refused("You've sent this month's recap already; your mentor has it.")
    row.changed, row.focus = _clean(changed, "changed"), _clean(focus, "focus")
    row.recap_at = now
    mentor, mentee = people(session, pair)
    assert pair.session_day is not None
    session_on = _session_in(month, pair.session_day)
    text, blocks = rhythm_blocks.recap_message(
        mentee.display_name, session_on, row.changed, row.focus
    )
    message = OutgoingMessage(
        key=f"mentorship:{pair.id}:recap:{month}",
        text=text,
        blocks=blocks,
        to_users=(mentor.slack_user_id,),
        about=(mentee.slack_user_id,),
    )
    return Outcome([message], f"Sent to {mentor.display_name}. Have a good session!")


def save_next_step(
    session: Session, mentorship_id: int, month: str, slack_id: str, step: str | None, now: datetime
) -> Outcome:
    pair = _mentee_pair(session, mentorship_id, slack_id)
    row = _month_session(session, pair, month)
    row.next_step, row.next_step_at = _clean(step, "next_step"), now
    return Outcome(note="Noted. I'll remind you of it before your next session.")


def _session_in(month: str, day: int) -> date:
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, day)


def renew(
    session: Session, mentorship_id: int, slack_id: str, now: datetime, months: int
) -> Outcome:
    """Each presses Renew; when both have, the term runs ``months`` more."""
    pair, member = pair_of(session, mentorship_id, slack_id)
    if member.id == pair.mentor_id:
        pair.mentor_renews = True
    else:
        pair.mentee_renews = True
    mentor, mentee = people(session, pair)
    if not (pair.mentor_renews and pair.mentee_renews):
        other = mentee if member.id == mentor.id else mentor
        return Outcome(
            note=f"Noted. If {first_name(other.full_name)} presses Renew too, you'll keep going."
        )
    pair.ends_at = months_later(pair.ends_at, months)
    pair.mentor_renews = pair.mentee_renews = False
    ends_on = pair.ends_at.astimezone(zone(mentee, ZoneInfo("UTC"))).date()
    message = OutgoingMessage(
        key=f"mentorship:{pair.id}:renewed:{ends_on.isoformat()}",
        text=pair_blocks.renewed_text(months, ends_on),
        to_users=(mentee.slack_user_id, mentor.slack_user_id),
    )
    return Outcome([message], "Renewed. Thank you both.")
