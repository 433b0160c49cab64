"""Block Kit builders are pure: check their dicts, and that they stay in Slack's limits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.members.home_blocks import home_view
from bot.members.profile_blocks import profile_modal, read_profile_form
from bot.members.profile_options import INTERESTS
from bot.members.profiles import ProfileForm
from storage.models import Member


def member(**fields: Any) -> Member:
    base = {
        "slack_user_id": "U1",
        "real_name": "Ana",
        "interests": [],
        "tags": [],
        "status": "active",
    }
    return Member(**{**base, **fields})


def test_modal_is_prefilled_with_the_saved_profile() -> None:
    view = profile_modal(
        member(company="Acme", level="pm", interests=["growth"], tags=["b2b"], tz_override="UTC")
    )
    by_id = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert by_id["company"]["initial_value"] == "Acme"
    assert by_id["level"]["initial_option"]["value"] == "pm"
    assert [o["value"] for o in by_id["interests"]["initial_options"]] == ["growth"]
    assert by_id["tags"]["initial_value"] == "b2b"
    assert by_id["timezone"]["initial_value"] == "UTC"
    assert len(view["title"]["text"]) <= 24
    assert len(by_id["interests"]["options"]) == len(INTERESTS) <= 100


def test_form_is_read_back_from_slack_state_values() -> None:
    state = {
        "company": {"company": {"type": "plain_text_input", "value": "Acme"}},
        "level": {"level": {"type": "static_select", "selected_option": {"value": "vp"}}},
        "interests": {
            "interests": {
                "type": "multi_static_select",
                "selected_options": [{"value": "gtm"}, {"value": "ai_ml"}],
            }
        },
        "tags": {"tags": {"type": "plain_text_input", "value": None}},
        "goals": {"goals": {"type": "plain_text_input", "value": "Ship"}},
        "timezone": {"timezone": {"type": "plain_text_input", "value": None}},
    }
    assert read_profile_form(state) == ProfileForm(
        company="Acme", level="vp", interests=("gtm", "ai_ml"), goals="Ship"
    )


def test_home_asks_for_a_profile_until_there_is_one() -> None:
    blocks = home_view(None)["blocks"]
    assert blocks[1]["accessory"]["text"]["text"] == "Set up my profile"


def test_home_escapes_member_text_and_stays_within_limits() -> None:
    view = home_view(
        member(
            company="<!channel> & co",
            goals="g" * 1000,
            interests=list(INTERESTS),
            tags=[f"tag{i}" for i in range(10)],
            profile_updated_at=datetime.now(UTC),
        )
    )
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    assert any("&lt;!channel&gt; &amp; co" in t for t in texts)
    assert all(len(t) <= 3000 for t in texts) and len(view["blocks"]) <= 100


def test_transcript_shows_a_modal_in_one_line_and_home_up_to_its_divider() -> None:
    from bot.slack.transcript import view_lines

    assert view_lines(profile_modal(None)) == [
        "« Your profile » Company · Level · Interests · Other topics · Goals · Time zone [Save]"
    ]
    lines = view_lines(home_view(None))
    assert lines[0] == "# Product Circle" and "[Set up my profile]" in lines
    assert not any("What you can do here" in line for line in lines)
