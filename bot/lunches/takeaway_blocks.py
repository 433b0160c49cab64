"""After the lunch: asking each diner for one takeaway, the saved answer, and the
table's thank-you to the guest (or to the admin to pass on). Pure builders."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.lunches.blocks import LunchView
from bot.platform.dates import day_words
from bot.slack.blocks import actions_block, button, escape, section, split_text, truncate
from bot.slack.words import plural

TAKEAWAY = "lunch_takeaway"
SHOWN_TAKEAWAYS = 20


def takeaway_ask(lunch: LunchView, first_name: str, signup_id: int):
    guest = lunch.guest
    text = (
        f"Hi {first_name}, how was lunch with {guest.name}? Share one takeaway: you choose "
        "whether it goes in the thank-you to the guest or the vault."
    )
    blocks = [
        section(
            f"Hi {escape(first_name)}, how was lunch with {escape(guest.name)}? Share one "
            "thing you took away. It stays private unless you tick a box: the thank-you to "
            f"{escape(guest.first_name)}, or the vault as a note for every member."
        ),
        actions_block(
            [button("Share a takeaway", TAKEAWAY, str(signup_id), "primary")],
            block_id=f"lunch_takeaway_{signup_id}",
        ),
    ]
    return text, blocks


def thank_you(lunch: LunchView, tz: ZoneInfo, takeaways: Sequence[str], *, relay: bool):
    """To the guest, or (``relay``, an outside guest) to the admin who planned the lunch."""
    guest = lunch.guest
    date_words = day_words(lunch.starts_at, tz)
    if relay:
        opening = (
            f"{guest.name} isn't in this workspace, so here is the table's thank-you from the "
            f"lunch on {date_words} for you to pass on."
        )
    else:
        opening = f"Thank you for lunch on {date_words}, {guest.first_name}. The table loved it."
    if takeaways:
        shown = [f"• {escape(t)}" for t in takeaways[:SHOWN_TAKEAWAYS]]
        if len(takeaways) > SHOWN_TAKEAWAYS:
            shown.append(f"… and {len(takeaways) - SHOWN_TAKEAWAYS} more")
        body = "Here is what members said they took away:\n" + "\n".join(shown)
    else:
        body = "Nobody chose to share a written takeaway, but the conversation stays with them."
    shared = f" {plural(len(takeaways), 'takeaway')} shared." if takeaways else ""
    text = opening + shared
    blocks = [section(escape(opening))] + [section(piece) for piece in split_text(body)]
    return text, blocks


def takeaway_saved_text(*, to_guest: bool, to_vault: bool, title: str | None) -> str:
    parts = ["Thanks, your takeaway is saved."]
    if to_guest:
        parts.append("It will be in the thank-you to the guest.")
    if to_vault and title:
        parts.append(f"It's in the vault as “{truncate(title, 80)}”.")
    if not (to_guest or to_vault):
        parts.append("It stays private: only you see it.")
    return " ".join(parts)
