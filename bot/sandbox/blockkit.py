"""Block Kit limit checks, answering in Slack's own words.

Slack rejects oversize blocks with ``invalid_blocks`` (messages) or ``invalid_arguments``
(views) and explains in ``response_metadata.messages`` lines like
``[ERROR] no more than 50 items allowed [json-pointer:/blocks]``. These checks cover the limits
a bot realistically trips over, not the whole schema: 50 blocks a message and 100 a view
(https://docs.slack.dev/reference/block-kit/blocks), and each block's own field limits (its
page under https://docs.slack.dev/reference/block-kit/).

In strict mode two more checks run: an action_id must be unique within its block, and every
block and view must also pass slack_sdk's own Block Kit models (a second opinion in one place).
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_ID = 255
TEXT_OBJECT_TYPES = ("plain_text", "mrkdwn")


class _Checker:
    def __init__(self, *, strict: bool = False) -> None:
        self.errors: list[str] = []
        self.strict = strict

    def fail(self, pointer: str, message: str) -> None:
        self.errors.append(f"[ERROR] {message} [json-pointer:{pointer}]")

    def max_len(self, value: Any, limit: int, pointer: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.fail(pointer, f"must be less than {limit + 1} characters")

    def max_items(self, value: Any, limit: int, pointer: str) -> None:
        if isinstance(value, list) and len(value) > limit:
            self.fail(pointer, f"no more than {limit} items allowed")

    def text(
        self, obj: Any, pointer: str, limit: int, *, plain_only: bool = False, required: bool = True
    ) -> None:
        if obj is None:
            if required:
                self.fail(pointer, "missing required field: text")
            return
        if not isinstance(obj, dict) or obj.get("type") not in TEXT_OBJECT_TYPES:
            self.fail(pointer, "must be a text object of type plain_text or mrkdwn")
            return
        if plain_only and obj["type"] != "plain_text":
            self.fail(f"{pointer}/type", "must be plain_text")
        value = obj.get("text")
        if not isinstance(value, str) or not value:
            self.fail(f"{pointer}/text", "must be more than 0 characters")
            return
        self.max_len(value, limit, f"{pointer}/text")

    def element(self, element: Any, pointer: str) -> None:
        if not isinstance(element, dict) or not isinstance(element.get("type"), str):
            self.fail(pointer, "must provide an element with a type")
            return
        self.max_len(element.get("action_id"), MAX_ID, f"{pointer}/action_id")
        kind = element["type"]
        if kind == "button":
            self.text(element.get("text"), f"{pointer}/text", 75, plain_only=True)
            self.max_len(element.get("value"), 2000, f"{pointer}/value")
            self.max_len(element.get("url"), 3000, f"{pointer}/url")
        if "options" in element:
            self.max_items(element["options"], 100, f"{pointer}/options")
            for i, option in enumerate(element["options"] or []):
                self.option(option, f"{pointer}/options/{i}")
        if "option_groups" in element:
            self.max_items(element["option_groups"], 100, f"{pointer}/option_groups")
        if kind == "image":
            self.max_len(element.get("alt_text"), 2000, f"{pointer}/alt_text")

    def option(self, option: Any, pointer: str) -> None:
        if not isinstance(option, dict):
            self.fail(pointer, "must be an option object")
            return
        self.text(option.get("text"), f"{pointer}/text", 75)
        self.max_len(option.get("value"), 150, f"{pointer}/value")

    def block(self, block: Any, pointer: str, seen_ids: set[str]) -> None:
        found = len(self.errors)
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            self.fail(pointer, "must provide a block with a type")
            return
        block_id = block.get("block_id")
        if isinstance(block_id, str):
            self.max_len(block_id, MAX_ID, f"{pointer}/block_id")
            # https://docs.slack.dev/reference/block-kit/blocks (block_id unique per message/view)
            if block_id in seen_ids:
                self.fail(f"{pointer}/block_id", "duplicate block_id")
            seen_ids.add(block_id)
        kind = block["type"]
        if kind == "section":
            has_fields = bool(block.get("fields"))
            self.text(block.get("text"), f"{pointer}/text", 3000, required=not has_fields)
            self.max_items(block.get("fields"), 10, f"{pointer}/fields")
            for i, item in enumerate(block.get("fields") or []):
                self.text(item, f"{pointer}/fields/{i}", 2000)
            if "accessory" in block:
                self.element(block["accessory"], f"{pointer}/accessory")
        elif kind == "header":
            self.text(block.get("text"), f"{pointer}/text", 150, plain_only=True)
        elif kind == "actions":
            elements = block.get("elements")
            if not elements:
                self.fail(f"{pointer}/elements", "must provide at least 1 element")
            self.max_items(elements, 25, f"{pointer}/elements")
            for i, element in enumerate(elements or []):
                self.element(element, f"{pointer}/elements/{i}")
        elif kind == "context":
            self.max_items(block.get("elements"), 10, f"{pointer}/elements")
        elif kind == "input":
            self.text(block.get("label"), f"{pointer}/label", 2000, plain_only=True)
            self.text(block.get("hint"), f"{pointer}/hint", 2000, required=False)
            if "element" not in block:
                self.fail(f"{pointer}/element", "missing required field: element")
            else:
                self.element(block["element"], f"{pointer}/element")
        elif kind == "image":
            self.max_len(block.get("alt_text"), 2000, f"{pointer}/alt_text")
        elif kind == "markdown":
            self.max_len(block.get("text"), 12000, f"{pointer}/text")
        if self.strict:
            self.unique_action_ids(block, pointer)
        if self.strict and len(self.errors) == found:  # a second opinion on what passed ours
            self.sdk_block(block, pointer)

    def unique_action_ids(self, block: dict[str, Any], pointer: str) -> None:
        # https://docs.slack.dev/reference/block-kit/block-elements/button-element
        # (action_id "should be unique among all other action_ids in the containing block")
        placed = [(f"{pointer}/{k}", block[k]) for k in ("accessory", "element") if k in block]
        elements = block.get("elements")
        if isinstance(elements, list):
            placed += [(f"{pointer}/elements/{i}", e) for i, e in enumerate(elements)]
        seen: set[str] = set()
        for where, element in placed:
            action_id = element.get("action_id") if isinstance(element, dict) else None
            if not isinstance(action_id, str):
                continue
            if action_id in seen:
                self.fail(f"{where}/action_id", f"duplicate action_id {action_id!r} in block")
            seen.add(action_id)

    def sdk_block(self, block: dict[str, Any], pointer: str) -> None:
        """slack_sdk's model of this block must accept it too (an unknown type is refused)."""
        # https://docs.slack.dev/tools/python-slack-sdk/ (slack_sdk.models Block Kit validation)
        try:
            parsed = Block.parse(block)
            if parsed is None:
                self.fail(pointer, f"slack_sdk: unknown block type {block.get('type')!r}")
                return
            parsed.validate_json()
            parsed.to_dict()  # validate_json checks the block itself; to_dict its elements too
        except Exception as error:  # slack_sdk raises SlackObjectFormationError, or TypeError
            self.fail(pointer, f"slack_sdk: {error}")

    def blocks(self, blocks: Any, limit: int, pointer: str = "/blocks") -> None:
        if not isinstance(blocks, list):
            self.fail(pointer, "must be an array of blocks")
            return
        self.max_items(blocks, limit, pointer)
        seen_ids: set[str] = set()
        for i, block in enumerate(blocks):
            self.block(block, f"{pointer}/{i}", seen_ids)


