"""The delete-my-data confirmation and its answer: pure builders and the form reader."""

from __future__ import annotations

from typing import Any

from bot.slack.blocks import modal, plain, section

DELETE_VIEW = "profile_delete"
KEEP_VAULT = "keep"

WHAT_GOES = (
    "*This deletes, at once and for good:* your profile, your check-in answers, your "
    '"did you meet?" answers, your votes, your don\'t-pair list, your applications and your '
    "friendships. You leave the weekly intros and your circle (it is told only that you "
    "left). Other members' history keeps that they met *someone*, without your name.\n"
    "Messages already in Slack stay in Slack. `/profile export` first if you want a copy."
)


def delete_modal() -> dict[str, Any]:
    """Says exactly what will happen; the vault entries are the one choice."""
    return modal(
        "Delete my data",
        [
            section(WHAT_GOES),
            {
                "type": "input",
                "block_id": "vault",
                "optional": True,
                "label": plain("Your vault entries", 2000),
                "element": {
                    "type": "checkboxes",
                    "action_id": "vault",
                    "options": [
                        {
                            "text": plain('Keep them, attributed to "a former member"', 75),
                            "value": KEEP_VAULT,
                        }
                    ],
                },
            },
        ],
        submit="Delete everything",
        callback_id=DELETE_VIEW,
    )


def keeps_vault(values: dict[str, Any]) -> bool:
    """Whether the member ticked "keep my vault entries" in the submitted form."""
    ticked = ((values.get("vault") or {}).get("vault") or {}).get("selected_options") or []
    return any(option.get("value") == KEEP_VAULT for option in ticked)


def deleted_view(channel_left_behind: str | None) -> dict[str, Any]:
    """The modal's last screen; names the circle channel if Slack would not remove them."""
    text = "Your data is deleted. Thank you for being part of Product Circle."
    if channel_left_behind:
        text += (
            f"\nI couldn't take you out of <#{channel_left_behind}>: leave it from the "
            "channel's menu so you stop seeing your old circle's messages."
        )
    return modal("Deleted", [section(text)], close="Close")
