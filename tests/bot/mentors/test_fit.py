"""The hard rules and the score a mentee's proposals and the admins' match share."""

from __future__ import annotations

from bot.mentors.fit import Knows, Mentor, Seeker, allowed, judge, points, propose, why_none


def seeker(**changes: object) -> Seeker:
    base = dict(
        member_id=1,
        rank=1,
        company="Globex",
        topics=("into_management", "gtm"),
        spike="management",
        utc_offset=0.0,
    )
    return Seeker(**{**base, **changes})  # type: ignore[arg-type]


def mentor(member_id: int, **changes: object) -> Mentor:
    base = dict(
        member_id=member_id,
        rank=3,
        company="Initech",
        topics=(),
        spikes=(),
        utc_offset=0.0,
        room=1,
        level_label="Group / Lead PM",
    )
    return Mentor(**{**base, **changes})  # type: ignore[arg-type]


def test_a_mentor_must_be_two_levels_up_with_room_at_another_company() -> None:
    me = seeker()
    assert allowed(me, mentor(2))
    assert not allowed(me, mentor(2, rank=2))  # one level up
    assert not allowed(me, mentor(2, room=0))
    assert allowed(me, mentor(2, room=0), need_room=False)
    assert not allowed(me, mentor(2, company=" globex "))  # same company, however typed
    assert allowed(me, mentor(2, company=None))  # unknown company is no conflict
    assert not allowed(seeker(exclude={2}), mentor(2))  # asked already
    assert not allowed(seeker(rank=None), mentor(2))


def test_topics_and_spike_outweigh_a_nearby_clock_and_the_reasons_say_why() -> None:
    me = seeker(knows={3: Knows.FRIENDS})
    fitting = mentor(2, topics=("into_management",), spikes=("management",), utc_offset=9.0)
    friendly = mentor(3, utc_offset=0.0)
    best = propose(me, [friendly, fitting])
    assert [f.mentor.member_id for f in best] == [2, 3]
    assert judge(me, fitting).reasons == (
        "Group / Lead PM: two levels up",
        "mentors on moving into management",
        "their roles built management chops, the spike you're building",
        "shares 3 hours of your working day",
    )
    assert "knows you: you became friends in pairings" in judge(me, friendly).reasons


def test_the_closest_level_is_preferred_so_the_most_senior_stay_free() -> None:
    me = seeker()
    assert points(me, mentor(2, rank=3)) - points(me, mentor(3, rank=6)) == 15


def test_at_most_three_proposals_best_first_ties_by_id() -> None:
    fits = propose(seeker(), [mentor(i) for i in (9, 4, 7, 5)])
    assert [f.mentor.member_id for f in fits] == [4, 5, 7]


def test_why_nobody_was_proposed() -> None:
    assert why_none(seeker(), [mentor(2, rank=2)]) == "level"
    assert why_none(seeker(), [mentor(2, room=0)]) == "room"
    assert why_none(seeker(), [mentor(2, company="Globex")]) == "other"
