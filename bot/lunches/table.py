"""Around the table: the 48-hour brief with its calendar file, the reminders in each
person's own time zone, the takeaway ask after the lunch, and the guest's thank-you.

``due_messages`` decides from the database and the time what is due now; every message
has a key per lunch (and per person), so a job that runs often, late or twice sends each
one once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.lunches import brief_blocks, takeaway_blocks
from bot.lunches.ics import calendar_file
from bot.lunches.records import LunchRefused, member_zone, signups, view_of
from bot.lunches.times import (
    BRIEF_BEFORE,
    LAST_REMINDER_BEFORE,
    TAKEAWAY_AFTER,
    TAKEAWAY_ASK_UNTIL,
    day_before_due,
)
from bot.members.names import first_name
from bot.members.profile_options import LEVELS
from bot.members.sync import get_member
from bot.outbox.queue import MAX_GROUP, OutgoingMessage
from bot.platform.dates import day_words
from bot.platform.settings import Settings
from bot.vault.entries import Draft as VaultDraft
from bot.vault.entries import add_entry
from storage.models import Lunch, LunchSignup, LunchStatus, Member, OutboxMessage
from storage.models.lunches import AT_TABLE

VAULT_TAG = "tiny-lunch"


def due_messages(session: Session, *, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """Everything about seated lunches that is due at ``now``."""
    horizon = timedelta(hours=settings.lunch_thanks_after_hours) + TAKEAWAY_ASK_UNTIL
    lunches = session.scalars(
        select(Lunch)
        .where(
            Lunch.status == LunchStatus.SEATED,
            Lunch.starts_at > now - horizon,
            Lunch.starts_at <= now + BRIEF_BEFORE,
        )
        .order_by(Lunch.id)
    )
    messages: list[OutgoingMessage] = []
    for lunch in lunches:
        table = signups(session, lunch.id, AT_TABLE)
        if lunch.starts_at - BRIEF_BEFORE <= now < lunch.starts_at:
            messages += _brief(session, lunch, table, settings)
        if now < lunch.starts_at:
            messages += _reminders(session, lunch, table, now, settings)
        if lunch.starts_at + TAKEAWAY_AFTER <= now < lunch.starts_at + TAKEAWAY_ASK_UNTIL:
            messages += _takeaway_asks(session, lunch, table)
        thanks_at = lunch.starts_at + timedelta(hours=settings.lunch_thanks_after_hours)
        if thanks_at <= now < thanks_at + TAKEAWAY_ASK_UNTIL:
            messages += _thank_you(session, lunch, table, settings)
    return messages


def _diner(member: Member) -> brief_blocks.Diner:
    role = ", ".join(p for p in (LEVELS.get(member.level or ""), member.company) if p)
    return brief_blocks.Diner(member.display_name, role)


def _brief(
    session: Session, lunch: Lunch, table: list[tuple[LunchSignup, Member]], settings: Settings
) -> list[OutgoingMessage]:
    """One group DM for the table and a workspace guest; a table too big for one group DM
    (Slack's limit is 8 people) gets the same message one by one, and so does anyone
    seated from the waitlist after the group DM went out."""
    view = view_of(session, lunch)
    tz = settings.timezone
    questions = [s.question for s, _ in table if s.question]
    text, blocks = brief_blocks.brief(view, tz, [_diner(m) for _, m in table], questions)
    people = [m.slack_user_id for _, m in table]
    if lunch.guest_user_id and lunch.guest_user_id not in people:
        people.append(lunch.guest_user_id)
    content = calendar_file(
        uid=f"lunch-{lunch.id}-{lunch.seed}@circlebot",
        title=f"Tiny lunch with {view.guest.name}",
        starts_at=lunch.starts_at,
        place=lunch.place,
        description=brief_blocks.NOT_A_QA,
        created_at=lunch.created_at,
    )
    file = {
        "filename": f"tiny-lunch-{lunch.id}.ics",
        "title": f"Tiny lunch with {view.guest.name}",
        "content": content,
    }
    about = tuple(m.slack_user_id for _, m in table)
    group_sent = session.scalar(
        select(OutboxMessage.created_at).where(
            OutboxMessage.idempotency_key == f"lunch:{lunch.id}:brief"
        )
    )
    together = len(people) <= MAX_GROUP
    groups: list[tuple[str, ...]]
    if together and group_sent is not None:
        # The table's DM went out: whoever was seated since gets the same brief alone.
        groups = [(m.slack_user_id,) for s, m in table if s.seated_at and s.seated_at > group_sent]
        together = False
    else:
        groups = [tuple(people)] if together else [(p,) for p in people]
    messages = []
    for group in groups:
        suffix = "" if together else f":{group[0]}"
        messages.append(
            OutgoingMessage(
                key=f"lunch:{lunch.id}:brief{suffix}",
                text=text,
                blocks=blocks,
                to_users=group,
                about=about,
            )
        )
        messages.append(
            OutgoingMessage(
                key=f"lunch:{lunch.id}:ics{suffix}",
                text=brief_blocks.calendar_text(view),
                to_users=group,
                file=file,
            )
        )
    return messages


def _reminders(
    session: Session,
    lunch: Lunch,
    table: list[tuple[LunchSignup, Member]],
    now: datetime,
    settings: Settings,
) -> list[OutgoingMessage]:
    """The day before at the reminder time on each person's own clock, and an hour before."""
    view = view_of(session, lunch)
    people: list[tuple[Member, datetime]] = [
        (m, s.seated_at or lunch.drawn_at or now) for s, m in table
    ]
    guest = get_member(session, lunch.guest_user_id) if lunch.guest_user_id else None
    if guest is not None:
        people.append((guest, lunch.created_at))
    last_call = lunch.starts_at - LAST_REMINDER_BEFORE
    messages = []
    for member, since in people:
        tz = member_zone(member, settings)
        if now >= last_call:
            text, kind = brief_blocks.hour_before_text(view, tz), "hour"
        elif now >= day_before_due(lunch.starts_at, settings.lunch_reminder_time, tz):
            if since >= day_before_due(lunch.starts_at, settings.lunch_reminder_time, tz):
                continue  # seated after it was due: the seat offer said it all
            text, kind = brief_blocks.day_before_text(view, tz), "day"
        else:
            continue
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:remind-{kind}:{member.slack_user_id}",
                text=text,
            )
        )
    return messages


