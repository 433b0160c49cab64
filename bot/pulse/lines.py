"""The pulse in words: the five lines that matter most this week, each with its change
from last week, and the longer report. Pure: figures in, sentences out.

A rate withheld by the small-number rule shows "—"; a rate with nothing behind it says so
("no intros were answered") instead of showing 0% as if it were measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from bot.platform.periods import week_words
from bot.pulse.extras import EXTRAS
from bot.pulse.figures import MIN_ANSWERS, Pulse, Rate, Week
from bot.slack.words import and_list, plural

DASH = "—"
MAX_LISTED = 10


def week_label(week: Week) -> str:
    """ "week of 30 Nov" """
    year, number, _ = week.monday.isocalendar()
    return week_words(f"{year}-W{number:02d}")


def percent(rate: Rate) -> str:
    return DASH if rate.value is None else f"{round(rate.value * 100)}%"


def points_change(now: Rate, before: Rate) -> str:
    """ "up 4 points on the week before", "same as the week before", or nothing to compare."""
    if now.value is None:
        return ""
    if before.value is None:
        return "no figure for the week before"
    diff = round(now.value * 100) - round(before.value * 100)
    if diff == 0:
        return "same as the week before"
    return f"{'up' if diff > 0 else 'down'} {plural(abs(diff), 'point')} on the week before"


def count_change(now: int, before: int) -> str:
    diff = now - before
    if diff == 0:
        return "same as the week before"
    return f"{abs(diff)} {'more' if diff > 0 else 'fewer'} than the week before"


def _rate_line(label: str, rate: Rate, before: Rate, of: str, nothing: str) -> tuple[str, str]:
    """(label, rest): the rate and what it stands on, or why there is none."""
    if rate.base == 0:
        return label, nothing
    if rate.value is None:
        return label, f"{DASH} (fewer than {MIN_ANSWERS} {of})"
    change = points_change(rate, before)
    return label, f"{percent(rate)} of {plural(rate.base, of.rstrip('s'), of)} ({change})"


def five_lines(pulse: Pulse) -> list[tuple[str, str]]:
    """The five lines, as (label, figure) pairs: friends, friendships, met rate,
    check-ins, active members."""
    week, before = pulse.this_week, pulse.last_week
    friend = week.friend_share
    if week.members == 0:
        friends = ("Members with a friend here", "nobody is in the community yet")
    elif friend.value is None:
        friends = ("Members with a friend here", f"{DASH} (fewer than {MIN_ANSWERS} members)")
    else:
        friends = (
            "Members with a friend here",
            f"{percent(friend)} of {plural(week.members, 'member')} "
            f"({points_change(friend, before.friend_share)})",
        )
    formed = (
        "Friendships formed",
        f"{week.friendships_formed} that week, {week.friendships_total} in all "
        f"({count_change(week.friendships_formed, before.friendships_formed)})",
    )
    met = _rate_line(
        "Intros that met",
        week.met_rate,
        before.met_rate,
        "answered intros",
        "none of its intros were answered" if week.intros else "no intros went out",
    )
    checkins = _rate_line(
        "Check-ins answered",
        week.checkin_rate,
        before.checkin_rate,
        "check-ins",
        "no check-ins were asked for",
    )
    active = (
        "Active members (did anything in 4 weeks)",
        f"{week.active} ({count_change(week.active, before.active)})",
    )
    return [friends, formed, met, checkins, active]


def headline(pulse: Pulse) -> str:
    return f"Community pulse for the {week_label(pulse.this_week)}"


def empty_week(pulse: Pulse) -> str | None:
    """The sentence for a week in which nothing was recorded, else None."""
    if not pulse.this_week.is_empty:
        return None
    return (
        f"Nothing was recorded in the {week_label(pulse.this_week)}: no intros, check-ins, "
        "vault activity, applications or new friendships. The figures start again when "
        "members do."
    )


def plain_text(pulse: Pulse) -> str:
    """The notification text: plain words, no markup, no mentions."""
    empty = empty_week(pulse)
    if empty:
        return f"{headline(pulse)}. {empty}"
    first = five_lines(pulse)[0]
    return f"{headline(pulse)}. {first[0]}: {first[1]}."


def _runs(mondays: Sequence[date]) -> list[list[date]]:
    """Consecutive weeks grouped: [[14 Sep, 21 Sep], [9 Nov]]."""
    runs: list[list[date]] = []
    for monday in mondays:
        if runs and monday - runs[-1][-1] == timedelta(weeks=1):
            runs[-1].append(monday)
        else:
            runs.append([monday])
    return runs


def weeks_words(mondays: Sequence[date]) -> str:
    """ "the week of 9 Nov", "the weeks of 14 Sep to 2 Nov and the week of 16 Nov" """
    parts = [
        f"the week of {run[0].day} {run[0]:%b}"
        if len(run) == 1
        else f"the weeks of {run[0].day} {run[0]:%b} to {run[-1].day} {run[-1]:%b}"
        for run in _runs(mondays)
    ]
    return and_list(parts)


def unstored_paused(pulse: Pulse) -> str | None:
    """The weeks with no paused count, in words: paused members are only known as of the
    moment a week's pulse was stored, so other weeks stay blank rather than guessed."""
    if not pulse.paused:
        return None
    missing = [w.monday for w, n in zip(pulse.weeks, pulse.paused, strict=True) if n is None]
    return weeks_words(missing) if missing else None


