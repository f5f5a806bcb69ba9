"""Bluesky link cards: the page's title, description and picture under a post that links
to it (`app.bsky.embed.external`), made as the official app makes them.

The app gives a card to a post with a link and no image, for its last link: it reads
the page's OpenGraph tags (`og:title`, `og:description`, `og:image`; the `<title>` and
the meta description where they are missing), refuses a bot-check page (Cloudflare's
"Just a moment…"), and uploads the picture as the card's thumbnail, made to fit the
lexicon's 1,000,000 bytes when it is larger. Here the card is made when the run is
planned, through the planner's bounded reader (the import's fetcher, the link's host
being the one local address it may reach), and journalled with the post: a resume or a
scheduled run sends what was previewed. The picture is kept in a file named by its
sha256 under the data dir; the publisher uploads it as a blob when the post goes.

A page that cannot be read gives no card and a note, never a failure. What was read is
kept per address for the life of the process: the app plans again at every change, and
reads each page once.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin

from threadsmith.errors import InputError
from threadsmith.journal import Card, Outgoing
from threadsmith.network import ImageRules, Options
from threadsmith.networks import images
from threadsmith.paths import PRIVATE_FILE, cards_dir
from threadsmith.threading.bluesky_links import find_links
from threadsmith.threading.short_url import to_short_url

# app.bsky.embed.external's thumb: a blob of image/*, at most 1,000,000 bytes
THUMBNAIL = ImageRules(max_images=1, max_bytes=1_000_000)
PAGE_BYTES = 5_000_000  # a page is read up to this (its head holds the tags)
PICTURE_BYTES = 20_000_000  # a picture is downloaded up to this, then made to fit
MAX_SIDE = 2_000  # the app's card pictures fit 2000×2000 (downloadAndResize)
READERS = 8  # pages read at once
QUALITIES = (85, 75, 60, 45)  # JPEG qualities tried, best first, before shrinking further
PAGES = ("text/html", "application/xhtml+xml")
# The titles of the pages a bot check shows instead of the page (Cloudflare's, mostly)
CHALLENGE_TITLES = frozenset(
    (
        "just a moment...",
        "just a moment…",
        "attention required! | cloudflare",
        "one moment, please...",
        "please wait...",
        "ddos-guard",
    )
)
CHALLENGE_MARKS = (b"challenges.cloudflare.com", b"cf-chl-", b"_cf_chl_opt")

# read(link, url, limit) -> (where it was found, its media type, its body); InputError
Read = Callable[[str, str, int], tuple[str, str, bytes]]


@dataclass(frozen=True, slots=True)
class _Made:
    """What reading a link gave: its card, or None; and what to tell the person."""

    card: Card | None
    note: str | None


_made: dict[str, _Made] = {}  # by link, for the life of the process
_made_lock = threading.Lock()


def with_cards(
    posts: Sequence[Outgoing], options: Options, read: Read
) -> tuple[tuple[Outgoing, ...], tuple[str, ...]]:
    """`posts` with a link card on each that links somewhere and carries no image (for
    its last link, as the app does), and a note for each card that could not be made
    (or was made without its picture). None when the run's `cards` option is false."""
    if options.get("cards") == "false":
        return tuple(posts), ()
    wanted = {post.number: _card_link(post) for post in posts}
    links = sorted({link for link in wanted.values() if link is not None})
    # the pages read side by side: a thread linking ten slow sites waits for the slowest
    with ThreadPoolExecutor(max_workers=max(1, min(READERS, len(links)))) as pool:
        made = dict(zip(links, pool.map(lambda link: card_for(link, read), links), strict=True))
    carded, notes = [], []
    for post in posts:
        link = wanted[post.number]
        card = made[link].card if link is not None else None
        carded.append(post if card is None else replace(post, card=card))
        if link is not None and (note := made[link].note) is not None:
            notes.append(f"post {post.number}: {note}")
    return tuple(carded), tuple(notes)


def _card_link(post: Outgoing) -> str | None:
    """The link whose card `post` carries (its last), if it takes one: not with an image."""
    if post.media or post.card is not None:
        return None
    links = find_links(post.text)
    return links[-1].uri if links else None


def card_for(link: str, read: Read) -> _Made:
    """The card for `link`, read once in this process (again if its picture's file went)."""
    with _made_lock:
        known = _made.get(link)
    thumbnail = known.card.thumbnail if known is not None and known.card is not None else None
    if known is not None and (thumbnail is None or Path(thumbnail).is_file()):
        return known
    made = _read_card(link, read)
    with _made_lock:
        _made[link] = made
    return made


