"""A late joiner: room, a guide senior enough, shared hours, then the best fit."""

from __future__ import annotations

import pytest

from bot.circles.grouping import Candidate
from bot.circles.hours import WorkingDay
from bot.circles.late_joiner import FORM_ADVICE, best_circle_for
from tests.bot.circles.candidates import APM, DIRECTOR, LEAD, PM, SENIOR, VP, peers


def circle(
    cid: int, guide_level: int, *members: Candidate
) -> tuple[int, Candidate, list[Candidate]]:
    return (cid, Candidate(id=900 + cid, level=guide_level, company="GuideCo"), list(members))


def test_a_late_joiner_skips_full_circles() -> None:
    newcomer = Candidate(id=1, level=PM, company="Acme")
    full = circle(1, DIRECTOR, *peers(4, first=10))
    open_ = circle(2, DIRECTOR, *peers(3, first=20))
    assert best_circle_for(newcomer, [full, open_])[0] == 2
    cid, why = best_circle_for(newcomer, [full])
    assert cid is None
    assert why == f"Every circle already has 4 peers. {FORM_ADVICE}"


def test_a_late_joiner_needs_a_guide_two_levels_above() -> None:
    newcomer = Candidate(id=1, level=SENIOR)
    junior = circle(1, LEAD, *peers(3, level=SENIOR, first=10))
    senior = circle(2, DIRECTOR, *peers(3, level=PM, first=20))
    assert best_circle_for(newcomer, [junior, senior])[0] == 2
    assert best_circle_for(newcomer, [junior]) == (
        None,
        f"No circle with room has a guide two levels above Senior PM. {FORM_ADVICE}",
    )


def test_a_late_joiner_avoids_a_circle_with_a_colleague() -> None:
    newcomer = Candidate(id=1, level=PM, company="Acme")
    with_colleague = circle(1, DIRECTOR, Candidate(10, " ACME", PM), *peers(2, first=11))
    without = circle(2, DIRECTOR, *peers(3, first=20))
    cid, why = best_circle_for(newcomer, [with_colleague, without])
    assert cid == 2
    assert "nobody there works at Acme" in why
    cid, why = best_circle_for(newcomer, [with_colleague])
    assert cid == 1
    assert "every circle that fits has someone from Acme" in why


def test_a_late_joiner_goes_where_levels_are_close() -> None:
    newcomer = Candidate(id=1, level=PM)
    apms = circle(1, VP, *peers(3, level=APM, first=10))
    pms = circle(2, VP, *peers(3, level=PM, first=20))
    assert best_circle_for(newcomer, [apms, pms])[0] == 2


def test_a_late_joiner_goes_where_clocks_are_close() -> None:
    newcomer = Candidate(id=1, level=PM, utc_offset=1.0)
    far = circle(1, VP, *peers(3, first=10, utc_offset=-8.0))
    near = circle(2, VP, *peers(3, first=20, utc_offset=0.0))
    assert best_circle_for(newcomer, [far, near])[0] == 2


def test_a_late_joiner_goes_where_interests_are_shared() -> None:
    newcomer = Candidate(id=1, level=PM, interests=frozenset({"growth", "pricing"}))
    other = circle(1, VP, *peers(3, first=10, interests=frozenset({"mobile"})))
    kindred = circle(2, VP, *peers(3, first=20, interests=frozenset({"growth"})))
    assert best_circle_for(newcomer, [other, kindred])[0] == 2


def test_a_late_joiner_is_not_led_by_a_colleague_when_avoidable() -> None:
    newcomer = Candidate(id=1, level=PM, company="Acme")
    led_by_colleague = (1, Candidate(id=901, level=VP, company="Acme"), peers(3, first=10))
    other = (2, Candidate(id=902, level=VP, company="Globex"), peers(3, first=20))
    assert best_circle_for(newcomer, [led_by_colleague, other])[0] == 2


def test_a_late_joiner_without_a_level_or_circles_is_told_why() -> None:
    assert best_circle_for(Candidate(id=1, level=PM), []) == (
        None,
        f"There are no circles yet. {FORM_ADVICE}",
    )
    cid, why = best_circle_for(Candidate(id=1), [circle(1, VP, *peers(3, first=10))])
    assert cid is None
    assert "No level in their profile" in why


def test_a_late_joiner_already_in_a_circle_is_refused() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        best_circle_for(Candidate(id=10, level=PM), [circle(1, VP, *peers(3, first=10))])


def zoned(pid: int, level: int, zone: str, offset: float, company: str = "") -> Candidate:
    return Candidate(pid, company or f"Co{pid}", level, utc_offset=offset, zone_name=zone)


def city_circle(cid: int, zone: str, offset: float, *, colleague: str = "") -> tuple:
    members = [zoned(10 * cid + k, PM, zone, offset) for k in range(3)]
    if colleague:
        members[0] = zoned(10 * cid, PM, zone, offset, company=colleague)
    return (cid, zoned(900 + cid, VP, zone, offset), members)


def test_a_late_joiner_goes_where_they_share_working_hours_even_past_a_colleague() -> None:
    newcomer = zoned(1, PM, "Asia/Tokyo", 9.0, company="Acme")
    london = city_circle(1, "Europe/London", 0.0)
    tokyo = city_circle(2, "Asia/Tokyo", 9.0, colleague="Acme")
    cid, why = best_circle_for(newcomer, [london, tokyo], day=WorkingDay(shared=4.0))
    assert cid == 2
    assert why.endswith("they share working hours, 08:00–20:00 Tokyo.")


def test_a_late_joiner_nobody_shares_hours_with_goes_to_the_nearest_and_is_told() -> None:
    newcomer = zoned(1, PM, "Pacific/Auckland", 13.0)
    paris = city_circle(1, "Europe/Paris", 1.0)
    london = city_circle(2, "Europe/London", 0.0)
    cid, why = best_circle_for(newcomer, [paris, london])
    assert cid == 2
    assert why.startswith(
        "no circle with room shares 2 hours of working time with them, so this circle is the "
        "nearest (it shares only 1 hour, 19:00–20:00 London / 08:00–09:00 Auckland)"
    )
    assert why.endswith(
        "An admin can move them with `/circle move` once a circle nearer their hours forms."
    )
