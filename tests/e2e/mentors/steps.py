"""The people of the mentoring stories, and what they type and click.

Ana (PM at Globex, London) looks for a mentor; Ben (Director at Initech, Berlin) and Cara
(Group PM at Hooli, New York) offer to mentor; Dan is a Director at Ana's own company.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.members.profiles import ProfileUpdate
from bot.members.sync import apply_slack_user, save_profile
from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox

GOAL = "Lead a team of three PMs by next summer"
PEOPLE = {
    # name: real name, zone, company, level
    "ana": ("Ana Okafor", "Europe/London", "Globex", "pm"),
    "ben": ("Ben Ito", "Europe/Berlin", "Initech", "director"),
    "cara": ("Cara Diaz", "America/New_York", "Hooli", "lead_pm"),
    "dan": ("Dan Roe", "Europe/London", "Globex", "director"),
    "fay": ("Fay Lund", "Europe/Paris", "Umbrella", "pm"),
    "vic": ("Vic Stone", "Europe/London", "Stark", "director"),
}


@pytest.fixture
def people(
    sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> dict[str, str]:
    ids = {}
    with sessions.begin() as s:
        for name, (real, tz, company, level) in PEOPLE.items():
            user = sandbox.add_user(name, real_name=real, tz=tz)
            apply_slack_user(s, user, now=clock.now())
            update = ProfileUpdate(company, level, ("leadership",), (), None, None)
            save_profile(s, user["id"], update, now=clock.now())
            ids[name] = user["id"]
    return ids


def offer(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    uid: str,
    capacity: str,
    topics: list[str],
    spikes: list[str] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """`/mentor offer` and the form, as a mentor fills it in; returns what the modal shows."""
    driver.slash_command(uid, "/mentor", "offer")
    modal = sandbox.open_modals(uid)[-1]
    driver.submit_view(
        uid, modal["id"], {"capacity": capacity, "topics": topics, "spikes": list(spikes)}
    )
    return sandbox.view(modal["id"])


def find(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    uid: str,
    *,
    goal: str = GOAL,
    phase: str = "next_level",
    spike: str = "management",
    topics: list[str] = ["into_management"],  # noqa: B006  (read only)
) -> dict[str, Any]:
    """`/mentor find` and the form; returns the modal the answer shows (the proposals)."""
    driver.slash_command(uid, "/mentor", "find")
    modal = sandbox.open_modals(uid)[-1]
    driver.submit_view(
        uid, modal["id"], {"goal": goal, "phase": phase, "spike": spike, "topics": topics}
    )
    return sandbox.view(modal["id"])


def view_text(view: dict[str, Any]) -> str:
    return str(view.get("blocks"))


def ask_button(view: dict[str, Any], first_name: str) -> str:
    """The action_id of the "Ask <name>" button in the proposals."""
    for block in view["blocks"]:
        accessory = block.get("accessory") or {}
        if accessory.get("text", {}).get("text") == f"Ask {first_name}":
            return accessory["action_id"]
    raise AssertionError(f"no Ask {first_name} button in {view_text(view)}")


def last_dm(sandbox: SlackSandbox, uid: str, words: str) -> Any:
    found = [s for s in sandbox.seen_by(uid) if s.kind == "message" and words in s.text]
    assert found, f"{uid} saw no message with {words!r}"
    return found[-1]


def paired(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: Any,
    mentee: str,
    mentor: str,
    mentor_first: str,
    day: int = 15,
) -> str:
    """Mentee finds and asks, mentor accepts, the mentee picks the monthly ``day``;
    returns their group DM."""
    view = find(driver, sandbox, mentee)
    driver.click(mentee, ask_button(view, mentor_first), view_id=view["id"])
    dispatcher.drain()
    ask = last_dm(sandbox, mentor, "would like you as their mentor")
    driver.click(mentor, "mentor_accept", message=(ask.channel, ask.ts))
    dispatcher.drain()
    group = sandbox.dm_channel(mentee, mentor)
    assert group is not None
    welcome = next(m for m in sandbox.messages(group) if "mentorship starts" in m["text"])
    option = welcome["blocks"][-1]["elements"][0]["options"][day - 1]["value"]
    driver.click(
        mentee, "mentor_session_day", message=(group, welcome["ts"]), selected_option=option
    )
    dispatcher.drain()
    return group


def ana_mentored_by_ben(
    people: dict[str, str], driver: SlackDriver, sandbox: SlackSandbox, dispatcher: Any
) -> tuple[str, str]:
    """Ben offers two places in management; Ana finds, asks and is paired with him (the
    15th). Returns their user ids."""
    ana, ben = people["ana"], people["ben"]
    offer(driver, sandbox, ben, "2", ["into_management"], ["management"])
    paired(driver, sandbox, dispatcher, ana, ben, "Ben")
    return ana, ben
