"""Reading an entry in full: what a result list shows cut is always one click away."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.vault_steps import buttons, click, entry_ids, search, texts
from bot.sandbox import SlackDriver, SlackSandbox
from storage.models.vault import VaultResource

WHY = (
    "Why we moved from per-seat to usage-based pricing, what the first three months did to "
    "expansion revenue, which customers pushed back and how we brought them along, the "
    "dashboards we watched every morning, and the one email to finance that we wish we had "
    "sent a quarter earlier because it would have saved us a painful re-forecast in the spring."
)


def test_a_linked_entry_with_a_long_description_can_be_read_in_full(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    ana: str,
    ben: str,
) -> None:
    driver.slash_command(ana, "/vault", "add")
    form = {
        "url": "https://example.com/usage-pricing",
        "title": "Usage pricing retro",
        "description": WHY + "\nAnd a second paragraph with the numbers.",
        "tags": "pricing",
    }
    driver.submit_view(ana, sandbox.views(ana)[-1]["id"], form)

    seen = search(driver, sandbox, ben, "usage pricing retro")
    with sessions() as s:
        rid = s.scalar(select(VaultResource.id).where(VaultResource.title == form["title"]))
    assert rid in entry_ids(seen)
    assert "vault_read" in buttons(seen, rid), "the cut entry offers no Read button"
    shown = texts(seen)
    assert WHY[:120] in shown and WHY not in shown  # the list keeps to one line

    click(driver, ben, seen, "vault_read", rid)
    modal = sandbox.views(ben)[-1]
    read = " ".join((b.get("text") or {}).get("text", "") for b in modal["blocks"])
    assert WHY in read and "And a second paragraph with the numbers." in read
    assert "https://example.com/usage-pricing" in read  # the link is still there to open
