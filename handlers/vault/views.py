"""Vault modal submissions: add, edit, thank. A problem keeps the modal open with the
member's input and a sentence on the field to fix; success turns the modal into a
confirmation."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.platform.services import Services
from bot.vault import blocks as ui
from bot.vault.entries import Draft, Saved, add_entry, check_draft, edit_entry
from bot.vault.outreach import thank


def _answer(ack: Ack, saved: Saved, *, edited: bool) -> None:
    if saved.errors:
        ack(response_action="errors", errors=saved.errors)
    elif saved.duplicate is not None:
        ack(response_action="errors", errors={"url": ui.duplicate_sentence(saved.duplicate)})
    else:
        assert saved.entry is not None
        ack(response_action="update", view=ui.saved_view(saved.entry, edited=edited))


def _draft(ack: Ack, view: dict[str, Any]) -> Draft | None:
    form = ui.read_entry_form(view["state"]["values"])
    draft = check_draft(form["url"], form["title"], form["description"], form["tags"])
    if not isinstance(draft, Draft):
        ack(response_action="errors", errors=draft)
        return None
    return draft


def submit_add(ack: Ack, body: dict, view: dict, services: Services) -> None:
    draft = _draft(ack, view)
    if draft is None:
        return
    with services.sessions.begin() as session:
        now = services.clock.now()
        saved = add_entry(session, draft, user_id=body["user"]["id"], now=now)
    _answer(ack, saved, edited=False)


def submit_edit(ack: Ack, body: dict, view: dict, services: Services) -> None:
    draft = _draft(ack, view)
    if draft is None:
        return
    resource_id = int(view.get("private_metadata") or 0)
    with services.sessions.begin() as session:
        saved = edit_entry(
            session,
            resource_id,
            draft,
            user_id=body["user"]["id"],
            now=services.clock.now(),
            settings=services.settings,
        )
    _answer(ack, saved, edited=True)


def submit_thanks(ack: Ack, body: dict, view: dict, services: Services) -> None:
    note, meet = ui.read_thank_form(view["state"]["values"])
    resource_id = int(view.get("private_metadata") or 0)
    with services.sessions.begin() as session:
        outreach = thank(
            session,
            resource_id,
            user_id=body["user"]["id"],
            note=note,
            meet=meet,
            now=services.clock.now(),
        )
    ack(response_action="update", view=ui.sent_view(outreach.note))


def register(app: App) -> None:
    app.view(ui.ADD_VIEW)(submit_add)
    app.view(ui.EDIT_VIEW)(submit_edit)
    app.view(ui.THANK_VIEW)(submit_thanks)
