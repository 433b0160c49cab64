"""How the demo tells its story: narration on the demo clock, and what a person saw."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox
from bot.slack.transcript import block_lines, view_lines


class Story:
    """Prints the narration on the demo clock."""

    def __init__(self, clock: ManualClock, tz: ZoneInfo) -> None:
        self.clock, self.tz = clock, tz

    def stamp(self, moment: datetime | None = None) -> str:
        return (moment or self.clock.now()).astimezone(self.tz).strftime("%a %d %b %H:%M")

    def say(self, text: str) -> None:
        print(f"{self.stamp()}  {text}")

    def detail(self, text: str) -> None:
        for line in text.splitlines():
            print(f"{'':19}{line}")

    def print_seen(
        self, sandbox: SlackSandbox, user_id: str, name: str, *, until: datetime
    ) -> None:
        """Everything one person saw before `until`, as they would read it."""
        user = sandbox.user(user_id)
        print(f"\n── {user.get('real_name') or name} ({user_id}) " + "─" * 30)
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
                print(f"   {'':18}│ {line}")
            if len(lines) > 14:
                print(f"   {'':18}│ … ({len(lines) - 14} more lines)")
