"""One way to say no: every domain's refusal is a `Refused`, whose message is the answer.

Domain code raises it when a request breaks a rule a person can do something about ("that
cohort is closed"); the handler layer turns it into an ephemeral answer in one place
(handlers/common/errors.py), so listeners carry no `try/except` for it.
"""

from __future__ import annotations


class Refused(Exception):
    """A request the rules turn down; ``str(refused)`` is the sentence the person reads.

    ``field`` names the modal input the refusal is about, so a form stays open with the
    sentence under that input; without it a form is replaced by a notice.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
