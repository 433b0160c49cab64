"""The demo's tiny-lunch chapter: an admin plans a lunch with an outside guest, members ask
for six seats, the draw seats six and tells the rest why, one seat is given back and the
waitlist fills it, the table gets its brief and calendar file, and a takeaway reaches the
vault and the guest's thank-you."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.demo.story import Story
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.records import Seen
from bot.slack.transcript import block_lines
from jobs.lunches import run_lunches
from storage.models import Member, MemberStatus

SEATS = 6
TAKEAWAY = "Ask what a customer would pay to make the problem go away, then price that."


def _dms(sandbox: SlackSandbox, uid: str, words: str) -> list[Seen]:
    return [s for s in sandbox.seen_by(uid) if s.kind == "message" and words in s.text]


def lunch_chapter(
    story: Story,
    services: Services,
    sandbox: SlackSandbox,
    driver: SlackDriver,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
    admin: str,
    people: dict[str, str],
) -> None:
    tz = services.settings.timezone
    with services.sessions() as session:
        active = set(
            session.scalars(
                select(Member.slack_user_id).where(Member.status == MemberStatus.ACTIVE)
            )
        )
    askers = [uid for uid in people.values() if uid in active and uid != admin][: SEATS + 3]
    channel = sandbox.add_channel("tiny-lunches", members=[admin, *askers])
    now = services.clock.now().astimezone(tz)
    lunch_day = (now + timedelta(days=10)).date()
    close_day = (now + timedelta(days=3)).date()

    story.say("Ana plans a tiny lunch in #tiny-lunches with `/lunch new`: an outside guest.")
    driver.slash_command(admin, "/lunch", "new", channel_id=channel)
    form = sandbox.open_modals(admin)[-1]
    driver.submit_view(
        admin,
        form["id"],
        {
            "guest_name": "Priya Nair",
            "guest_title": "VP Product",
            "guest_company": "Lumen",
            "guest_bio": "Took Lumen from one PM to forty.\nStill writes her own PRDs.",
            "date": lunch_day.isoformat(),
            "time": "12:30",
            "place": "The Ivy Café, Marylebone",
            "seats": str(SEATS),
            "tags": ["pricing", "leadership"],
            "close_date": close_day.isoformat(),
            "close_time": "17:00",
        },
    )
    dispatcher.drain()
    [post] = sandbox.messages(channel)[-1:]
    story.detail(post["text"])

    story.say(f"{len(askers)} members ask for {SEATS} seats, each with a question for Priya.")
    for n, uid in enumerate(askers):
        driver.click(uid, "lunch_ask", message=(channel, post["ts"]))
        modal = sandbox.open_modals(uid)[-1]
        driver.submit_view(
            uid, modal["id"], {"question": f"Question {n + 1}: when to hire PM two?"}
        )

    clock.set(
        now.replace(
            year=close_day.year, month=close_day.month, day=close_day.day, hour=17, minute=0
        )
    )
    story.say("Sign-up closes; the lunch job draws the seats, once.")
    run_lunches(services)
    dispatcher.drain()
    seated = [u for u in askers if _dms(sandbox, u, "You have a seat")]
    waiting = [u for u in askers if _dms(sandbox, u, "Not this time")]
    story.detail(f"{len(seated)} seated, {len(waiting)} on the waitlist. One of the waiting read:")
    if waiting:
        story.detail(_dms(sandbox, waiting[0], "Not this time")[0].text)

    if seated:
        leaver = seated[0]
        story.say(f"{sandbox.user(leaver)['real_name']} can't make it after all.")
        [offer] = _dms(sandbox, leaver, "You have a seat")
        driver.click(leaver, "lunch_decline", message=offer.message)
        dispatcher.drain()
        table = seated[1:] + [u for u in waiting if _dms(sandbox, u, "A seat came free")]
        for uid in table:
            seat = [s for s in sandbox.seen_by(uid) if s.kind == "message" and "seat" in s.text]
            driver.click(uid, "lunch_confirm", message=seat[-1].message)
        story.detail(f"the waitlist filled the seat; {len(table)} confirmed")

    starts = (
        services.clock.now()
        .astimezone(tz)
        .replace(year=lunch_day.year, month=lunch_day.month, day=lunch_day.day, hour=12, minute=30)
    )
    clock.set(starts - timedelta(hours=48))
    story.say("Two days before: the table's group DM, and the lunch as a calendar file.")
    run_lunches(services)
    dispatcher.drain()
    if seated:
        brief = [s for s in sandbox.seen_by(table[0]) if s.kind == "message" and s.blocks]
        for line in block_lines(brief[-1].blocks or [])[:14]:
            story.detail(line)

    clock.set(starts + timedelta(hours=3))
    story.say("After lunch, each of the table is asked for one takeaway.")
    run_lunches(services)
    dispatcher.drain()
    if seated:
        author = table[0]
        [ask] = _dms(sandbox, author, "how was lunch")
        driver.click(author, "lunch_takeaway", message=ask.message)
        modal = sandbox.open_modals(author)[-1]
        reply = driver.submit_view(
            author, modal["id"], {"takeaway": TAKEAWAY, "share": ["guest", "vault"]}
        )
        story.detail(str(reply.json["view"]["blocks"][0]["text"]["text"]))

    clock.set(starts + timedelta(hours=49))
    run_lunches(services)
    dispatcher.drain()
    story.say("Priya isn't in the workspace, so Ana gets the thank-you to pass on.")
    thanks = _dms(sandbox, admin, "thank-you")
    if thanks:
        for line in block_lines(thanks[-1].blocks or []):
            story.detail(line)
