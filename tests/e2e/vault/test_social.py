"""What a vault entry does between people: share it in a channel, thank or meet its author;
and the lists that show what the community found useful."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.vault_steps import add, buttons, click, entry_ids, last_seen, search, texts
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox
from bot.vault.entries import VaultRefused
from bot.vault.outreach import NOT_HERE, PRIVATE_CHAT, share, thank


@pytest.fixture
def entry(driver: SlackDriver, sandbox: SlackSandbox, ana: str) -> None:
    add(driver, sandbox, ana, "https://example.com/unity-prd How Unity writes a PRD #prd")


def channel_posts(sandbox: SlackSandbox, channel: str) -> list[str]:
    return [m["text"] for m in sandbox.messages(channel) if m.get("user") == sandbox.bot_user_id]


def test_share_posts_the_entry_in_the_channel_once(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    ana: str,
    ben: str,
    entry: None,
) -> None:
    channel = sandbox.add_channel("product", members=[ana, ben])
    seen = search(driver, sandbox, ben, "unity", channel_id=channel)
    [rid] = entry_ids(seen)
    click(driver, ben, seen, "vault_share", rid)
    assert last_seen(sandbox, ben).text == "Shared “How Unity writes a PRD” here."
    click(driver, ben, seen, "vault_share", rid)
    assert last_seen(sandbox, ben).text == "You've already shared this entry here."

    dispatcher.drain()

    # The notification is plain words (Ben is not synced yet, so "A member"); the message
    # itself mentions him.
    assert channel_posts(sandbox, channel) == [
        "A member shared from the vault: How Unity writes a PRD"
    ]
    posted = sandbox.messages(channel)[-1]
    assert posted["blocks"][0]["elements"][0]["text"] == f"<@{ben}> shared from the vault"
    assert "unity-prd" in posted["blocks"][1]["text"]["text"]
    assert any(s.kind == "message" for s in sandbox.seen_by(ana))  # Ana sees it in #product


def test_share_where_the_bot_is_not_says_how_to_invite_it(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    dispatcher: OutboxDispatcher,
    ana: str,
    ben: str,
    entry: None,
) -> None:
    channel = sandbox.add_channel("general", members=[ana, ben], bot_member=False)
    seen = search(driver, sandbox, ben, "unity", channel_id=channel)
    click(driver, ben, seen, "vault_share", entry_ids(seen)[0])
    assert last_seen(sandbox, ben).text == NOT_HERE
    assert "/invite @circlebot" in NOT_HERE
    assert dispatcher.drain().handled == 0  # nothing was queued


def test_no_share_button_in_our_private_chat(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    ben: str,
    entry: None,
) -> None:
    seen = search(driver, sandbox, ben, "unity")  # in the DM with the bot
    [rid] = entry_ids(seen)
    assert "vault_share" not in buttons(seen, rid)
    with sessions() as s:  # and a forged click would be refused
        assert share(s, rid, user_id=ben, channel_id=seen.channel).note == PRIVATE_CHAT


def test_thanks_need_consent_and_reach_the_author(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    ana: str,
    ben: str,
    entry: None,
) -> None:
    seen = search(driver, sandbox, ben, "unity")
    [rid] = entry_ids(seen)
    click(driver, ben, seen, "vault_thank", rid)
    modal = sandbox.views(ben)[-1]
    assert "They will see your name and your note" in modal["blocks"][0]["text"]["text"]
    driver.close_view(ben, modal["id"])
    assert dispatcher.drain().handled == 0  # cancelled: nothing sent

    click(driver, ben, seen, "vault_thank", rid)
    modal = sandbox.views(ben)[-1]
    reply = driver.submit_view(ben, modal["id"], {"note": "Used it for our launch.\nThanks!"})
    assert "Sent!" in reply.json["view"]["blocks"][0]["text"]["text"]
    dispatcher.drain()

    dm = [s for s in sandbox.seen_by(ana) if s.kind == "message"][-1]
    assert dm.text.startswith(f"<@{ben}> found your vault entry “How Unity writes a PRD” useful")
    assert ">Used it for our launch.\n>Thanks!" in dm.text
    assert ben not in sandbox.conversation_members(dm.channel)  # a 1:1 DM to Ana

    click(driver, ben, seen, "vault_thank", rid)
    again = driver.submit_view(ben, sandbox.views(ben)[-1]["id"], {})
    assert "already sent" in again.json["view"]["blocks"][0]["text"]["text"]


def test_asking_to_meet_opens_a_group_dm_with_both(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    ana: str,
    ben: str,
    entry: None,
) -> None:
    seen = search(driver, sandbox, ben, "unity")
    click(driver, ben, seen, "vault_thank", entry_ids(seen)[0])
    driver.submit_view(ben, sandbox.views(ben)[-1]["id"], {"meet": ["meet"]})
    dispatcher.drain()
    intro = [s for s in sandbox.seen_by(ana) if s.kind == "message"][-1]
    assert intro.text.startswith(f"<@{ana}>, meet <@{ben}>")
    assert set(sandbox.conversation_members(intro.channel)) >= {ana, ben}


def test_no_thanks_button_for_my_own_or_starter_entries(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str, entry: None
) -> None:
    seen = search(driver, sandbox, ana, "prd")
    listed = entry_ids(seen)
    assert "How Unity writes a PRD" in texts(seen) and "from the starter shelf" in texts(seen)
    assert len(listed) >= 2  # her own entry and at least one from the starter shelf
    for rid in listed:
        assert "vault_thank" not in buttons(seen, rid)


def test_a_stale_thanks_form_for_my_own_or_a_starter_entry_says_why_not(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    ana: str,
    entry: None,
) -> None:
    mine, starter = entry_ids(search(driver, sandbox, ana, "prd"))[:2]
    with sessions.begin() as session, pytest.raises(VaultRefused) as own:
        thank(session, mine, user_id=ana, note="", meet=False, now=clock.now())
    assert str(own.value) == "That's your own entry. 🙂"
    with sessions.begin() as session, pytest.raises(VaultRefused) as shelf:
        thank(session, starter, user_id=ana, note="", meet=False, now=clock.now())
    assert "starter shelf" in str(shelf.value)


def test_starter_playbooks_open_in_a_modal(
    driver: SlackDriver, sandbox: SlackSandbox, ben: str
) -> None:
    seen = search(driver, sandbox, ben, "first 90 days")
    rid = entry_ids(seen)[0]
    click(driver, ben, seen, "vault_read", rid)
    modal = sandbox.views(ben)[-1]
    assert modal["blocks"][0]["text"]["text"] == "Your first 90 days as a PM: a plan outline"
    assert any("Days 31–60" in (b.get("text") or {}).get("text", "") for b in modal["blocks"])


def test_top_shows_this_month_and_all_time(
    driver: SlackDriver, sandbox: SlackSandbox, clock: ManualClock, ana: str, ben: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/old Pricing teardown #pricing")
    add(driver, sandbox, ana, "https://example.com/new Retention deep dive #retention")
    old = search(driver, sandbox, ben, "pricing teardown")
    click(driver, ben, old, "vault_vote", entry_ids(old)[0])
    clock.advance(timedelta(days=40))  # into next month
    new = search(driver, sandbox, ben, "retention")
    click(driver, ben, new, "vault_vote", entry_ids(new)[0])

    driver.slash_command(ben, "/vault", "top")
    seen = last_seen(sandbox, ben)
    headers = [i for i, b in enumerate(seen.blocks) if b["type"] == "header"]
    this_month = texts(type(seen)(**{**seen.__dict__, "blocks": seen.blocks[: headers[1]]}))
    all_time = texts(type(seen)(**{**seen.__dict__, "blocks": seen.blocks[headers[1] :]}))
    assert "Retention deep dive" in this_month and "Pricing teardown" not in this_month
    assert "Retention deep dive" in all_time and "Pricing teardown" in all_time


def test_tags_lists_tags_in_use(driver: SlackDriver, sandbox: SlackSandbox, ana: str) -> None:
    add(driver, sandbox, ana, "https://example.com/a Pricing teardown #Pricing #GTM")
    text = driver.slash_command(ana, "/vault", "tags").json["text"]
    assert "`gtm` 2" in text and "`pricing` 1" in text


def test_share_when_slack_is_busy_asks_to_try_again(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    ana: str,
    ben: str,
    entry: None,
) -> None:
    channel = sandbox.add_channel("product", members=[ana, ben])
    seen = search(driver, sandbox, ben, "unity", channel_id=channel)
    sandbox.fail_next("chat.postEphemeral", "internal_error")
    click(driver, ben, seen, "vault_share", entry_ids(seen)[0])
    assert last_seen(sandbox, ben).text.startswith("Slack didn't let me post there just now.")
    assert dispatcher.drain().handled == 0
