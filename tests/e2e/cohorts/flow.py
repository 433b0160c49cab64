"""Steps of the admissions flow as a person does them in Slack, for the cohort tests."""

from __future__ import annotations

from typing import Any

from bot.sandbox import Reply, Seen, SlackDriver, SlackSandbox

ANSWERS = {
    "company": "Globex",
    "role": "Senior PM, payments",
    "level": "senior_pm",
    "years": "6",
    "interests": ["growth", "pricing"],
    "wants": "Peers who get it, and a place to think out loud.",
    "note": "",
}


def button_message(sandbox: SlackSandbox, channel: str, action_id: str) -> dict[str, Any]:
    """The latest message in ``channel`` that carries a button with ``action_id``."""
    for message in reversed(sandbox.messages(channel)):
        for block in message.get("blocks") or []:
            if any(e.get("action_id") == action_id for e in block.get("elements") or []):
                return message
    raise AssertionError(f"no message with {action_id!r} in {channel}")


def latest_seen(sandbox: SlackSandbox, user: str, *kinds: str) -> Seen:
    return [s for s in sandbox.seen_by(user) if s.kind in kinds][-1]


def dm_texts(sandbox: SlackSandbox, user: str) -> list[str]:
    return [s.text for s in sandbox.seen_by(user) if s.kind == "message"]


def apply(
    driver: SlackDriver, sandbox: SlackSandbox, user: str, channel: str, **changes: Any
) -> tuple[Reply, dict[str, Any]]:
    """Click Apply on the announcement and send the form; returns the submission's reply."""
    announcement = button_message(sandbox, channel, "cohort_apply")
    driver.click(user, "cohort_apply", message=(channel, announcement["ts"]))
    modal = sandbox.open_modals(user)[-1]
    return driver.submit_view(user, modal["id"], {**ANSWERS, **changes}), modal


def review(driver: SlackDriver, admin: str) -> Seen:
    """Run `/cohort review`; returns the ephemeral page as (channel, ts, blocks)."""
    driver.slash_command(admin, "/cohort", "review")
    page = latest_seen(driver.sandbox, admin, "ephemeral", "response")
    return page


def card_buttons(blocks: list[dict[str, Any]], user: str) -> dict[str, str]:
    """action_id → value of the decision buttons on ``user``'s card in a review page."""
    for i, block in enumerate(blocks):
        if block.get("type") == "section" and f"<@{user}>" in block["text"]["text"]:
            for after in blocks[i + 1 : i + 3]:
                if after.get("type") == "actions":
                    return {e["action_id"]: e.get("value", "") for e in after["elements"]}
    raise AssertionError(f"no card for {user}")
