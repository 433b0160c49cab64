"""Queued one-shot failures, so tests can make Slack misbehave exactly when they want."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    """One failure for one request: a Slack error body, or a dropped connection."""

    error: str
    status: int = 200
    retry_after: int | None = None
    drop_connection: bool = False


class FaultQueue:
    """Faults waiting per method, served first in, first out."""

    def __init__(self) -> None:
        self._queued: dict[str, deque[Fault]] = {}

    def add(
        self,
        method: str,
        error: str | None = None,
        *,
        status: int = 200,
        times: int = 1,
        retry_after: int | None = None,
        drop_connection: bool = False,
    ) -> None:
        if times < 1:
            raise ValueError("times must be at least 1")
        if error is None:
            error = "ratelimited" if status == 429 else "internal_error"
        if status == 429 and retry_after is None:
            retry_after = 1
        fault = Fault(error, status, retry_after, drop_connection)
        self._queued.setdefault(method, deque()).extend([fault] * times)

    def take(self, method: str) -> Fault | None:
        queued = self._queued.get(method)
        return queued.popleft() if queued else None

    def clear(self) -> None:
        self._queued.clear()
