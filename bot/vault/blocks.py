"""Vault messages and modals as pure functions: result lists, top/mine/tags, the add/edit,
thank and read modals, and reading their submissions back.

Whatever members wrote (titles, descriptions, tags) is escaped and cut to fit Block Kit's
limits here, so a 150-character title or eight long tags can never make Slack refuse a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.slack.blocks import (
    actions_block,
    button,
    context,
    divider,
    escape,
    header,
    input_block,
    modal,
    plain,
    section,
    split_text,
    truncate,
)
from bot.slack.words import plural
from bot.vault.entries import MAX_DESCRIPTION, MAX_TITLE, Entry
from bot.vault.lists import ListRef
from storage.models import FORMER

VOTE = "vault_vote"
SHARE = "vault_share"
THANK = "vault_thank"
READ = "vault_read"
EDIT = "vault_edit"
REMOVE = "vault_remove"
MORE = "vault_more"
ADD_VIEW = "vault_add"
EDIT_VIEW = "vault_edit"
THANK_VIEW = "vault_thank"

SHOWN_TAGS = 6
ONE_LINE = 200
MAX_NOTE = 500
ADD_HINT = "Know a good one? `/vault add <link> <title> #tag` adds it, or `/vault add` for a form."


def entry_value(entry: Entry, ref: ListRef) -> str:
    """``<entry id>:<list>``: enough for a click to act and then redraw its list."""
    return f"{entry.id}:{ref.encode()}"


def read_value(value: str) -> tuple[int, ListRef]:
    head, _, rest = value.partition(":")
    return int(head), ListRef.decode(rest)


def _one_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return truncate(line, ONE_LINE)


def shows_all(entry: Entry) -> bool:
    """Whether a list's one line is the whole description (else the entry offers Read)."""
    return _one_line(entry.description) == entry.description.strip()


def _tags(tags: Sequence[str]) -> str:
    shown = " ".join(f"`#{escape(t)}`" for t in tags[:SHOWN_TAGS])
    more = len(tags) - SHOWN_TAGS
    return shown + (f" +{more} more" if more > 0 else "")


def _head(entry: Entry) -> str:
    """The title, bold, and linked when there is a link."""
    title = escape(truncate(entry.title, MAX_TITLE))
    return f"*<{entry.url}|{title}>*" if entry.url else f"*{title}*"


def entry_line(entry: Entry) -> str:
    """Title and the first line of the description, cut to fit a list (see ``shows_all``)."""
    line = _one_line(entry.description)
    return f"{_head(entry)}\n{escape(line)}" if line else _head(entry)


def entry_text(entry: Entry) -> str:
    """Title and the whole description (at most MAX_DESCRIPTION characters, so it fits)."""
    lines = [escape(part.strip()) for part in entry.description.splitlines() if part.strip()]
    return "\n".join([_head(entry), *lines])


def _author(added_by: str | None) -> str | None:
    """Who added an entry, as members see it; None for the starter shelf."""
    if added_by == FORMER:
        return "a former member"
    return f"<@{added_by}>" if added_by else None


def entry_meta(entry: Entry) -> str:
    author = _author(entry.added_by)
    who = f"added by {author}" if author else "from the starter shelf"
    parts = [_tags(entry.tags)] if entry.tags else []
    parts += [who, f"👍 {entry.votes}"]
    return " · ".join(parts)


def _remove_confirm(entry: Entry) -> dict[str, Any]:
    return {
        "title": plain("Remove this entry?", 100),
        "text": plain(f"“{truncate(entry.title, 200)}” and its votes go for everyone.", 300),
        "confirm": plain("Remove", 30),
        "deny": plain("Keep it", 30),
        "style": "danger",
    }


def entry_blocks(
    entry: Entry, ref: ListRef, *, viewer: str, can_share: bool, prefix: str = "vault_entry"
) -> list[dict]:
    """Three blocks per entry; ``prefix`` keeps block ids unique when an entry is listed
    twice in one message (this month's and all-time top)."""
    value = entry_value(entry, ref)
    vote = button(f"👍 {entry.votes}", VOTE, value, style="primary" if entry.voted else None)
    elements = [vote]
    if not entry.url or not shows_all(entry):  # a playbook, or a description cut to one line
        elements.append(button("Read", READ, value))
    if can_share:
        elements.append(button("Share here", SHARE, value))
    if entry.added_by and entry.added_by not in (viewer, FORMER):
        elements.append(button("Thank / meet the author", THANK, value))
    if entry.can_edit:
        elements.append(button("Edit", EDIT, value))
        remove = button("Remove", REMOVE, value, style="danger")
        remove["confirm"] = _remove_confirm(entry)
        elements.append(remove)
    return [
        section(entry_line(entry)),
        context(entry_meta(entry)),
        actions_block(elements, block_id=f"{prefix}_{entry.id}"),
    ]