def message_block_errors(blocks: Any, *, strict: bool = False) -> list[str]:
    """Problems Slack would report as ``invalid_blocks`` for a message's blocks."""
    checker = _Checker(strict=strict)
    checker.blocks(blocks, MAX_MESSAGE_BLOCKS)
    return checker.errors


def view_errors(view: Any, *, expected_type: str, strict: bool = False) -> list[str]:
    """Problems Slack would report as ``invalid_arguments`` for a modal or Home tab view."""
    checker = _Checker(strict=strict)
    if not isinstance(view, dict):
        checker.fail("/view", "must be a view object")
        return checker.errors
    if view.get("type") != expected_type:
        checker.fail("/view/type", f"must be {expected_type}")
    checker.max_len(view.get("callback_id"), MAX_ID, "/view/callback_id")
    checker.max_len(view.get("external_id"), MAX_ID, "/view/external_id")
    checker.max_len(view.get("private_metadata"), 3000, "/view/private_metadata")
    blocks = view.get("blocks")
    if blocks is None:
        checker.fail("/view/blocks", "missing required field: blocks")
    else:
        checker.blocks(blocks, MAX_VIEW_BLOCKS, "/view/blocks")
    if expected_type == "modal":
        checker.text(view.get("title"), "/view/title", 24, plain_only=True)
        checker.text(view.get("submit"), "/view/submit", 24, plain_only=True, required=False)
        checker.text(view.get("close"), "/view/close", 24, plain_only=True, required=False)
        has_input = isinstance(blocks, list) and any(
            isinstance(b, dict) and b.get("type") == "input" for b in blocks
        )
        if has_input and not view.get("submit"):
            checker.fail("/view/submit", "submit is required when an input block is present")
    if strict and not checker.errors:  # a second opinion on a view that passed ours
        _sdk_view(checker, view)
    return checker.errors


def _sdk_view(checker: _Checker, view: dict[str, Any]) -> None:
    """slack_sdk's View model must accept the view as well (its blocks are checked one by one
    above, so only the view's own fields are validated here)."""
    # https://docs.slack.dev/reference/views (slack_sdk.models.views.View.validate_json)
    try:
        View(**view).validate_json()
    except Exception as error:  # SlackObjectFormationError, or TypeError for a bad shape
        checker.fail("/view", f"slack_sdk: {error}")
