"""Links members add to the vault: checked, tidied for display, and keyed for duplicates.

url-normalize does the RFC 3986 work (case, default ports, dot segments, percent-encoding,
IDNA). On top of it the vault refuses what cannot be a public web page, and builds a looser
key for spotting the same page added twice: no scheme, no "www.", no trailing slash, no
fragment, no tracking parameters, parameters sorted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from url_normalize import url_normalize

MAX_URL = 1500
SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|_hsenc|_hsmi)$"
)


class BadLink(ValueError):
    """A link the vault will not take; the message is the sentence shown to the member."""


@dataclass(frozen=True)
class Link:
    url: str  # what we link to
    key: str  # what two links to the same page share


def unwrap(text: str) -> str:
    """Slack sends links typed in a command as ``<https://…|label>`` or ``<https://…>``."""
    text = text.strip()
    match = SLACK_LINK.match(text)
    return match.group(1) if match else text


def check_link(text: str) -> Link:
    raw = unwrap(text)
    if not raw:
        raise BadLink("Add the link to the template or playbook, starting with https://.")
    if len(raw) > MAX_URL:
        raise BadLink(f"That link is over {MAX_URL} characters. Try a shorter link to the page.")
    if any(c.isspace() for c in raw):
        raise BadLink("A link can't contain spaces. Check the address and try again.")
    scheme = SCHEME.match(raw)
    if scheme is None or "." in scheme.group(1):  # "example.com/x", "example.com:8080/x"
        raw = "https://" + raw.removeprefix("//")
    elif scheme.group(1).lower() not in ("http", "https"):
        raise BadLink("Only web links (http:// or https://) can go in the vault.")
    try:
        url = url_normalize(raw) or ""
        parts = urlsplit(url)
        port = parts.port
    except (ValueError, UnicodeError):
        raise BadLink(f"`{raw[:100]}` doesn't look like a web address.") from None
    host = parts.hostname or ""
    if parts.username is not None or parts.password is not None:
        raise BadLink("Links with a user name or password can't go in the vault.")
    labels = host.split(".")
    if len(labels) < 2 or not all(LABEL.match(x) for x in labels) or not TLD.match(labels[-1]):
        raise BadLink(f"`{raw[:100]}` doesn't look like a web address.")
    if port is not None and port not in (80, 443) and not 0 < port < 65536:
        raise BadLink(f"`{raw[:100]}` doesn't look like a web address.")
    if len(url) > MAX_URL:
        raise BadLink(f"That link is over {MAX_URL} characters. Try a shorter link to the page.")
    return Link(url=url, key=link_key(url))


def link_key(url: str) -> str:
    """Two links with the same key point at the same page, as far as the vault can tell."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port not in (None, 80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)
    )
    return host + path + (f"?{urlencode(query)}" if query else "")
