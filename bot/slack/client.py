"""The one place that builds Slack Web API clients, with retries that honour Retry-After.

slack_sdk's built-in retry handlers sleep with ``time.sleep``; ours sleep on the injected
clock so that a 429 in a test or the demo waits in test time, and the sandbox can check
that no request came before its Retry-After.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.platform.clock import Clock


def retry_after_seconds(headers: Mapping[str, list[str] | str], default: float = 1.0) -> float:
    """Retry-After from a response's headers (slack_sdk keeps lists of values)."""
    for name, value in headers.items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return default
    return default


class ClockRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 after Retry-After (plus up to a second of jitter) on ``clock``.

    Only short waits are absorbed here. A longer Retry-After raises to the caller, so the
    outbox can park the message instead of holding a thread (and a row lease) for minutes.
    """

    def __init__(self, clock: Clock, max_retry_count: int = 3, max_wait: float = 20) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.clock = clock
        self.max_wait = max_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return (
            response is not None
            and response.status_code == 429
            and retry_after_seconds(response.headers) <= self.max_wait
        )

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            assert error is not None, "slack_sdk retries either a response or an error"
            raise error
        state.next_attempt_requested = True
        self.clock.sleep(retry_after_seconds(response.headers) + random.random())
        state.increment_current_attempt()


class ClockConnectionRetryHandler(ConnectionErrorRetryHandler):
    """Retries a dropped connection with slack_sdk's backoff, waiting on ``clock``."""

    def __init__(self, clock: Clock, max_retry_count: int = 2) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.clock = clock

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        self.clock.sleep(self.interval_calculator.calculate_sleep_duration(state.current_attempt))
        state.increment_current_attempt()


def quiet_logger() -> logging.Logger:
    """slack_sdk logs whole request and response bodies when its logger's own level is
    DEBUG or unset (it checks ``logger.level``, not the effective level), which would put
    check-in answers and exports in the logs. Its logger is pinned to INFO instead."""
    logger = logging.getLogger("circlebot.slack_api")
    logger.setLevel(logging.INFO)
    return logger


def build_web_client(
    token: str,
    api_url: str,
    clock: Clock,
    *,
    rate_limit_retries: int = 3,
    max_rate_limit_wait: float = 20,
    connection_retries: int = 2,
    timeout: int = 15,
) -> WebClient:
    return WebClient(
        token=token,
        base_url=api_url,
        timeout=timeout,
        logger=quiet_logger(),
        retry_handlers=[
            ClockConnectionRetryHandler(clock, max_retry_count=connection_retries),
            ClockRateLimitRetryHandler(
                clock, max_retry_count=rate_limit_retries, max_wait=max_rate_limit_wait
            ),
        ],
    )
