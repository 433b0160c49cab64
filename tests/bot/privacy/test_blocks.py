"""The delete-my-data confirmation's exact Block Kit."""

from __future__ import annotations

from bot.privacy.blocks import delete_modal


def test_the_delete_modal_says_what_goes_and_offers_to_keep_vault_entries() -> None:
    assert delete_modal() == {
        "type": "modal",
        "callback_id": "profile_delete",
        "title": {"type": "plain_text", "text": "Delete my data", "emoji": True},
        "submit": {"type": "plain_text", "text": "Delete everything", "emoji": True},
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*This deletes, at once and for good:* your profile, your check-in "
                    'answers, your "did you meet?" answers, your votes, your don\'t-pair list, '
                    "your applications and your friendships. You leave the weekly intros and "
                    "your circle (it is told only that you left). Other members' history keeps "
                    "that they met *someone*, without your name.\n"
                    "Messages already in Slack stay in Slack. `/profile export` first if you "
                    "want a copy.",
                },
            },
            {
                "type": "input",
                "block_id": "vault",
                "optional": True,
                "label": {"type": "plain_text", "text": "Your vault entries", "emoji": True},
                "element": {
                    "type": "checkboxes",
                    "action_id": "vault",
                    "options": [
                        {
                            "text": {
                                "type": "plain_text",
                                "text": 'Keep them, attributed to "a former member"',
                                "emoji": True,
                            },
                            "value": "keep",
                        }
                    ],
                },
            },
        ],
    }
