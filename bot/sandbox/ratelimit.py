"""Per-method rate limits with a sliding 60-second window, and Retry-After bookkeeping.

Slack limits each method per app per workspace by the minute and answers the excess with
HTTP 429 and ``Retry-After`` (https://docs.slack.dev/apis/web-api/rate-limits). The sandbox
also remembers each ``Retry-After`` it gave so tests can prove a client never came back early.
"""

from __future__ import annotations

import math
from collections import deque
from datetime import datetime, timedelta

WINDOW = timedelta(seconds=60)


class RateLimiter:
    """Counts accepted requests per method on the sandbox clock."""

    def __init__(self) -> None:
        self._limits: dict[str, int] = {}
        self._accepted: dict[str, deque[datetime]] = {}
        self._retry_at: dict[str, datetime] = {}

    def set_limit(self, method: str, per_minute: int) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self._limits[method] = per_minute

    def clear_limit(self, method: str) -> None:
        self._limits.pop(method, None)

    def acquire(self, method: str, now: datetime) -> int | None:
        """Take a slot for this request, or return the whole seconds until one frees (>= 1)."""
        limit = self._limits.get(method)
        if limit is None:
            return None
        window = self._accepted.setdefault(method, deque())
        while window and window[0] <= now - WINDOW:
            window.popleft()
        if len(window) < limit:
            window.append(now)
            return None
        wait = (window[0] + WINDOW - now).total_seconds()
        return max(1, math.ceil(wait))

    def note_retry_after(self, method: str, now: datetime, seconds: int) -> None:
        self._retry_at[method] = now + timedelta(seconds=seconds)

    def is_early(self, method: str, now: datetime) -> bool:
        """True if a Retry-After given for this method has not yet elapsed."""
        retry_at = self._retry_at.get(method)
        return retry_at is not None and now < retry_at
