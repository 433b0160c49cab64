"""Adding to the vault, voting, and who may edit or remove an entry."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.vault_steps import add, buttons, click, entry_ids, last_seen, search, texts
from bot.sandbox import SlackDriver, SlackSandbox
from bot.vault.entries import NOT_ALLOWED
from storage.models.vault import VaultResource, VaultVote

FORM = {
    "url": "https://www.example.com/stripe-writing/?utm_source=slack",
    "title": "How Stripe builds a writing culture",
    "description": "Memos before meetings.\nSecond line stays out of results.",
    "tags": "Writing, culture",
}


def stored(sessions: sessionmaker[Session]) -> list[VaultResource]:
    with sessions() as s:
        return list(s.scalars(select(VaultResource).where(VaultResource.source == "member")))


def test_add_opens_a_form_and_saving_adds_the_entry(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], ana: str
) -> None:
    reply = driver.slash_command(ana, "/vault", "add")
    assert reply.status == 200 and reply.body == ""
    modal = sandbox.views(ana)[-1]
    assert modal["callback_id"] == "vault_add"

    reply = driver.submit_view(ana, modal["id"], FORM)

    assert reply.json["response_action"] == "update"
    assert "Added" in reply.json["view"]["blocks"][0]["text"]["text"]
    [entry] = stored(sessions)
    assert entry.url == "https://www.example.com/stripe-writing/?utm_source=slack"
    assert entry.added_by == ana
    with sessions() as s:
        assert s.get(VaultResource, entry.id).tags == ["writing", "culture"]
    seen = search(driver, sandbox, ana, "writing")
    assert "Memos before meetings." in texts(seen)
    assert "Second line" not in texts(seen)


def test_the_form_points_out_each_problem_and_stays_open(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], ana: str
) -> None:
    driver.slash_command(ana, "/vault", "add")
    modal = sandbox.views(ana)[-1]
    reply = driver.submit_view(ana, modal["id"], {**FORM, "url": "ftp://x.org/f", "title": "x"})
    errors = reply.json["errors"]
    assert set(errors) == {"url", "title"}
    assert errors["url"] == "Only web links (http:// or https://) can go in the vault."
    assert sandbox.is_modal_open(modal["id"]) and stored(sessions) == []


def test_a_duplicate_link_points_to_the_existing_entry(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], ana: str, ben: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/stripe-writing Stripe writing #writing")
    answer = add(driver, sandbox, ben, "http://www.example.com/stripe-writing/#top Again")
    assert answer.startswith("That link is already in the vault: “Stripe writing”, added by")
    assert f"<@{ana}>" in answer
    driver.slash_command(ben, "/vault", "add")
    reply = driver.submit_view(
        ben, sandbox.views(ben)[-1]["id"], FORM | {"url": "example.com/stripe-writing"}
    )
    assert "already in the vault" in reply.json["errors"]["url"]
    assert len(stored(sessions)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("notalink at all", "doesn't look like a web address"),
        ("javascript:alert(1) Title", "Only web links"),
        ("https://example.com/x", "Give it a title"),
        ("https://example.com/x " + "t" * 200, "Keep the title under 150"),
    ],
)
def test_direct_add_explains_what_is_wrong(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    ana: str,
    text: str,
    expected: str,
) -> None:
    answer = add(driver, sandbox, ana, text)
    assert expected in answer and "/vault add https://" in answer
    assert stored(sessions) == []


def test_votes_toggle_one_per_member_and_redraw_the_list(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], ana: str, ben: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/okr Zephyr OKR playbook #okr")
    seen = search(driver, sandbox, ben, "zephyr")
    [rid] = entry_ids(seen)
    assert buttons(seen, rid)["vault_vote"]["text"]["text"] == "👍 0"

    click(driver, ben, seen, "vault_vote", rid)
    after = last_seen(sandbox, ben)
    assert after.ts == seen.ts
    assert buttons(after, rid)["vault_vote"]["text"]["text"] == "👍 1"
    assert buttons(after, rid)["vault_vote"]["style"] == "primary"

    click(driver, ben, after, "vault_vote", rid)
    assert buttons(last_seen(sandbox, ben), rid)["vault_vote"]["text"]["text"] == "👍 0"
    with sessions() as s:
        assert s.scalars(select(VaultVote)).all() == []


def test_members_cannot_vote_for_their_own_entry(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/okr OKR playbook")
    seen = search(driver, sandbox, ana, "okr")
    click(driver, ana, seen, "vault_vote", entry_ids(seen)[0])
    assert last_seen(sandbox, ana).text.startswith("That's your own entry")


def test_only_the_author_or_an_admin_sees_and_may_use_edit_and_remove(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    ana: str,
    ben: str,
    circlebot_admin: str,
) -> None:
    add(driver, sandbox, ana, "https://example.com/nps NPS survey guide #nps")
    seen = search(driver, sandbox, ben, "nps")
    [rid] = entry_ids(seen)
    assert "vault_edit" not in buttons(seen, rid) and "vault_remove" not in buttons(seen, rid)
    # A forged click (Ben's payload with a button he was never shown) changes nothing.
    own = search(driver, sandbox, ana, "nps")
    value = buttons(own, rid)["vault_remove"]["value"]
    driver.click(
        ben,
        "vault_remove",
        value=value,
        block_id=f"vault_entry_{rid}",
        message=(own.channel, own.ts),
    )
    assert last_seen(sandbox, ben).text == NOT_ALLOWED
    assert len(stored(sessions)) == 1

    mine = search(driver, sandbox, circlebot_admin, "nps")
    assert {"vault_edit", "vault_remove"} <= set(buttons(mine, rid))
    click(driver, circlebot_admin, mine, "vault_edit", rid)
    modal = sandbox.views(circlebot_admin)[-1]
    assert modal["callback_id"] == "vault_edit"
    reply = driver.submit_view(
        circlebot_admin,
        modal["id"],
        {"url": "https://example.com/nps", "title": "NPS survey, annotated", "tags": "nps"},
    )
    assert reply.json["response_action"] == "update"
    assert stored(sessions)[0].title == "NPS survey, annotated"

    click(driver, ana, search(driver, sandbox, ana, "nps"), "vault_remove", rid)
    assert last_seen(sandbox, ana).text == "Removed “NPS survey, annotated” from the vault."
    assert stored(sessions) == []


def test_mine_lists_what_i_added(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str, ben: str
) -> None:
    assert "haven't added anything" in driver.slash_command(ana, "/vault", "mine").json["text"]
    add(driver, sandbox, ana, "https://example.com/a Pricing teardown")
    add(driver, sandbox, ben, "https://example.com/b Retention deep dive")
    driver.slash_command(ana, "/vault", "mine")
    seen = last_seen(sandbox, ana)
    assert "Pricing teardown" in texts(seen) and "Retention" not in texts(seen)


def test_what_a_member_types_is_stored_as_typed_and_shown_escaped_once(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session], ana: str
) -> None:
    """Slack escapes `&`, `<` and `>` in command text; the bot undoes it once on the way in
    and escapes once on the way out, so "R&D" never turns into "R&amp;D" on screen."""
    add(driver, sandbox, ana, "https://example.com/rd R&D <launch> playbook #gtm")
    [entry] = stored(sessions)
    assert entry.title == "R&D <launch> playbook"
    shown = texts(search(driver, sandbox, ana, "playbook"))
    assert "R&amp;D &lt;launch&gt; playbook" in shown
    assert "&amp;amp;" not in shown and "&amp;lt;" not in shown
