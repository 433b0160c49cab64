"""Slack's two-step file upload: files.getUploadURLExternal, a POST of the bytes to the
returned URL, then files.completeUploadExternal to share the file in a conversation."""

from __future__ import annotations

import json
from typing import Any

from bot.sandbox.api.chat import postable
from bot.sandbox.args import int_arg
from bot.sandbox.records import ApiCall, ApiError
from bot.sandbox.workspace import Workspace

MAX_BYTES = 1_000_000_000


def files_get_upload_url_external(
    ws: Workspace, args: dict[str, Any], call: ApiCall
) -> dict[str, Any]:
    filename = args.get("filename")
    if not isinstance(filename, str) or not filename:
        raise ApiError("invalid_arguments")
    length = int_arg(args, "length")
    if length is None or not 0 < length <= MAX_BYTES:
        raise ApiError("invalid_arguments")
    file_id = ws.new_id("F")
    ws.uploads[file_id] = {"id": file_id, "name": filename, "length": length, "content": None}
    return {"ok": True, "upload_url": f"{ws.base_url}/upload/{file_id}", "file_id": file_id}


def files_complete_upload_external(
    ws: Workspace, args: dict[str, Any], call: ApiCall
) -> dict[str, Any]:
    files = args.get("files")
    if isinstance(files, str):
        try:
            files = json.loads(files)
        except json.JSONDecodeError:
            raise ApiError("invalid_arguments") from None
    if not isinstance(files, list) or not files:
        raise ApiError("invalid_arguments")
    shared = []
    for item in files:
        upload = ws.uploads.get(str((item or {}).get("id")))
        if upload is None or upload["content"] is None:
            raise ApiError("file_not_found")
        upload["title"] = item.get("title") or upload["name"]
        shared.append(upload)
    channel = args.get("channel_id")
    if channel:
        conv = postable(ws, channel)
        message = ws.post_message(conv, text=str(args.get("initial_comment") or ""))
        message["files"] = [
            {"id": f["id"], "name": f["name"], "title": f["title"], "size": len(f["content"])}
            for f in shared
        ]
        for f in shared:
            f["channel"], f["ts"] = conv.id, message["ts"]
    return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in shared]}


METHODS = {
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
}