def entry_list(
    entries: Sequence[Entry],
    ref: ListRef,
    *,
    viewer: str,
    can_share: bool,
    prefix: str = "vault_entry",
) -> list[dict]:
    blocks: list[dict] = []
    for entry in entries:
        blocks += entry_blocks(entry, ref, viewer=viewer, can_share=can_share, prefix=prefix)
    return blocks


def _more(ref: ListRef) -> dict[str, Any]:
    return actions_block([button("More results", MORE, ref.next().encode())], "vault_more")


def search_results(
    shown: str,
    entries: Sequence[Entry],
    ref: ListRef,
    *,
    viewer: str,
    has_more: bool,
    can_share: bool,
    dropped: int = 0,
    near: bool = False,
) -> tuple[str, list[dict]]:
    """One page of results: fallback text and blocks (at most 19 blocks). ``near``: the
    words as typed found nothing, so these are for words a letter away."""
    first = ref.page * 5 + 1
    label = f"Vault results for “{escape(shown)}”"
    label += f" ({first}–{first + len(entries) - 1})" if ref.page else ""
    blocks: list[dict] = [section(f"*{label}*")]
    if near:
        blocks.append(
            context(
                f"Nothing had “{escape(shown)}” as typed, so these are for words a letter away."
            )
        )
    if dropped:
        blocks.append(
            context(f"I searched for the first words only; {dropped} more were left out.")
        )
    blocks += entry_list(entries, ref, viewer=viewer, can_share=can_share)
    if has_more:
        blocks.append(_more(ref))
    text = f"{label}: " + "; ".join(e.title for e in entries)  # whole titles, not cut ones
    if len(text) > 3000:  # only with a query as long as an essay
        text = f"{label}: {plural(len(entries), 'entry', 'entries')}"
    return text, blocks


def no_results(shown: str, suggestions: Sequence[str]) -> str:
    lines = [f"Nothing in the vault matches “{escape(shown)}” yet."]
    if suggestions:
        tags = ", ".join(f"`{escape(t)}`" for t in suggestions)
        lines.append(
            f"Tags that come close: {tags} — try `/vault search {escape(suggestions[0])}`."
        )
    lines.append(ADD_HINT)
    return truncate("\n".join(lines), 3000)


def no_more_results(shown: str) -> str:
    return f"That's everything for “{escape(shown)}”. {ADD_HINT}"


def top_lists(
    month: Sequence[Entry],
    all_time: Sequence[Entry],
    *,
    viewer: str,
    can_share: bool,
) -> tuple[str, list[dict]]:
    """This month's most voted and the all-time list (at most 34 blocks)."""
    ref = ListRef("top")
    blocks: list[dict] = [header("Most useful this month")]
    blocks += entry_list(month, ref, viewer=viewer, can_share=can_share, prefix="vault_month") or [
        section("No votes this month yet. Press 👍 on what helped you.")
    ]
    blocks += [divider(), header("Most useful of all time")]
    blocks += entry_list(all_time, ref, viewer=viewer, can_share=can_share) or [
        section("Nothing has been voted for yet.")
    ]
    return "The vault's most useful entries", blocks


def mine_list(
    entries: Sequence[Entry], ref: ListRef, *, viewer: str, has_more: bool, can_share: bool
) -> tuple[str, list[dict]]:
    if not entries and ref.page == 0:
        text = f"You haven't added anything to the vault yet. {ADD_HINT}"
        return text, [section(text)]
    blocks: list[dict] = [section("*What you've added to the vault*")]
    blocks += entry_list(entries, ref, viewer=viewer, can_share=can_share)
    if has_more:
        blocks.append(_more(ref))
    return "What you've added to the vault", blocks


def tags_text(counts: Sequence[tuple[str, int]]) -> str:
    if not counts:
        return f"No tags yet. {ADD_HINT}"
    intro = "*Tags in the vault* (entries per tag) — search one with `/vault search <tag>`:\n"
    listed = " · ".join(f"`{escape(tag)}` {n}" for tag, n in counts)
    return truncate(intro + listed, 3000)


