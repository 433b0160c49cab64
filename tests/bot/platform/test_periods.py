"""Week keys stay in the database; people read "week of 18 Jan"."""

from __future__ import annotations

from bot.circles.checkin_blocks import digest_message, week_header
from bot.pairing.preview_blocks import preview_text
from bot.platform.periods import week_words
from storage.models import Circle, Member


def test_a_week_key_reads_as_the_week_of_its_monday() -> None:
    assert week_words("2027-W03") == "week of 18 Jan"
    assert week_words("2026-W48") == "week of 23 Nov"
    assert week_words("2026-W01") == "week of 29 Dec"  # ISO week 1 can start in December
    assert week_words("cohort-3") == "cohort-3"
    assert week_words("2026-W99") == "2026-W99"


def test_guides_and_members_never_read_a_week_code() -> None:
    otter = Circle(id=1, name="Otter")
    nia = Member(id=1, slack_user_id="U1", real_name="Nia")
    header = week_header(otter, "2027-W03")
    assert header.startswith(":seedling: *Otter — check-ins for the week of 18 Jan.*")
    digest, _ = digest_message(otter, "2027-W03", [nia], [], [], [])
    assert digest == "Otter, week of 18 Jan: 1 of 1 peer checked in."
    keys = "eligible paired pairs trios paused opted_out skipped left repeats friends seed"
    stats: dict[str, object] = dict.fromkeys(keys.split(), 0)
    stats |= {"mean_shared_interests": 0.0, "unpaired": []}
    preview = preview_text("2026-W48", stats, [], ran=False)
    assert preview.startswith("*Round for the week of 23 Nov* (preview: nothing sent)")
    for text in (header, digest, preview):
        assert "-W" not in text