def listed(items: Sequence[str], limit: int = MAX_LISTED) -> str:
    """A list that never cuts without saying how many more."""
    shown = ", ".join(items[:limit])
    more = len(items) - limit
    return f"{shown} … and {more} more" if more > 0 else shown


def _mood(rate: Rate) -> str:
    if rate.base == 0:
        return "nobody shared a mood"
    if rate.value is None:
        return f"{DASH} (fewer than {MIN_ANSWERS} shared moods)"
    return f"{rate.value:.1f} of 5 over {plural(rate.base, 'shared mood')}"


def report(pulse: Pulse) -> list[tuple[str, list[str]]]:
    """The longer report: (topic, lines) per topic. Counts and rates only; the only names
    are the quiet members', which admins already see."""
    w, now = pulse.this_week, pulse.now
    members = [
        f"{w.active} active, {w.new} new, {now.paused} paused, {w.left} left",
        (
            f"{len(now.quiet_names)} gone quiet (3 intros or check-ins in a row "
            f"unanswered): {listed(now.quiet_names)}"
            if now.quiet_names
            else "nobody has gone quiet"
        ),
    ]
    unstored = unstored_paused(pulse)
    if unstored:
        members.append(f"paused is counted when a week's pulse is stored: no count for {unstored}")
    pairings = [
        f"{plural(w.intros, 'intro')} sent, {w.intros_answered} answered",
        f"met rate {percent(w.met_rate)}, meet-again rate {percent(w.meet_again_rate)}",
    ]
    median = DASH if now.median_friends is None else f"{now.median_friends:g}"
    friendship = [
        f"{w.friendships_formed} formed that week, {w.friendships_total} in all",
        f"with a friend {percent(w.friend_share)}, "
        f"with two or more {percent(w.two_friends_share)}, "
        f"median friends per member {median}",
    ]
    for cohort in now.cohorts:
        median_c = DASH if cohort.median_friends is None else f"{cohort.median_friends:g}"
        friendship.append(
            f"{cohort.name}: with a friend {percent(cohort.friend_share)}, with two "
            f"{percent(cohort.two_friends_share)}, median {median_c} "
            f"({plural(cohort.members, 'member')})"
        )
    circles = [
        f"check-in rate {percent(w.checkin_rate)}, {plural(w.rough_weeks, 'rough week')} flagged, "
        f"{plural(now.circles_quiet_two_weeks, 'circle')} quiet two weeks running",
        f"mood: {_mood(w.mood)}",
    ]
    if now.circles:
        circles.append(listed([f"{c.name} {c.answered} of {c.asked}" for c in now.circles]))
    vault = [
        f"{plural(w.vault_added, 'entry', 'entries')} added, "
        f"{plural(w.searches, 'search', 'searches')}, "
        f"{w.searches_empty} found nothing",
    ]
    if now.missing_words:
        vault.append(
            "looked for and not found (12 weeks): "
            + listed([f"{word} ({n})" for word, n in now.missing_words])
        )
    cohorts = [
        f"{plural(w.applications, 'application')}, {w.admitted} admitted, "
        f"{w.waitlisted} waitlisted, {plural(w.cohorts_started, 'cohort')} started"
    ]
    extras = ", ".join(
        f"{plural(w.extra[name], noun)} {words}"
        for name, (noun, words) in EXTRAS.items()
        if name in w.extra
    )
    totals = now.totals
    all_time = [
        f"{plural(totals.get('members', 0), 'member')} today, "
        f"{plural(totals.get('intros', 0), 'intro')}, "
        f"{plural(totals.get('friendships', 0), 'friendship')}, "
        f"{plural(totals.get('vault_entries', 0), 'vault entry', 'vault entries')}, "
        f"{plural(totals.get('searches', 0), 'search', 'searches')} "
        f"({totals.get('searches_empty', 0)} found nothing)"
    ]
    return [
        ("Members", members),
        ("Intros", pairings),
        ("Friendship", friendship),
        ("Circles", circles),
        ("Vault", vault),
        ("Cohorts", cohorts),
        *([("Lunches and mentors", [extras])] if extras else []),
        ("All time", all_time),
    ]
