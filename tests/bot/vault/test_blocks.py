"""Vault Block Kit builders: exact shape for a plain entry, and Slack's limits whatever
members write."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.sandbox.blockkit import message_block_errors, view_errors
from bot.vault import blocks as ui
from bot.vault.entries import Entry
from bot.vault.lists import ListRef
from bot.vault.query import parse_query

ENTRY = Entry(
    id=7,
    url="https://example.com/prd",
    title="PRD <outline> & notes",
    description="One page.\nMore later.",
    tags=("prd", "template"),
    added_by="U1",
    votes=2,
)


def test_an_entry_renders_as_three_blocks() -> None:
    ref = ListRef("search", 0, parse_query("prd"))
    value = "7:search:0:prd\nprd"
    assert ui.entry_blocks(ENTRY, ref, viewer="U2", can_share=True) == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*<https://example.com/prd|PRD &lt;outline&gt; &amp; notes>*\nOne page.",
            },
        },
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "`#prd` `#template` · added by <@U1> · 👍 2"}],
        },
        {
            "type": "actions",
            "block_id": "vault_entry_7",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "👍 2", "emoji": True},
                    "action_id": "vault_vote",
                    "value": value,
                },
                {  # "More later." does not fit the list's one line: Read opens it all
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Read", "emoji": True},
                    "action_id": "vault_read",
                    "value": value,
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Share here", "emoji": True},
                    "action_id": "vault_share",
                    "value": value,
                },
                {
                    "type": "button",
                    "text": {
                        "type": "plain_text",
                        "text": "Thank / meet the author",
                        "emoji": True,
                    },
                    "action_id": "vault_thank",
                    "value": value,
                },
            ],
        },
    ]
    assert ui.read_value(value) == (7, ref)


def test_the_author_gets_edit_and_a_confirmed_remove_instead_of_thanks() -> None:
    mine = Entry(**{**ENTRY.__dict__, "can_edit": True})
    [_, _, actions] = ui.entry_blocks(mine, ListRef("mine"), viewer="U1", can_share=False)
    ids = [e["action_id"] for e in actions["elements"]]
    assert ids == ["vault_vote", "vault_read", "vault_edit", "vault_remove"]
    assert actions["elements"][3]["confirm"]["confirm"]["text"] == "Remove"


def test_a_results_page_lists_each_entry_with_its_buttons_and_offers_more() -> None:
    prd = Entry(
        id=7,
        url="https://example.com/prd",
        title="PRD template",
        description="\nOne page & a checklist.\nMore later.",
        tags=("prd",),
        added_by="U1",
        votes=2,
        voted=True,
    )
    starter = Entry(
        id=8, url=None, title="GTM checklist", description="", tags=(), added_by=None, votes=0
    )
    ref = ListRef("search", 0, parse_query("prd"))

    text, blocks = ui.search_results(
        "prd", [prd, starter], ref, viewer="U2", has_more=True, can_share=False, dropped=2
    )

    assert text == "Vault results for “prd”: PRD template; GTM checklist"
    assert blocks == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Vault results for “prd”*"}},
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": "I searched for the first words only; 2 more were left out.",
                }
            ],
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*<https://example.com/prd|PRD template>*\nOne page &amp; a checklist.",
            },
        },
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "`#prd` · added by <@U1> · 👍 2"}],
        },
        {
            "type": "actions",
            "block_id": "vault_entry_7",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "👍 2", "emoji": True},
                    "action_id": "vault_vote",
                    "value": "7:search:0:prd\nprd",
                    "style": "primary",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Read", "emoji": True},
                    "action_id": "vault_read",
                    "value": "7:search:0:prd\nprd",
                },
                {
                    "type": "button",
                    "text": {
                        "type": "plain_text",
                        "text": "Thank / meet the author",
                        "emoji": True,
                    },
                    "action_id": "vault_thank",
                    "value": "7:search:0:prd\nprd",
                },
            ],
        },
        {"type": "section", "text": {"type": "mrkdwn", "text": "*GTM checklist*"}},
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "from the starter shelf · 👍 0"}],
        },
        {
            "type": "actions",
            "block_id": "vault_entry_8",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "👍 0", "emoji": True},
                    "action_id": "vault_vote",
                    "value": "8:search:0:prd\nprd",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Read", "emoji": True},
                    "action_id": "vault_read",
                    "value": "8:search:0:prd\nprd",
                },
            ],
        },
        {
            "type": "actions",
            "block_id": "vault_more",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "More results", "emoji": True},
                    "action_id": "vault_more",
                    "value": "search:1:prd\nprd",
                }
            ],
        },
    ]


entries = st.builds(
    Entry,
    id=st.integers(1, 10**9),
    url=st.one_of(st.none(), st.just("https://example.com/" + "p" * 1400)),
    title=st.text(min_size=1, max_size=150),
    description=st.text(max_size=500),
    tags=st.lists(st.text(min_size=1, max_size=30), max_size=8).map(tuple),
    added_by=st.one_of(st.none(), st.just("U123")),
    votes=st.integers(0, 10**6),
    voted=st.booleans(),
    can_edit=st.booleans(),
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(entries, min_size=1, max_size=5, unique_by=lambda e: e.id),
    st.text(max_size=2000),
    st.integers(0, 19),
)
def test_any_page_fits_block_kit(found: list[Entry], typed: str, page: int) -> None:
    query = parse_query(typed or "x")
    if query.is_empty:
        query = parse_query("x")
    ref = ListRef("search", page, query)
    text, blocks = ui.search_results(
        query.shown, found, ref, viewer="U9", has_more=True, can_share=True, dropped=3
    )
    assert message_block_errors(blocks) == [] and len(text) <= 3000
    _, top = ui.top_lists(found, found, viewer="U9", can_share=True)
    assert message_block_errors(top) == []
    for entry in found:
        assert view_errors(ui.thank_modal(entry), expected_type="modal") == []
        assert view_errors(ui.read_modal(entry), expected_type="modal") == []
        assert view_errors(ui.entry_modal(entry), expected_type="modal") == []
    assert len(ui.no_results(query.shown, [e.title[:30] for e in found])) <= 3000


def test_tags_text_stays_under_the_section_limit() -> None:
    text = ui.tags_text([(f"tag-{i}-" + "x" * 20, i) for i in range(500)])
    assert len(text) <= 3000 and text.endswith("…")
