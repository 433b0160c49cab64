"""The vault's pure text rules: analysis, query parsing, tags and links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.vault.links import BadLink, check_link, link_key
from bot.vault.query import MAX_ATOMS, SearchQuery, parse_query
from bot.vault.tags import closest_tags, parse_keyword_tags
from bot.vault.terms import index_terms, index_text


def terms(text: str) -> set[str]:
    return set(index_terms(text).split())


@pytest.mark.parametrize(
    ("written", "concept"),
    [
        ("Our go-to-market plan", "gtm"),
        ("Launch plans for Q3", "gtm"),
        ("A product requirements document", "prd"),
        ("Setting OKRs", "okr"),
        ("Objectives and key results", "okr"),
        ("Net Promoter Score survey", "nps"),
        ("Finding product-market fit", "pmf"),
        ("Minimum viable product", "mvp"),
        ("Jobs-to-be-done interviews", "jtbd"),
        ("Running A/B tests", "abtest"),
        ("Split testing pricing", "abtest"),
        ("Road map review", "roadmap"),
        ("Your first 90 days", "first90"),
        ("Weekly 1:1s", "oneonone"),
    ],
)
def test_spelled_out_forms_index_the_abbreviation(written: str, concept: str) -> None:
    assert concept in terms(written)


def test_plurals_and_stems_meet() -> None:
    assert terms("Planning launches") == terms("plan launch")
    assert terms("PRDs") == {"prd"}
    assert "café" not in index_terms("Café pricing") and "cafe" in terms("Café pricing")


def test_a_word_and_its_longer_derivations_meet() -> None:
    # Snowball takes one suffix a pass: "experimentation" and "experiments" meet on the second.
    assert terms("experimentation culture") == terms("experiments culture")
    assert terms("decisions") == terms("decision")


def test_stop_words_are_not_indexed_but_meaningful_short_words_are() -> None:
    assert terms("How to write the first PRD for a new PM") >= {
        "write",
        "first",
        "prd",
        "new",
        "pm",
    }
    assert not terms("how to") & {"how", "to"}


def test_index_text_covers_title_tags_and_description() -> None:
    text = index_text("Spotify launch", "How they plan", ["go-to-market", "growth"])
    assert "gtm" in text.tags.split() and "growth" in text.tags.split()
    assert text.title == "spotifi launch"
    assert "plan" in text.body.split()


def test_a_phrase_query_finds_the_concept_or_both_words() -> None:
    [atom] = parse_query("launch plan").atoms
    assert atom.alternatives == (("gtm",), ("launch", "plan"))
    [atom] = parse_query("gtm").atoms
    assert atom.alternatives == (("gtm",),)


def test_query_drops_stop_words_repeats_and_punctuation() -> None:
    query = parse_query('How to write "PRDs" -- prd? *NEAR* :)')
    assert [a.alternatives for a in query.atoms] == [(("write",),), (("prd",),), (("near",),)]


@pytest.mark.parametrize("text", ["", "   ", "the a of", "🙂🙂", '"*-:()'])
def test_queries_without_words_are_empty(text: str) -> None:
    assert parse_query(text).is_empty


def test_search_operators_are_read_as_plain_words_or_dropped() -> None:
    query = parse_query("NEAR/3 -- :: ^")
    terms = [term for atom in query.atoms for alt in atom.alternatives for term in alt]
    assert terms == ["near", "3"]


def test_long_queries_keep_the_first_atoms_and_say_how_many_were_dropped() -> None:
    query = parse_query(" ".join(f"word{i}" for i in range(40)))
    assert len(query.atoms) == MAX_ATOMS and query.dropped == 40 - MAX_ATOMS
    assert len(query.shown) <= 80


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_any_query_round_trips_through_a_button_value(text: str) -> None:
    query = parse_query(text)
    encoded = query.encode()
    assert len(encoded) <= 1500
    if not query.is_empty:
        assert SearchQuery.decode(encoded).atoms == query.atoms


@pytest.mark.parametrize("forged", ["a;drop\nx", 'gtm"OR"x\n', "x+\n", " | \n"])
def test_forged_query_values_are_refused(forged: str) -> None:
    with pytest.raises(ValueError):
        SearchQuery.decode(forged)


def test_tags_are_normalised() -> None:
    assert parse_keyword_tags("#GTM #go-to-market #Launch #launch") == ["gtm", "launch"]
    assert parse_keyword_tags("User Research, PRDs, a/b testing") == [
        "user-research",
        "prd",
        "ab-testing",
    ]
    assert parse_keyword_tags("") == [] and parse_keyword_tags("# , ,") == []
    assert parse_keyword_tags("#" + "x" * 35) == ["x" * 30]
    assert parse_keyword_tags("#" + "x" * 80) == []  # not a word: a pasted blob


def test_closest_tags_catch_typos_and_prefixes() -> None:
    known = ["onboarding", "pricing", "prd", "user-research"]
    assert closest_tags(["onbaording"], known) == ["onboarding"]
    assert closest_tags(["user"], known) == ["user-research"]
    assert closest_tags(["zzz"], known) == []


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("https://Example.com/Guide", "https://example.com/Guide"),
        ("<https://example.com/a|example.com/a>", "https://example.com/a"),
        ("example.com/playbook", "https://example.com/playbook"),
        ("http://bücher.ch/x", "http://xn--bcher-kva.ch/x"),
    ],
)
def test_links_are_tidied(typed: str, url: str) -> None:
    assert check_link(typed).url == url


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "javascript:alert(1)",
        "ftp://example.com/file",
        "mailto:pm@example.com",
        "https://exa mple.com",
        "https://localhost/x",
        "https://user:pw@example.com/",
        "https://-bad-.com/",
        "https://example.com:99999/",
        "https://" + "a" * 1600 + ".com",
    ],
)
def test_bad_links_get_a_sentence(typed: str) -> None:
    with pytest.raises(BadLink) as caught:
        check_link(typed)
    assert str(caught.value).endswith(".")


def test_the_same_page_has_the_same_key() -> None:
    same = [
        "https://www.example.com/guide/",
        "http://example.com/guide",
        "https://example.com/guide?utm_source=slack&utm_medium=x",
        "https://EXAMPLE.com:443/guide#intro",
    ]
    assert {check_link(u).key for u in same} == {"example.com/guide"}
    assert link_key("https://example.com/watch?v=1&b=2") == "example.com/watch?b=2&v=1"
    assert (
        check_link("https://example.com/watch?v=1").key
        != check_link("https://example.com/watch?v=2").key
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_link_or_a_sentence(text: str) -> None:
    try:
        link = check_link(text)
    except BadLink as exc:
        assert str(exc)
    else:
        assert link.url.startswith(("http://", "https://")) and len(link.url) <= 1500
