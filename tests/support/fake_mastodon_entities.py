"""What the fake Mastodon server says, shaped as the API documentation shows it.

docs.joinmastodon.org: entities Instance (v1 and v2), Account, Status,
MediaAttachment, CredentialApplication, Token; the status HTML as Mastodon's
TextFormatter renders a local status (paragraphs, `<br />`, links split into
invisible/visible spans, mentions as h-cards showing `@user` only, hashtags).

The length check is the fake's own, simpler than the server's and written from
the rules rather than from threadsmith's counter (which the tests check against
it): a URL with a scheme counts 23, `@user@domain` counts as `@user`, the rest
in grapheme clusters.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import regex

SUPPORTED_MIME_TYPES = [
    "image/jpeg", "image/png", "image/gif", "image/heic", "image/heif", "image/webp",
    "image/avif", "video/webm", "video/mp4", "video/quicktime", "video/ogg", "audio/wave",
    "audio/wav", "audio/x-wav", "audio/ogg", "audio/mpeg", "audio/mp3", "audio/webm",
    "audio/flac", "audio/aac", "audio/m4a", "audio/mp4",
]  # fmt: skip
QUOTE_POLICIES = ("public", "followers", "nobody")  # `quote_approval_policy`, 4.5
SCHEMES = ("http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini")

# A URL: a scheme after the start or a non-alphanumeric character, then no space; it
# does not end on punctuation the formatter leaves outside (checked against the rules).
_URL = re.compile(
    r"(?<![A-Za-z0-9@$#])(?:" + "|".join(SCHEMES) + r")://[^\s<>]*[^\s<>.,:;!?'\"()\[\]]",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<![=/\w])@([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)(?:@([\w.-]*\w))?")
_HASHTAG = re.compile(r"(?<![\w/#])#(\w+)")


def countable_length(text: str, spoiler_text: str = "") -> tuple[int, str]:
    """(length, text as counted): what the fake compares with `max_characters`."""
    counted = _URL.sub("x" * 23, text)
    counted = _MENTION.sub(lambda m: "@" + m.group(1), counted)
    combined = spoiler_text + counted
    return len(regex.findall(r"\X", combined)), combined


def iso(epoch: float) -> str:
    """A datetime as Mastodon writes it: UTC, milliseconds, a Z."""
    moment = datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class StoredStatus:
    id: str
    text: str
    in_reply_to_id: str | None
    visibility: str
    language: str | None
    spoiler_text: str
    media_ids: list[str]
    idempotency_key: str | None
    created_at: float
    quote_policy: str | None = None  # as a 4.5 server keeps it; None before 4.5
    params: tuple[str, ...] = ()  # the names of the parameters it was created with


@dataclass
class StoredMedia:
    id: str
    filename: str
    mime_type: str
    data: bytes
    description: str | None
    polls_until_ready: int
    attached_to: str | None = None


@dataclass
class Form:
    """A request's parameters, however the client sent them."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)  # name, type, data

    def get(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[0] if values else None


def parse_multipart(content_type: str, body: bytes) -> Form:
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    form = Form()
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            form.files[str(name)] = (filename, part.get_content_type(), data)
        else:
            form.fields.setdefault(str(name), []).append(data.decode("utf-8"))
    return form


def account(base: str, account_id: str, username: str, domain: str | None = None) -> dict[str, Any]:
    acct = f"{username}@{domain}" if domain else username
    home = f"https://{domain}/@{username}" if domain else f"{base}/@{username}"
    return {
        "id": account_id, "username": username, "acct": acct, "display_name": username.title(),
        "locked": False, "bot": False, "discoverable": True, "group": False,
        "created_at": "2024-01-01T00:00:00.000Z", "note": "<p></p>", "url": home, "uri": home,
        "avatar": f"{base}/avatars/original/missing.png",
        "avatar_static": f"{base}/avatars/original/missing.png",
        "header": f"{base}/headers/original/missing.png",
        "header_static": f"{base}/headers/original/missing.png",
        "followers_count": 0, "following_count": 0, "statuses_count": 0,
        "last_status_at": None, "emojis": [], "fields": [],
    }  # fmt: skip


def media_json(base: str, media: StoredMedia) -> dict[str, Any]:
    ready = media.polls_until_ready <= 0
    kind = media.mime_type.split("/")[0]
    return {
        "id": media.id,
        "type": {"image": "image", "video": "video", "audio": "audio"}.get(kind, "unknown"),
        "url": f"{base}/system/media/{media.id}/original/{media.filename}" if ready else None,
        "preview_url": f"{base}/system/media/{media.id}/small/{media.filename}",
        "remote_url": None,
        "text_url": None,
        "meta": {},
        "description": media.description,
        "blurhash": None,
    }


def status_json(
    base: str, owner: dict[str, Any], status: StoredStatus, media: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "id": status.id,
        "created_at": iso(status.created_at),
        "in_reply_to_id": status.in_reply_to_id,
        "in_reply_to_account_id": owner["id"] if status.in_reply_to_id else None,
        "sensitive": bool(status.spoiler_text),
        "spoiler_text": status.spoiler_text,
        "visibility": status.visibility,
        "language": status.language,
        "uri": f"{base}/users/{owner['username']}/statuses/{status.id}",
        "url": f"{base}/@{owner['username']}/{status.id}",
        "replies_count": 0, "reblogs_count": 0, "favourites_count": 0,
        "favourited": False, "reblogged": False, "muted": False, "bookmarked": False,
        "content": render_html(status.text, base),
        "reblog": None,
        "application": {"name": "threadsmith", "website": None},
        "account": owner,
        "media_attachments": media,
        "mentions": [], "tags": [], "emojis": [], "card": None, "poll": None,
    } | (quote_fields(status.quote_policy) if status.quote_policy else {})  # fmt: skip


def quote_fields(policy: str) -> dict[str, Any]:
    """What a 4.5 status entity says of quoting it: `quote_approval` (a QuoteApproval:
    whose quotes are accepted at once; the author may always quote their own), no
    quote of its own, and its count."""
    automatic = [policy] if policy in ("public", "followers") else []
    approval = {"automatic": automatic, "manual": [], "current_user": "automatic"}
    return {"quote": None, "quotes_count": 0, "quote_approval": approval}


def render_html(text: str, base: str) -> str:
    """A local status's `content`, as Mastodon's TextFormatter writes it."""
    pieces: list[str] = []
    position = 0
    for match in _entities(text):
        pieces.append(html.escape(text[position : match.start()], quote=False))
        pieces.append(_entity_html(match, base))
        position = match.end()
    pieces.append(html.escape(text[position:], quote=False))
    body = "".join(pieces).replace("\r\n", "\n")
    paragraphs = [p.replace("\n", "<br />") for p in re.split(r"\n\n+", body) if p]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _entities(text: str) -> list[re.Match[str]]:
    found = sorted(
        [*_URL.finditer(text), *_MENTION.finditer(text), *_HASHTAG.finditer(text)],
        key=lambda m: m.start(),
    )
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def _entity_html(match: re.Match[str], base: str) -> str:
    token = match.group()
    if match.re is _URL:
        scheme, _, rest = token.partition("://")
        shown, hidden = rest[:30], rest[30:]
        visible = "ellipsis" if hidden else ""
        return (
            f'<a href="{html.escape(token)}" target="_blank" rel="nofollow noopener" '
            f'translate="no"><span class="invisible">{html.escape(scheme)}://</span>'
            f'<span class="{visible}">{html.escape(shown)}</span>'
            f'<span class="invisible">{html.escape(hidden)}</span></a>'
        )
    if match.re is _MENTION:
        user, domain = match.group(1), match.group(2)
        home = f"https://{domain}/@{user}" if domain else f"{base}/@{user}"
        return (
            f'<span class="h-card" translate="no"><a href="{home}" class="u-url mention">'
            f"@<span>{html.escape(user)}</span></a></span>"
        )
    tag = match.group(1)
    return f'<a href="{base}/tags/{tag}" class="mention hashtag" rel="tag">#<span>{tag}</span></a>'
