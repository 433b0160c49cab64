"""The tables, one module per domain. Importing this package registers every table on
``Base.metadata`` (Alembic and the tests need them all), and names them in one place."""

from storage.models.base import (
    FORMER,
    UNDECIDED,
    ApplicationStatus,
    Base,
    CircleRole,
    CircleStatus,
    CohortStatus,
    JobRunStatus,
    MemberStatus,
    MetAnswer,
    OutboxStatus,
    RoundKind,
    one_of,
)
from storage.models.circles import CheckinResponse, Circle, CircleMember
from storage.models.cohorts import Application, Cohort
from storage.models.job_runs import JobRun
from storage.models.lunches import Lunch, LunchSignup, LunchStatus, SeatStatus
from storage.models.members import Member
from storage.models.mentors import (
    MentorOffer,
    MentorRequest,
    MentorSession,
    Mentorship,
    MentorshipStatus,
    PanelAdviser,
    RequestStatus,
)
from storage.models.outbox import OutboxMessage
from storage.models.pairing import DontPair, Friendship, Pairing, PairingMember, PairingRound
from storage.models.privacy import AuditEntry
from storage.models.pulse import PulseWeek, VaultSearchLog
from storage.models.vault import VaultResource, VaultTag, VaultVote

__all__ = [
    "FORMER",
    "UNDECIDED",
    "Application",
    "ApplicationStatus",
    "AuditEntry",
    "Base",
    "CheckinResponse",
    "Circle",
    "CircleMember",
    "CircleRole",
    "CircleStatus",
    "Cohort",
    "CohortStatus",
    "DontPair",
    "Friendship",
    "JobRun",
    "JobRunStatus",
    "Lunch",
    "LunchSignup",
    "LunchStatus",
    "Member",
    "MemberStatus",
    "MentorOffer",
    "MentorRequest",
    "MentorSession",
    "Mentorship",
    "MentorshipStatus",
    "MetAnswer",
    "OutboxMessage",
    "OutboxStatus",
    "Pairing",
    "PairingMember",
    "PairingRound",
    "PanelAdviser",
    "PulseWeek",
    "RequestStatus",
    "RoundKind",
    "SeatStatus",
    "VaultResource",
    "VaultSearchLog",
    "VaultTag",
    "VaultVote",
    "one_of",
]
