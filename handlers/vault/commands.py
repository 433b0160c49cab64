"""`/vault` sub-commands: search, add, top, mine, tags. Each acks with the member's answer
(ephemeral). The starter shelf comes with the database (migration 0009), so reading the
vault never writes."""

from __future__ import annotations

from bot.pulse.searches import record_search
from bot.vault import blocks as ui
from bot.vault.entries import Draft, add_entry, check_draft, split_add_command
from bot.vault.lists import ListRef, tag_counts
from bot.vault.outreach import is_direct_message
from bot.vault.query import parse_query
from bot.vault.search import NO_WORDS, NOTHING_TYPED
from handlers.common.command_call import CommandCall
from handlers.common.screens import open_for_command
from handlers.vault.screens import render_list

ADD_USAGE = "For example: `/vault add https://example.com/launch-guide Launch checklist #gtm`"


def _show(call: CommandCall, ref: ListRef) -> None:
    text, blocks = render_list(
        call.services, ref, viewer=call.user_id, can_share=not is_direct_message(call.channel_id)
    )
    call.reply(text, blocks)


def vault_search(call: CommandCall) -> None:
    if not call.args.strip():
        call.reply(NOTHING_TYPED)
        return
    query = parse_query(call.args)
    if query.is_empty:
        call.reply(NO_WORDS)
        return
    ref = ListRef("search", 0, query)
    text, blocks = render_list(
        call.services, ref, viewer=call.user_id, can_share=not is_direct_message(call.channel_id)
    )
    services = call.services
    # Counted for the pulse, without who searched: one INSERT that commits on its own before
    # the ack, so no BEGIN and COMMIT round trips.
    with services.reads() as session:
        record_search(session, query.shown, found=blocks is not None, now=services.clock.now())
    call.reply(text, blocks)


def vault_add(call: CommandCall) -> None:
    if not call.args:
        open_for_command(call, ui.entry_modal())
        return
    url, title, tags = split_add_command(call.args)
    draft = check_draft(url, title, None, tags)
    if not isinstance(draft, Draft):
        call.reply(" ".join(draft.values()) + f"\n{ADD_USAGE}")
        return
    services = call.services
    with services.sessions.begin() as session:
        now = services.clock.now()
        saved = add_entry(session, draft, user_id=call.user_id, now=now)
    if saved.duplicate is not None:
        call.reply(ui.duplicate_sentence(saved.duplicate) + " Give it a 👍 in `/vault search`.")
        return
    assert saved.entry is not None
    call.reply(
        f"Added to the vault: {ui.entry_line(saved.entry)}\n{ui.entry_meta(saved.entry)}\n"
        "Thank you! `/vault mine` lists what you've added."
    )


def vault_top(call: CommandCall) -> None:
    _show(call, ListRef("top"))


def vault_mine(call: CommandCall) -> None:
    _show(call, ListRef("mine"))


def vault_tags(call: CommandCall) -> None:
    with call.services.sessions() as session:
        counts = tag_counts(session)
    call.reply(ui.tags_text(counts))


ROUTES = {
    ("/vault", "search"): vault_search,
    ("/vault", "add"): vault_add,
    ("/vault", "top"): vault_top,
    ("/vault", "mine"): vault_mine,
    ("/vault", "tags"): vault_tags,
}
