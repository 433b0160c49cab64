"""A stored pulse reads back as the same figures, through JSON, with quiet members as ids
and no names."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy.orm import Session, sessionmaker

from bot.pulse.compute import compute_pulse
from bot.pulse.snapshot import from_figures, to_figures
from tests.bot.pulse.history import BERLIN, NOW, build


def test_the_figures_survive_json_and_names_are_left_out(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as session:
        people = build(session)
        quiet = tuple(sorted((people["m7"].id, people["m8"].id)))
    with sessions() as session:
        pulse = compute_pulse(session, NOW, BERLIN)
    text = json.dumps(to_figures(pulse))
    assert "Member 7" not in text and "Member 8" not in text
    back = from_figures(json.loads(text))
    assert back is not None
    assert back.weeks == pulse.weeks
    assert back.now.quiet_ids == quiet and back.now.quiet_names == ()
    assert back.now == replace(pulse.now, quiet_names=())


def test_figures_of_another_shape_read_as_none() -> None:
    assert from_figures({"version": 0}) is None
    assert from_figures({"version": 1, "weeks": [{"monday": "2026-11-30"}], "now": {}}) is None
