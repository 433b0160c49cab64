"""A bare Bolt app that only acks, on the same server and settings as circlebot (gunicorn
gthread, WEB_CONCURRENCY × 8 threads, sync App, process_before_response): the baseline
for bench/slash_ack.py.   python -m bench.bare_bolt PORT SIGNING_SECRET BOT_TOKEN API_URL"""

from __future__ import annotations

import re
import sys

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.platform.server import GunicornServer


def build(secret: str, token: str, api_url: str):  # type: ignore[no-untyped-def]
    # Bolt checks the token with auth.test once (cached): point it where circlebot's goes.
    app = App(
        client=WebClient(token=token, base_url=api_url),
        signing_secret=secret,
        process_before_response=True,
        token_verification_enabled=False,
    )

    @app.command(re.compile(".*"))
    def ack_only(ack):  # type: ignore[no-untyped-def]
        ack(text="ok")

    return SlackRequestHandler(app)


if __name__ == "__main__":
    port, secret, token, api_url = int(sys.argv[1]), *sys.argv[2:5]
    GunicornServer(lambda: build(secret, token, api_url), port=port, workers=2).run()
