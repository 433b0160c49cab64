"""Reading Web API arguments the way Slack does, whichever way the client encoded them.

``slack_sdk.WebClient`` sends some methods as JSON and others form-encoded (where booleans
become ``"1"``/``"0"`` and blocks arrive as a JSON string), and GET methods as query strings.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from collections.abc import Sequence
from typing import Any, TypeVar

from bot.sandbox.records import ApiError

JSON_FIELDS = ("blocks", "view", "metadata", "attachments")
T = TypeVar("T")


def truthy(value: Any) -> bool:
    return (
        value is True or value == 1 or (isinstance(value, str) and value.lower() in ("1", "true"))
    )


def decode_json_fields(args: dict[str, Any]) -> dict[str, Any]:
    """Parse form-encoded JSON fields (blocks, view, metadata) into Python objects.

    Unparseable strings are left as they are, so the method can answer ``invalid_*_format``.
    """
    for name in JSON_FIELDS:
        value = args.get(name)
        if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
            with contextlib.suppress(json.JSONDecodeError):
                args[name] = json.loads(value)
    return args


def int_arg(args: dict[str, Any], name: str, default: int | None = None) -> int | None:
    value = args.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError("invalid_arguments") from None


def id_list(value: Any) -> list[str]:
    """A comma-separated id list (or a JSON list), de-duplicated, order kept."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return list(dict.fromkeys(str(i).strip() for i in items if str(i).strip()))


def paginate(
    items: Sequence[T], key: str, ids: Sequence[str], cursor: Any, limit: int | None
) -> tuple[list[T], str]:
    """One page of ``items`` and the next cursor ("" at the end), Slack's opaque base64 style.

    ``ids`` are the items' ids; a cursor names the id the next page starts at.
    """
    start = 0
    if cursor:
        try:
            prefix, _, start_id = base64.b64decode(str(cursor)).decode().partition(":")
            start = list(ids).index(start_id)
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise ApiError("invalid_cursor") from None
        if prefix != key:
            raise ApiError("invalid_cursor")
    end = len(items) if limit is None else start + limit
    next_cursor = ""
    if end < len(items):
        next_cursor = base64.b64encode(f"{key}:{ids[end]}".encode()).decode()
    return list(items[start:end]), next_cursor