def entry_modal(entry: Entry | None = None) -> dict[str, Any]:
    """Add (empty) or edit (pre-filled, the entry id in private_metadata)."""
    url: dict[str, Any] = {"type": "plain_text_input", "placeholder": plain("https://…")}
    title: dict[str, Any] = {"type": "plain_text_input", "max_length": MAX_TITLE}
    description: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": True,
        "max_length": MAX_DESCRIPTION,
        "placeholder": plain("One line on why it's useful"),
    }
    tags: dict[str, Any] = {"type": "plain_text_input", "placeholder": plain("gtm, launch")}
    if entry is not None:
        if entry.url:
            url["initial_value"] = entry.url
        title["initial_value"] = entry.title
        if entry.description:
            description["initial_value"] = entry.description[:MAX_DESCRIPTION]
        if entry.tags:
            tags["initial_value"] = ", ".join(entry.tags)
    view: dict[str, Any] = modal(
        "Edit vault entry" if entry else "Add to the vault",
        [
            input_block("url", "Link", url),
            input_block("title", "Title", title),
            input_block("description", "Description", description, optional=True),
            input_block("tags", "Tags", tags, optional=True, hint="Comma-separated, up to 8."),
        ],
        submit="Save" if entry else "Add",
        callback_id=EDIT_VIEW if entry else ADD_VIEW,
    )
    if entry is not None:
        view["private_metadata"] = str(entry.id)
    return view


def read_entry_form(values: dict[str, Any]) -> dict[str, str | None]:
    def value(block_id: str) -> str | None:
        return ((values.get(block_id) or {}).get(block_id) or {}).get("value")

    return {k: value(k) for k in ("url", "title", "description", "tags")}


def saved_view(entry: Entry, *, edited: bool) -> dict[str, Any]:
    """What the modal turns into after a successful add or edit."""
    verb = "Saved your changes to" if edited else "Added"
    text = f"{verb} {entry_text(entry)}\n\n{entry_meta(entry)}"
    if not edited:
        text += "\n\nMembers find it with `/vault search`. Thank you for sharing!"
    return modal("The vault", [section(piece) for piece in split_text(text)], close="Done")


def duplicate_sentence(existing: Entry) -> str:
    who = _author(existing.added_by) or "the starter shelf"
    return f"That link is already in the vault: “{truncate(existing.title, 80)}”, added by {who}."


def thank_modal(entry: Entry) -> dict[str, Any]:
    """Consent first: the author will see who thanked them, and the note."""
    return modal(
        "Thank the author",
        [
            section(
                f"<@{entry.added_by}> added {_head(entry)}\n\n"
                "I'll send them a DM saying it helped you. They will see your name and your "
                "note. Nothing is sent unless you press *Send*."
            ),
            input_block(
                "note",
                "A note (optional)",
                {"type": "plain_text_input", "multiline": True, "max_length": MAX_NOTE},
                optional=True,
            ),
            input_block(
                "meet",
                "Meet them?",
                {
                    "type": "checkboxes",
                    "options": [
                        {
                            "text": plain(
                                "I'd like to meet — start a group DM with both of us", 75
                            ),
                            "value": "meet",
                        }
                    ],
                },
                optional=True,
            ),
        ],
        submit="Send",
        callback_id=THANK_VIEW,
        private_metadata=str(entry.id),
    )


def read_thank_form(values: dict[str, Any]) -> tuple[str, bool]:
    note = ((values.get("note") or {}).get("note") or {}).get("value") or ""
    chosen = ((values.get("meet") or {}).get("meet") or {}).get("selected_options") or []
    return note.strip()[:MAX_NOTE], any(o.get("value") == "meet" for o in chosen)


def sent_view(text: str) -> dict[str, Any]:
    return modal("Thank the author", [section(text)], close="Done")


def read_modal(entry: Entry) -> dict[str, Any]:
    """The whole of an entry: a starter playbook, or a description a list cut to one line."""
    paragraphs = [p.strip() for p in entry.description.split("\n") if p.strip()][:90]
    link = [section(f"<{entry.url}|Open the link>")] if entry.url else []
    return modal(
        "The vault",
        [
            header(truncate(entry.title, 150)),
            *(section(escape(p)) for p in paragraphs),
            *link,
            context(entry_meta(entry)),
        ],
        close="Close",
    )


def shared_message(entry: Entry, sharer: str, sharer_name: str) -> tuple[str, list[dict]]:
    """What a channel sees when a member shares an entry (no buttons: not everyone votes).
    The notification names the sharer in plain words; the message mentions them."""
    text = f"{escape(sharer_name)} shared from the vault: {escape(entry.title)}"
    blocks = [
        context(f"<@{sharer}> shared from the vault"),
        *(section(piece) for piece in split_text(entry_text(entry))),
        context(entry_meta(entry)),
    ]
    return text, blocks
