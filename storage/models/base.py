"""The declarative base, the constraint naming convention and the status vocabularies."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import (
    MetaData,
)
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


FORMER = "former"  # stands in for a deleted member's Slack id where a record keeps the act


class MemberStatus(StrEnum):
    APPLICANT = "applicant"
    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    # A send was cut off after it may have reached Slack, and nobody could check: never
    # sent again (at most once), counted in the admins' alert.
    UNCERTAIN = "uncertain"


class JobRunStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    MISSED = "missed"


class MetAnswer(StrEnum):
    YES = "yes"
    NOT_YET = "not_yet"
    WONT = "wont"


class RoundKind(StrEnum):
    WEEKLY = "weekly"
    ONBOARDING = "onboarding"


class CohortStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    STARTED = "started"


class ApplicationStatus(StrEnum):
    PENDING = "pending"
    ADMITTED = "admitted"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


# An application an admin can still decide: admit, waitlist or decline.
UNDECIDED = (ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED)


class CircleStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class CircleRole(StrEnum):
    PEER = "peer"
    GUIDE = "guide"


def one_of(column: str, values: type[StrEnum]) -> str:
    """A CHECK constraint's condition: the column holds one of the enum's values."""
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
