"""Profile rules, without Slack."""

from __future__ import annotations

from bot.members.profiles import ProfileForm, ProfileUpdate, parse_phrase_tags, validate_profile


def test_a_complete_profile_is_cleaned_up() -> None:
    result = validate_profile(
        ProfileForm(
            company="  Acme  ",
            level="senior_pm",
            interests=("growth", "ai_ml", "growth"),
            tags="#Zero to One, pricing,, Pricing",
            goals=" Become a group PM ",
            timezone="europe/berlin",
        )
    )
    assert result == ProfileUpdate(
        company="Acme",
        level="senior_pm",
        interests=("growth", "ai_ml"),
        tags=("zero-to-one", "pricing"),
        goals="Become a group PM",
        tz_override="Europe/Berlin",
    )


def test_an_empty_form_is_a_valid_empty_profile() -> None:
    result = validate_profile(ProfileForm())
    assert isinstance(result, ProfileUpdate)
    assert result.tz_override is None and result.tags == ()


def test_errors_are_keyed_by_the_field_to_fix() -> None:
    errors = validate_profile(
        ProfileForm(
            company="x" * 101,
            level="ceo",
            interests=("knitting",),
            tags=",".join(f"t{i}" for i in range(11)),
            goals="g" * 1001,
            timezone="Atlantis/Capital",
        )
    )
    assert isinstance(errors, dict)
    assert set(errors) == {"company", "level", "interests", "tags", "goals", "timezone"}
    assert "Atlantis/Capital" in errors["timezone"]
    assert "11 given" in errors["tags"]


def test_a_long_tag_is_refused() -> None:
    errors = validate_profile(ProfileForm(tags="a" * 31))
    assert isinstance(errors, dict) and "30 characters" in errors["tags"]


def test_tags_are_normalised_and_deduplicated() -> None:
    assert parse_phrase_tags("#AI Products; ai-products\nB2B_SaaS") == ["ai-products", "b2b-saas"]