def forget_cards() -> None:
    """Read every page afresh from now on (what was read in this process is dropped)."""
    with _made_lock:
        _made.clear()


def _read_card(link: str, read: Read) -> _Made:
    shown = to_short_url(link)  # as the post shows it
    try:
        where, media_type, body = read(link, link, PAGE_BYTES)
    except InputError as error:
        return _Made(None, f"no link card: {_said(error, link)}")
    if media_type and media_type not in PAGES:
        return _Made(None, f"no link card: {shown} is not a web page (it is {media_type})")
    tags = _tags(body)
    title = tags.get("og:title") or tags.get("<title>", "")
    if title.lower() in CHALLENGE_TITLES or any(mark in body for mark in CHALLENGE_MARKS):
        return _Made(
            None,
            f'no link card: {shown} shows a bot check ("{title or "Just a moment…"}") '
            "instead of the page",
        )
    description = tags.get("og:description") or tags.get("description", "")
    if not title and not description:
        return _Made(None, f"no link card: {shown} has no title or description to show")
    card = Card(link, title, description)
    picture = tags.get("og:image")
    if not picture:
        return _Made(card, None)
    picture = urljoin(where, picture)
    try:
        thumbnail = _thumbnail(link, picture, read)
    except InputError as error:
        return _Made(card, f"link card without its picture: {_said(error, picture)}")
    return _Made(replace(card, thumbnail=str(thumbnail)), None)


def _said(error: InputError, url: str) -> str:
    """What went wrong reading `url`, the address shortened as a post shows a link."""
    return str(error).replace(url, to_short_url(url), 1)


def _tags(body: bytes) -> dict[str, str]:
    """The page's meta tags by property or name (lower case), the first of each, and its
    title as "<title>"; whitespace collapsed."""
    from lxml import etree, html

    try:
        page = html.document_fromstring(_text(body))
    except (etree.ParserError, ValueError):
        return {}
    found: dict[str, str] = {}
    for meta in page.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key and content:
            found.setdefault(key, content)
    title = page.find(".//title")
    if title is not None and (words := " ".join(title.text_content().split())):
        found["<title>"] = words
    return found


def _text(body: bytes) -> str | bytes:
    """The page as text when it is UTF-8; else its bytes, for lxml to read the encoding its
    meta tag declares."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body


def _thumbnail(link: str, url: str, read: Read) -> Path:
    """The picture at `url`, downloaded and kept as Bluesky takes a card's thumbnail:
    re-encoded smaller when it is over the limit or of a kind it does not show."""
    _, media_type, data = read(link, url, PICTURE_BYTES)
    if media_type and not media_type.startswith("image/"):
        raise InputError(f"{url}: not a picture (it is {media_type})")
    if len(data) <= THUMBNAIL.max_bytes and _shown(kept := _keep(data)):
        return kept
    # over the limit, or a kind of picture a card cannot show (SVG, AVIF): re-encoded
    kept = _keep(_fitted(url, data))
    images.check(str(kept), THUMBNAIL, "Bluesky")
    return kept


def _shown(path: Path) -> bool:
    """Whether the picture kept at `path` can go as it is (its file dropped if not)."""
    try:
        images.check(str(path), THUMBNAIL, "Bluesky")
    except InputError:
        path.unlink(missing_ok=True)
        return False
    return True


def _keep(data: bytes) -> Path:
    """`data` in the cards folder, in a file named by its sha256 (written once)."""
    path = cards_dir() / hashlib.sha256(data).hexdigest()
    if not path.is_file():
        part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(part, path)
    return path


def _fitted(url: str, data: bytes) -> bytes:
    """The picture as a JPEG within the thumbnail's bytes: at most `MAX_SIDE` a side, at
    the best quality that fits, then smaller until it does."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as opened:
            opened.draft("RGB", (MAX_SIDE, MAX_SIDE))  # a JPEG decoded at about that size
            picture = opened.convert("RGBA") if "A" in opened.getbands() else opened.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise InputError(f"{url}: not a picture Bluesky can show") from None
    if picture.mode == "RGBA":  # transparency shown on white, as a card's picture is
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    picture = picture.convert("RGB")
    side = MAX_SIDE
    while side >= 100:
        picture.thumbnail((side, side))
        for quality in QUALITIES:
            out = BytesIO()
            picture.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= THUMBNAIL.max_bytes:
                return out.getvalue()
        side //= 2
    raise InputError(f"{url}: cannot be made small enough for a Bluesky card")
