"""A person is greeted, and asked for, by their first name, from any name we hold."""

from __future__ import annotations

import pytest

from bot.members.names import first_name
from bot.mentors.panel_blocks import panel_blocks
from storage.models import Member


@pytest.mark.parametrize(
    ("name", "first"),
    [("Ana Lima", "Ana"), ("  Ana   Lima ", "Ana"), ("Nia", "Nia"), ("", "there"), (None, "there")],
)
def test_the_first_word_of_a_name_or_there(name: str | None, first: str) -> None:
    assert first_name(name) == first


def test_a_member_row_reads_its_real_name_then_its_handle() -> None:
    ana = Member(slack_user_id="U1", real_name="Ana Lima", name="ana")
    assert first_name(ana.full_name) == "Ana"
    assert first_name(Member(slack_user_id="U1", name="nia.k").full_name) == "nia.k"
    # A deleted member keeps no name: greeted as "there", never by an id.
    assert first_name(Member(slack_user_id="U1").full_name) == "there"


def test_the_add_button_asks_for_a_person_by_first_name() -> None:
    blocks = panel_blocks("Your panel", [(7, "Ana Lima", "in your circle")])
    [button] = blocks[-1]["elements"]
    assert button["text"]["text"] == "Add Ana"
