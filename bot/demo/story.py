"""How the demo tells its story: narration on the demo clock, and what a person saw."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.platform.clock import ManualClock
from bot.platform.dates import day_words, time_words
from bot.sandbox import SlackSandbox
from bot.sandbox.records import ApiError
from bot.slack.transcript import block_lines, readable, view_lines


class Story:
    """Prints the narration on the demo clock, for an admin: plain sentences, names and
    dates. ``verbose`` adds what developers want (ids, seeds, statistics, API calls)."""

    def __init__(self, clock: ManualClock, tz: ZoneInfo, *, verbose: bool = False) -> None:
        self.clock, self.tz, self.verbose = clock, tz, verbose
        self.sandbox: SlackSandbox | None = None  # set once it runs: names for mentions

    def stamp(self, moment: datetime | None = None) -> str:
        """ "Mon 5 Apr 10:00", padded so the narration lines up whatever the day."""
        moment = moment or self.clock.now()
        return f"{day_words(moment, self.tz)} {time_words(moment, self.tz)}".ljust(16)

    def say(self, text: str) -> None:
        print(f"{self.stamp()}  {text}")

    def detail(self, text: str) -> None:
        for line in self.readable(text).splitlines():
            print(f"{'':19}{line}")

    def dev(self, text: str) -> None:
        """A line for developers only (``circlebot demo --verbose``)."""
        if self.verbose:
            self.detail(f"[dev] {text}")

    def readable(self, text: str) -> str:
        """Slack markup as a person reads it: names, not ids; no asterisks."""
        sandbox = self.sandbox
        if sandbox is None:
            return readable(text)

        def person(uid: str) -> str:
            try:
                return sandbox.user(uid).get("real_name") or uid
            except KeyError:
                return uid

        def channel(cid: str) -> str:
            try:
                return sandbox.conversation(cid).get("name") or cid
            except ApiError:  # an unknown id is shown as it is
                return cid

        return readable(text, person, channel)

    def print_seen(
        self, sandbox: SlackSandbox, user_id: str, name: str, *, until: datetime
    ) -> None:
        """Everything one person saw before `until`, as they would read it."""
        user = sandbox.user(user_id)
        print(f"\n── {user.get('real_name') or name} " + "─" * 30)
        seen = [item for item in sandbox.seen_by(user_id) if item.at < until]
        if not seen:
            print("   (nothing)")
        for item in seen:
            if item.kind in ("modal", "home") and item.view:
                lines = view_lines(item.view)
            else:
                lines = block_lines(item.blocks) if item.blocks else item.text.splitlines()
            label = {"message": "DM", "home": "Home tab"}.get(item.kind, item.kind)
            print(f"   {self.stamp(item.at)}  {label}")
            for line in lines[:14]:
                print(f"   {'':18}│ {self.readable(line)}")
            if len(lines) > 14:
                print(f"   {'':18}│ … ({len(lines) - 14} more lines)")
