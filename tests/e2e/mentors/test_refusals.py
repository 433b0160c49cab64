"""What a member can get wrong, or run into, and the clear private answer each gets: a
capacity out of range, a level gap nobody can meet, a mentor who filled up, and a mentor's
"not now", which the mentee never hears as a no."""

from __future__ import annotations

from bot.outbox.dispatcher import OutboxDispatcher
from bot.sandbox import SlackDriver, SlackSandbox
from tests.e2e.mentors.steps import ask_button, find, last_dm, offer, view_text


def test_capacity_nine_is_refused_with_what_to_type(
    people: dict[str, str], driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    ben = people["ben"]
    offer(driver, sandbox, ben, "2", ["gtm"])
    reply = driver.slash_command(ben, "/mentor", "offer capacity=9")
    assert reply.json["response_type"] == "ephemeral"
    assert "0 to 3 mentees" in reply.json["text"]
    assert "`/mentor offer capacity=2`" in reply.json["text"]
    assert "1 free" not in reply.json["text"]
    reply = driver.slash_command(ben, "/mentor", "offer capacity=1")
    assert "You offer to mentor 1 mentee (1 free now)" in reply.json["text"]


def test_a_director_is_told_nobody_can_be_two_levels_above(
    people: dict[str, str], driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    reply = driver.slash_command(people["vic"], "/mentor", "find")
    assert reply.json["response_type"] == "ephemeral"
    assert "nobody can be two levels above Director of Product" in reply.json["text"]
    assert "`/mentor offer`" in reply.json["text"]
    assert sandbox.open_modals(people["vic"]) == []


def test_with_nobody_two_levels_up_yet_the_request_is_kept(
    people: dict[str, str], driver: SlackDriver, sandbox: SlackSandbox
) -> None:
    """Cara (Group PM) needs a Director or above; only Fay, a PM, offers to mentor."""
    offer(driver, sandbox, people["fay"], "2", ["gtm"])
    shown = view_text(find(driver, sandbox, people["cara"]))
    assert "Nobody here is two levels above you yet" in shown
    assert "an admin's next match will include it" in shown


def test_asking_a_mentor_who_just_filled_up_shows_the_others(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, fay, ben = people["ana"], people["fay"], people["ben"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    offer(driver, sandbox, people["vic"], "1", ["into_management"])
    fay_view = find(driver, sandbox, fay)
    ana_view = find(driver, sandbox, ana)
    driver.click(ana, ask_button(ana_view, "Ben"), view_id=ana_view["id"])

    driver.click(fay, ask_button(fay_view, "Ben"), view_id=fay_view["id"])
    redrawn = view_text(sandbox.view(fay_view["id"]))
    assert "Ben Ito just filled up, so I haven't asked them" in redrawn
    assert "Ask Ben" not in redrawn and "Ask Vic" in redrawn
    dispatcher.drain()
    assert not [s for s in sandbox.seen_by(ben) if "Fay Lund" in s.text]


def test_not_now_offers_the_mentee_the_next_mentor_and_never_says_no(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben, vic = people["ana"], people["ben"], people["vic"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    offer(driver, sandbox, vic, "1", ["gtm"])
    view = find(driver, sandbox, ana)
    driver.click(ana, ask_button(view, "Ben"), view_id=view["id"])
    dispatcher.drain()
    ask = last_dm(sandbox, ben, "would like you as their mentor")
    driver.click(ben, "mentor_decline", message=(ask.channel, ask.ts))
    dispatcher.drain()

    assert "isn't told" in str(sandbox.seen_by(ben)[-1].text)
    following = last_dm(sandbox, ana, "Another mentor who fits your goal: Vic Stone")
    said = " ".join(s.text + str(s.blocks) for s in sandbox.seen_by(ana)).lower()
    for word in ("declin", "not now", "rejected", "said no", "can't take"):
        assert word not in said
    ask_vic = ask_button({"blocks": following.blocks}, "Vic")
    driver.click(ana, ask_vic, message=(following.channel, following.ts))
    dispatcher.drain()
    assert last_dm(sandbox, vic, "Ana Okafor would like you as their mentor")


def test_asking_from_a_dm_a_mentor_who_just_filled_up_swaps_in_the_others(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
) -> None:
    """Fay's next proposal (Vic) arrives in her DM; Ana takes Vic's only place first. Fay's
    click replaces the stale suggestion with who fits now, and Vic never hears of her."""
    ana, fay, ben, vic = people["ana"], people["fay"], people["ben"], people["vic"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    offer(driver, sandbox, vic, "1", ["gtm"])
    fay_view = find(driver, sandbox, fay)
    driver.click(fay, ask_button(fay_view, "Ben"), view_id=fay_view["id"])
    dispatcher.drain()
    ask = last_dm(sandbox, ben, "would like you as their mentor")
    driver.click(ben, "mentor_decline", message=(ask.channel, ask.ts))
    dispatcher.drain()
    following = last_dm(sandbox, fay, "Another mentor who fits your goal: Vic Stone")

    ana_view = find(driver, sandbox, ana)
    driver.click(ana, ask_button(ana_view, "Vic"), view_id=ana_view["id"])
    offer(driver, sandbox, people["dan"], "1", ["into_management"])
    ask_vic = ask_button({"blocks": following.blocks}, "Vic")
    driver.click(fay, ask_vic, message=(following.channel, following.ts))
    dispatcher.drain()

    [now_shown] = [m for m in sandbox.messages(following.channel) if m["ts"] == following.ts]
    assert now_shown["text"].startswith("Vic Stone just filled up, so I haven't asked them.")
    assert "Others who fit your goal: Dan Roe." in now_shown["text"]
    assert "Ask Dan" in str(now_shown["blocks"]) and "Ask Vic" not in str(now_shown["blocks"])
    assert not [s for s in sandbox.seen_by(vic) if "Fay Lund" in s.text]


def test_a_mentor_who_lowered_their_capacity_is_told_how_to_say_yes(
    people: dict[str, str],
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
) -> None:
    ana, ben = people["ana"], people["ben"]
    offer(driver, sandbox, ben, "1", ["into_management"], ["management"])
    view = find(driver, sandbox, ana)
    driver.click(ana, ask_button(view, "Ben"), view_id=view["id"])
    dispatcher.drain()
    ask = last_dm(sandbox, ben, "would like you as their mentor")
    driver.slash_command(ben, "/mentor", "offer capacity=0")

    driver.click(ben, "mentor_accept", message=(ask.channel, ask.ts))
    said = sandbox.seen_by(ben)[-1]
    assert "no free place left (your offer is for 0 mentees)" in said.text
    assert "`/mentor offer capacity=1` and press Accept again" in said.text
    assert sandbox.dm_channel(ana, ben) is None

    driver.slash_command(ben, "/mentor", "offer capacity=1")
    driver.click(ben, "mentor_accept", message=(ask.channel, ask.ts))
    dispatcher.drain()
    assert sandbox.dm_channel(ana, ben) is not None
