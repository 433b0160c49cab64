"""`/profile` sub-commands."""

from __future__ import annotations

from bot.members.profile_blocks import profile_card
from bot.members.sync import get_member
from handlers.common.command_call import CommandCall
from handlers.common.screens import open_profile_modal


def profile_edit(call: CommandCall) -> None:
    # process_before_response: the ack is sent when this returns, so the modal can be
    # opened first and a refusal from Slack can still be the command's answer.
    trouble = open_profile_modal(call.client, call.services, call.user_id, call.trigger_id)
    call.reply(trouble) if trouble else call.ack()


def profile_show(call: CommandCall) -> None:
    with call.services.sessions() as session:
        member = get_member(session, call.user_id)
    if member is None:
        call.reply("I don't know you yet. Type `/profile` to write your profile.")
        return
    call.reply(f"{member.display_name}'s profile", blocks=profile_card(member))


ROUTES = {
    ("/profile", "edit"): profile_edit,
    ("/profile", "show"): profile_show,
}
