"""Searching the vault from Slack: results, paging, nothing found, bad input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, event

from bot.demo.vault_steps import add, click, entry_ids, last_seen, search, texts
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.blockkit import message_block_errors


def test_a_new_vault_has_the_starter_shelf(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    seen = search(driver, sandbox, ana, "gtm")
    assert "GTM checklist: launching a feature" in texts(seen)
    assert "from the starter shelf" in texts(seen)
    search(driver, sandbox, ana, "go-to-market")
    assert entry_ids(last_seen(sandbox, ana)) == entry_ids(seen)  # loaded once


def test_search_finds_abbreviations_and_shows_who_added_it(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str, ben: str
) -> None:
    answer = add(
        driver, sandbox, ana, "https://example.com/spotify How Spotify plans a go-to-market #launch"
    )
    assert answer.startswith("Added to the vault")
    seen = search(driver, sandbox, ben, "gtm")
    assert "How Spotify plans a go-to-market" in texts(seen)
    assert f"added by <@{ana}>" in texts(seen)
    assert "`#launch`" in texts(seen)
    assert seen.blocks[0]["text"]["text"] == "*Vault results for “gtm”*"


def test_more_pages_through_the_results(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    for i in range(7):
        add(driver, sandbox, ana, f"https://example.com/r{i} Pricing teardown {i} #pricing")
    seen = search(driver, sandbox, ana, "pricing")
    first = entry_ids(seen)
    assert len(first) == 5
    click(driver, ana, seen, "vault_more")
    second = last_seen(sandbox, ana)
    assert second.ts == seen.ts  # replaced in place
    assert len(entry_ids(second)) == 3 and not set(entry_ids(second)) & set(first)
    assert "(6–8)" in texts(second)
    # The starter GTM checklist mentions pricing only in its text: it comes last.
    assert second.text.endswith("; GTM checklist: launching a feature")
    assert not any(b.get("block_id") == "vault_more" for b in second.blocks)


def test_nothing_found_suggests_close_tags_and_adding(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/o Onboarding plan #onboarding")
    driver.slash_command(ana, "/vault", "search onbordng")  # two slips: too far to guess
    text = last_seen(sandbox, ana).text
    assert "Nothing in the vault matches “onbordng” yet." in text
    assert "`onboarding`" in text and "/vault add" in text


def test_one_slip_of_the_finger_still_finds_the_entry(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/o Onboarding plan #onboarding")
    seen = search(driver, sandbox, ana, "onbaording")
    assert "Onboarding plan" in texts(seen)  # beside the starter shelf's onboarding guide
    assert "Nothing had “onbaording” as typed, so these are for words a letter away." in texts(seen)


def test_a_search_that_matched_through_one_typed_word_says_nothing_about_slips(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/o Onboarding plan #onboarding")
    seen = search(driver, sandbox, ana, "onboarding pricng")
    assert "a letter away" not in texts(seen)


def test_a_search_that_matched_as_typed_says_nothing_about_slips(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    add(driver, sandbox, ana, "https://example.com/o Onboarding plan #onboarding")
    seen = search(driver, sandbox, ana, "onboarding")
    assert "Onboarding plan" in texts(seen)
    assert "a letter away" not in texts(seen)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("search", "Tell me what to look for"),
        ("search    ", "Tell me what to look for"),
        ('search "" * -', "I couldn't find a word to search for"),
        ("search 🙂🙂", "I couldn't find a word to search for"),
        ("search the of and", "I couldn't find a word to search for"),
    ],
)
def test_queries_without_words_get_a_sentence(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str, typed: str, expected: str
) -> None:
    reply = driver.slash_command(ana, "/vault", typed)
    assert reply.status == 200 and reply.json["text"].startswith(expected)


@pytest.mark.parametrize(
    "query",
    ['"prd', "prd*", "NEAR(prd gtm)", "-gtm", "title:gtm", "gtm)", "x" * 2000, "a/b ✨ 🚀"],
)
def test_hostile_queries_get_an_answer(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str, query: str
) -> None:
    reply = driver.slash_command(ana, "/vault", f"search {query}")
    assert reply.status == 200
    assert reply.json.get("response_type") == "ephemeral"
    assert "went wrong" not in reply.json["text"]


def test_long_titles_and_many_tags_stay_within_block_kit(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    tags = " ".join(f"#topic-number-{i}" for i in range(8))
    for i in range(6):
        title = f"Playbook {i} " + "w" * 40 + " <b>&amp; " * 10
        add(driver, sandbox, ana, f"https://example.com/long{i} {title} {tags}")
    seen = search(driver, sandbox, ana, "playbook")
    assert message_block_errors(seen.blocks) == []
    assert len(entry_ids(seen)) == 5


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """Every SQL statement the app sends from here on."""
    sent: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield sent
    event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize(("query", "found"), [("gtm", True), ("zzyzx", False)])
def test_a_search_only_reads_in_at_most_two_queries(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    ana: str,
    statements: list[str],
    query: str,
    found: bool,
) -> None:
    search(driver, sandbox, ana, "prd")  # connections warmed up
    statements.clear()
    seen = search(driver, sandbox, ana, query)
    assert bool(entry_ids(seen)) is found
    # The pulse's anonymous count of the search (one INSERT, bot/pulse/searches.py) is
    # not part of searching.
    statements[:] = [s for s in statements if "vault_search_log" not in s]
    assert len(statements) <= 2, statements
    assert all(s.lstrip().upper().startswith("SELECT") for s in statements), statements
