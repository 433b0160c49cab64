"""Slack's error codes, sorted by what the bot should do about them."""

from __future__ import annotations

# Errors that will not go away by retrying this message: record and move on.
PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "cannot_dm_bot",
        "channel_not_found",
        "invalid_blocks",
        "invalid_arguments",
        "is_archived",
        "messages_tab_disabled",
        "msg_too_long",
        "no_text",
        "not_enough_users",
        "not_in_channel",
        "restricted_action",
        "too_many_users",
        "user_disabled",
        "user_not_found",
        "user_not_visible",
    }
)
# Errors that concern the bot's own installation: stop the batch, keep the messages.
INSTALLATION_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "missing_scope"}
)
