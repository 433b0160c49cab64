"""A submitted form names the record it was opened for; a stale or forged one is refused
with a sentence, never a crash."""

from __future__ import annotations

import pytest

from bot.platform.refused import Refused
from handlers.common.form_values import BAD_FORM, form_number


def test_the_form_names_the_record_it_was_opened_for() -> None:
    assert form_number({"private_metadata": "42"}) == 42


@pytest.mark.parametrize("metadata", [None, "", "forty-two", "4.2"])
def test_a_form_without_a_number_is_refused_with_what_to_do(metadata: str | None) -> None:
    with pytest.raises(Refused) as refused:
        form_number({"private_metadata": metadata})
    assert str(refused.value) == BAD_FORM
    assert "open it again" in BAD_FORM


def test_a_domain_may_word_its_own_refusal() -> None:
    with pytest.raises(Refused) as refused:
        form_number({}, "That form didn't make sense to me.")
    assert str(refused.value) == "That form didn't make sense to me."
