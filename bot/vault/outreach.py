"""What a vault entry does between people: sharing it in a channel, and thanking (or asking
to meet) the member who added it. Both decide messages for the outbox; keys make a second
click harmless (one share per entry, channel and member; one thanks per entry and member).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.slack.blocks import escape, truncate
from bot.vault.blocks import shared_message
from bot.vault.entries import GONE, Entry, VaultRefused, get_resource, view_of
from storage.models import FORMER, MemberStatus, OutboxMessage

NOT_HERE = (
    "I'm not in this channel, so I can't share here. Type `/invite @circlebot` in the "
    "channel (or add the app from the channel's details), then press *Share here* again."
)
PRIVATE_CHAT = (
    "This is our private chat, so there is no one to share with here. Run `/vault search` "
    "in a channel and share from there."
)


@dataclass(frozen=True)
class Outreach:
    note: str  # the sentence for the member who clicked
    messages: list[OutgoingMessage] = field(default_factory=list)


def is_direct_message(channel_id: str) -> bool:
    """The member's DM with the bot (Slack ids of 1:1 DMs start with D)."""
    return channel_id.startswith("D")


def share(session: Session, resource_id: int, *, user_id: str, channel_id: str) -> Outreach:
    """The message that shares an entry in a channel, not yet queued: the caller first
    makes sure the bot can post there (Slack answers not_in_channel otherwise), then
    queues it with ``enqueue``."""
    resource = get_resource(session, resource_id)
    if resource is None:
        return Outreach(GONE)
    if is_direct_message(channel_id):
        return Outreach(PRIVATE_CHAT)
    key = f"vault:share:{resource_id}:{channel_id}:{user_id}"
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)):
        return Outreach("You've already shared this entry here.")
    entry = view_of(resource, user_id)
    sharer = get_member(session, user_id)
    text, blocks = shared_message(entry, user_id, sharer.display_name if sharer else "A member")
    message = OutgoingMessage(key=key, text=text, blocks=blocks, channel=channel_id)
    return Outreach(f"Shared “{truncate(entry.title, 80)}” here.", messages=[message])


def author_of(session: Session, resource_id: int, user_id: str) -> tuple[Entry, str]:
    """The entry and the member who can be thanked for it; VaultRefused says why not."""
    resource = get_resource(session, resource_id)
    if resource is None:
        raise VaultRefused(GONE)
    author = resource.added_by
    if author is None:
        raise VaultRefused(
            "This one is from circlebot's starter shelf, so there's no member to thank."
        )
    if author == FORMER:
        raise VaultRefused(
            "The member who added this has left the community, so I can't pass it on."
        )
    if author == user_id:
        raise VaultRefused("That's your own entry. 🙂")
    member = get_member(session, author)
    if member is not None and member.status == MemberStatus.LEFT:
        raise VaultRefused(f"<@{author}> has left the community, so I can't pass it on.")
    return view_of(resource, user_id), author


def thank(
    session: Session, resource_id: int, *, user_id: str, note: str, meet: bool, now: datetime
) -> Outreach:
    """DM the author (or open a group DM with both, to meet); the member consented in the
    modal that sent this. Queued in the caller's transaction."""
    entry, author = author_of(session, resource_id, user_id)
    title = escape(truncate(entry.title, 120))
    quoted = "\n".join(f">{line}" for line in escape(note).splitlines())
    said = f"\n<@{user_id}> says:\n{quoted}" if quoted else ""
    if meet:
        message = OutgoingMessage(
            key=f"vault:meet:{resource_id}:{user_id}",
            text=(
                f"<@{author}>, meet <@{user_id}>: they found your vault entry “{title}” useful "
                f"and would like to meet.{said}\nFind a time that suits you both. :handshake:"
            ),
            to_users=(author, user_id),
        )
        done = f"I've started a group DM with <@{author}> and you. Say hi!"
    else:
        message = OutgoingMessage.dm(
            author,
            key=f"vault:thanks:{resource_id}:{user_id}",
            text=f"<@{user_id}> found your vault entry “{title}” useful — thank you!{said}",
        )
        done = f"Sent! <@{author}> will get your thanks."
    if enqueue(session, [message], now=now) == 0:
        return Outreach("You've already sent that for this entry.")
    return Outreach(done, messages=[message])
