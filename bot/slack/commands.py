"""The slash-command surface: sub-commands, usage texts, and what is not open yet.

Pure text in, text out, so that help and error wording is tested without Slack and the
manifest test can compare the commands listed here with the ones the app registers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subcommand:
    name: str
    args: str
    summary: str
    admin: bool = False


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    usage_hint: str
    subcommands: tuple[Subcommand, ...]
    default: str | None = None  # sub-command run when the text is empty; None → help

    def find(self, name: str) -> Subcommand | None:
        return next((s for s in self.subcommands if s.name == name), None)


COMMANDS: dict[str, Command] = {
    "/profile": Command(
        name="/profile",
        description="Edit or show your Product Circle profile",
        usage_hint="[show | privacy | export | delete | help]",
        default="edit",
        subcommands=(
            Subcommand("edit", "", "open your profile editor"),
            Subcommand("show", "", "show your profile, only to you"),
            Subcommand("privacy", "", "what the bot keeps about you and who sees it"),
            Subcommand("export", "", "everything the bot holds about you, as a file in your DM"),
            Subcommand("delete", "", "delete your data (asks first)"),
        ),
    ),
    "/pairing": Command(
        name="/pairing",
        description="Your weekly 1:1 intros: pause, skip, history",
        usage_hint="[pause 3w | resume | skip | history | help]",
        subcommands=(
            Subcommand("pause", "<n>w", "pause your weekly intros for n weeks"),
            Subcommand("resume", "", "start getting intros again"),
            Subcommand("skip", "", "skip this week's intro only"),
            Subcommand("history", "", "who you have met, and when"),
            Subcommand("preview", "", "preview next round's pairs (admins)", admin=True),
            Subcommand("run", "", "run this week's round now (admins)", admin=True),
        ),
    ),
    "/circle": Command(
        name="/circle",
        description="Your peer circle: weekly check-in, status, skip",
        usage_hint="[checkin | status | skip | help]",
        subcommands=(
            Subcommand("checkin", "", "answer this week's check-in"),
            Subcommand("status", "", "your circle and this week's answers so far"),
            Subcommand("skip", "", "skip this week's check-in"),
            Subcommand(
                "form", "[seed]", "propose circles for members without one (admins)", admin=True
            ),
            Subcommand(
                "move", "@person <circle>", "move a member to another circle (admins)", admin=True
            ),
            Subcommand(
                "add", "@person", "place a late joiner where they fit best (admins)", admin=True
            ),
            Subcommand(
                "guide", "@person [off]", "mark who may guide a circle (admins)", admin=True
            ),
            Subcommand(
                "rates",
                "",
                "how each circle's check-ins are going, quiet ones first (admins)",
                admin=True,
            ),
        ),
    ),
    "/vault": Command(
        name="/vault",
        description="Search and add to the community's templates and playbooks",
        usage_hint="[search <words> | add | top | mine | tags | help]",
        subcommands=(
            Subcommand("search", "<words>", "find templates and playbooks, e.g. `gtm`"),
            Subcommand("add", "[<url> <title> #tags]", "add a template or playbook"),
            Subcommand("top", "", "the most useful entries"),
            Subcommand("mine", "", "what you have added"),
            Subcommand("tags", "", "the tags in use"),
        ),
    ),
    "/cohort": Command(
        name="/cohort",
        description="Admissions: open a cohort, review applications (admins)",
        usage_hint="[open <name> | close | status | list | review | help]",
        subcommands=(
            Subcommand(
                "open", "<name> [spots=20] [closes=YYYY-MM-DD]", "open a cohort", admin=True
            ),
            Subcommand("close", "", "stop applications and start the cohort", admin=True),
            Subcommand("status", "", "applications by state and spots left", admin=True),
            Subcommand("list", "", "all cohorts with counts"),
            Subcommand("review", "", "review pending applications", admin=True),
            Subcommand(
                "member", "export|delete @person", "a member's data, on their request", admin=True
            ),
        ),
    ),
    "/lunch": Command(
        name="/lunch",
        description="Tiny lunches: five or six members and a product leader",
        usage_hint="[leave <id> | new | list | cancel <id> | seat <id> | help]",
        default="upcoming",
        subcommands=(
            Subcommand("upcoming", "", "upcoming tiny lunches and your seat"),
            Subcommand("leave", "<id>", "give your seat back"),
            Subcommand("new", "", "plan a tiny lunch (admins)", admin=True),
            Subcommand("list", "", "upcoming lunches with seats and sign-ups (admins)", admin=True),
            Subcommand("cancel", "<id>", "cancel a lunch; the table is told (admins)", admin=True),
            Subcommand("seat", "<id>", "draw the seats now (admins)", admin=True),
        ),
    ),
    "/mentor": Command(
        name="/mentor",
        description="Mentors two levels up: find one, offer to be one, your panel",
        usage_hint="[find | panel | offer | end | match | status | help]",
        subcommands=(
            Subcommand("find", "", "find a mentor for your next 6–18 months"),
            Subcommand(
                "panel", "[add|remove @person]", "your mentor and the advisers you have marked"
            ),
            Subcommand("offer", "", "offer to mentor: capacity, topics, spikes"),
            Subcommand("end", "[@person]", "end your current mentorship, kindly"),
            Subcommand(
                "match", "[cohort]", "match open requests, preview first (admins)", admin=True
            ),
            Subcommand("status", "", "mentoring in numbers (admins)", admin=True),
        ),
    ),
    "/pulse": Command(
        name="/pulse",
        description="Are friendships forming? The community's week in numbers (admins)",
        usage_hint="[csv | help]",
        default="show",
        subcommands=(
            Subcommand("show", "", "this week's five lines and the chart (admins)", admin=True),
            Subcommand("csv", "", "the weekly figures as a CSV file (admins)", admin=True),
        ),
    ),
}


def split(text: str | None) -> tuple[str, str]:
    """'search  go to market' → ('search', 'go to market'); the sub-command is lowercased."""
    text = (text or "").strip()
    if not text:
        return "", ""
    head, _, rest = text.partition(" ")
    return head.lower(), rest.strip()


def usage(command: str, *, admin: bool = False) -> str:
    """Help for its reader: members see what they can use; admins also see admin ones."""
    spec = COMMANDS[command]
    shown = [sub for sub in spec.subcommands if admin or not sub.admin]
    lines = [f"*{spec.name}* — {spec.description}"]
    for sub in shown:
        if sub.name == spec.default:
            continue
        call = f"`{spec.name} {sub.name}{' ' + sub.args if sub.args else ''}`"
        lines.append(f"• {call} — {sub.summary}")
    default = spec.find(spec.default) if spec.default else None
    if default is not None and default in shown:
        lines.insert(1, f"• `{spec.name}` — {default.summary}")
    if not shown:
        lines.append("Only the community's admins can use it; ask one of them if you need it.")
    lines.append(f"• `{spec.name} help` — this message")
    return "\n".join(lines)


def unknown(command: str, sub: str, *, admin: bool = False) -> str:
    shown = sub if len(sub) <= 40 else sub[:40] + "…"
    return (
        f"I don't know `{command} {shown}`. Here is what I can do:\n{usage(command, admin=admin)}"
    )