def _takeaway_asks(
    session: Session, lunch: Lunch, table: list[tuple[LunchSignup, Member]]
) -> list[OutgoingMessage]:
    view = view_of(session, lunch)
    messages = []
    for signup, member in table:
        text, blocks = takeaway_blocks.takeaway_ask(view, first_name(member.full_name), signup.id)
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:takeaway:{signup.id}",
                text=text,
                blocks=blocks,
            )
        )
    return messages


def _thank_you(
    session: Session, lunch: Lunch, table: list[tuple[LunchSignup, Member]], settings: Settings
) -> list[OutgoingMessage]:
    """To the guest (or, for an outside guest, to the admin who planned it): only the
    takeaways their authors chose to share with the guest."""
    view = view_of(session, lunch)
    shared = [(s, m) for s, m in table if s.takeaway and s.share_with_guest]
    to = lunch.guest_user_id or lunch.created_by
    reader = get_member(session, to)
    text, blocks = takeaway_blocks.thank_you(
        view,
        member_zone(reader, settings),
        [s.takeaway for s, _ in shared if s.takeaway],
        relay=lunch.guest_user_id is None,
    )
    return [
        OutgoingMessage(
            key=f"lunch:{lunch.id}:thanks",
            text=text,
            blocks=blocks,
            to_users=(to,),
            about=tuple(m.slack_user_id for _, m in shared),
        )
    ]


def attendee_signup(
    session: Session, signup_id: int, slack_id: str, now: datetime
) -> tuple[LunchSignup, Lunch]:
    """The sign-up of someone who sat at a lunch that has begun; otherwise a refusal."""
    signup = session.get(LunchSignup, signup_id)
    member = get_member(session, slack_id)
    lunch = session.get(Lunch, signup.lunch_id) if signup else None
    if signup is None or member is None or lunch is None or signup.member_id != member.id:
        raise LunchRefused("That takeaway button isn't one I know for you, so nothing changed.")
    if signup.status not in AT_TABLE or lunch.status != LunchStatus.SEATED:
        raise LunchRefused("Takeaways are for the people who sat at the table.")
    if now < lunch.starts_at:
        raise LunchRefused("The lunch hasn't happened yet. I'll ask for your takeaway after it.")
    return signup, lunch


def save_takeaway(
    session: Session,
    signup_id: int,
    slack_id: str,
    text: str,
    *,
    to_guest: bool,
    to_vault: bool,
    now: datetime,
    settings: Settings,
) -> str:
    """Keep the takeaway; share it only where its author said. In the vault it is a note
    linked to the lunch (its key names the sign-up, so saving again adds nothing twice)."""
    signup, lunch = attendee_signup(session, signup_id, slack_id, now)
    if not text:
        raise LunchRefused("Write one thing you took away, even a sentence.", field="takeaway")
    signup.takeaway, signup.takeaway_at, signup.share_with_guest = text, now, to_guest
    title = None
    if to_vault:
        view = view_of(session, lunch)
        title = f"Tiny lunch with {view.guest.name}: a takeaway"[:150]
        if signup.vault_resource_id is None:
            when_words = day_words(lunch.starts_at, settings.timezone)
            guest = view.guest.name
            saved = add_entry(
                session,
                VaultDraft(
                    url="",
                    url_key=f"lunch-takeaway:{signup.id}",
                    title=title,
                    description=f"From the tiny lunch with {guest} on {when_words}: {text}"[:500],
                    tags=(VAULT_TAG,),
                ),
                user_id=slack_id,
                now=now,
            )
            entry = saved.entry or saved.duplicate
            signup.vault_resource_id = entry.id if entry else None
    session.flush()
    return takeaway_blocks.takeaway_saved_text(to_guest=to_guest, to_vault=to_vault, title=title)
