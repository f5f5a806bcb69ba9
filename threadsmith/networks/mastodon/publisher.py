"""Publishing a thread to one Mastodon account, through Mastodon.py.

Each status carries an `Idempotency-Key` the publish run chose and journalled
before the request (`new_key`): for an hour the server answers a second request
with that key with the status the first one created, so a retry after an
ambiguous failure (a timeout, a dropped connection, a 5xx) never makes a second
status. After that hour, `find_sent` looks through the account's own recent
statuses for the same text replying to the same parent.

Images go up through media v2 with their alt text as `description`, each checked
against the instance's `configuration.media_attachments` before any upload; a
202 means the server is still processing it, and the status waits (visibly,
for a bounded time) until it is ready, as Mastodon refuses unprocessed media.

Who may quote each status (`quote_approval_policy`) is sent only to an instance whose
API version says it takes it (Mastodon 4.5): an older one would ignore it, and the
person would believe their posts protected.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from threadsmith.errors import (
    AmbiguousResult,
    InputError,
    RateLimited,
    ServiceError,
    ThreadsmithError,
)
from threadsmith.journal import Outgoing, PostRef
from threadsmith.networks.mastodon import client as mc
from threadsmith.networks.mastodon.account import instance_limits
from threadsmith.networks.mastodon.instance import InstanceLimits, why_no_quote_policy
from threadsmith.networks.mastodon.media import MediaFile, check_media

VISIBILITIES = ("public", "unlisted", "private", "direct")
# threadsmith's words for who may quote (`network.core.QUOTES`) as Mastodon's API says them
QUOTE_POLICIES = {"everyone": "public", "followers": "followers", "nobody": "nobody"}
MEDIA_WAIT_SECONDS = 120.0  # the longest a status waits for its images to be processed
LOOKBACK = 40  # statuses read when looking for one already sent (the API's maximum page)
_STATUS_PATH = re.compile(r"^/(?:@[^/]+|users/[^/]+/statuses)/(\d+)/?$")
_REMOTE_MENTION = re.compile(r"(?<![=/\w])@([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)@[\w.-]*\w")


class MastodonPublisher:
    """One Mastodon account; implements `threadsmith.network.Publisher`.

    `visibility` None is the Mastodon custom: the first status public, the
    replies unlisted (a thread takes one place in public timelines); a value
    gives every status that visibility. `language` (ISO 639) and `spoiler_text`
    (a content warning, which counts toward each status's length) go on every
    status, as does `quotes` (who may quote it: everyone, followers, nobody; None leaves
    it to the account's own default) where the instance can set it. `on_wait` hears, in
    one line a second, why publishing is waiting."""

    def __init__(
        self,
        handle: str,
        instance: str,
        token: str,
        *,
        visibility: str | None = None,
        language: str | None = None,
        spoiler_text: str | None = None,
        quotes: str | None = None,
        limits: InstanceLimits | None = None,
        timeout: float = mc.DEFAULT_TIMEOUT,
        media_wait: float = MEDIA_WAIT_SECONDS,
        on_wait: Callable[[str], None] = lambda line: None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if visibility is not None and visibility not in VISIBILITIES:
            raise InputError(
                f"visibility must be one of {', '.join(VISIBILITIES)}, not {visibility!r}"
            )
        if quotes is not None and quotes not in QUOTE_POLICIES:
            raise InputError(f"quotes must be one of {', '.join(QUOTE_POLICIES)}, not {quotes!r}")
        self.handle = handle
        self.warnings: list[str] = []
        self.base = mc.base_url(instance)
        self.limits = limits or instance_limits(self.base, timeout)
        self._quote_policy = QUOTE_POLICIES[quotes] if quotes is not None else None
        if self._quote_policy is not None and not self.limits.sets_quote_policy:
            self._quote_policy = None  # an older instance would ignore it: not sent
            if quotes != "everyone":  # everyone may quote there anyway: nothing to say
                why = why_no_quote_policy(self.limits, mc.host(self.base))
                self.warnings.append(f"quotes: {quotes} was not applied: {why}")
        self._visibility = visibility
        self._language = language or None
        self._spoiler_text = spoiler_text or None
        self._media_wait = media_wait
        self._on_wait = on_wait
        self._sleep = sleep
        self._clock = clock
        self._api = mc.client(self.base, token, version=self.limits.version, timeout=timeout)
        self._account_id: str | None = None
        self._uploaded: dict[tuple[str, str], str] = {}  # (path, alt) -> media id, until used

    def close(self) -> None:
        self._api.session.close()

    def new_key(self) -> str:
        return "threadsmith-" + secrets.token_urlsafe(18)

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        files = check_media(post.media, self.limits.media, post.number)  # all, before uploading
        media_ids = [self._upload(file) for file in files]
        visibility = self._visibility or ("unlisted" if parent is not None else "public")
        status = mc.call(
            self._api,
            lambda: self._api.status_post(
                post.text,
                in_reply_to_id=parent.id if parent else None,
                media_ids=media_ids or None,
                visibility=visibility,
                spoiler_text=self._spoiler_text,
                language=self._language,
                idempotency_key=key,
                quote_approval_policy=self._quote_policy,
            ),
            f"publish post {post.number}",
            ambiguous=True,
        )
        for file in files:
            self._uploaded.pop((file.media.path, file.media.alt), None)  # attached now
        return self._ref(status)

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        """The post among the account's recent statuses (same text, same parent), or None.

        Statuses come back as HTML, mentions showing `@user` only: both sides are
        compared as plain text with remote mentions cut to `@user`."""
        try:
            recent = mc.call(
                self._api,
                lambda: self._api.account_statuses(
                    self._me(), since_id=parent.id if parent else None, limit=LOOKBACK
                ),
                "read your recent statuses",
            )
        except RateLimited:
            raise  # the run waits for the reset, then looks again
        except ThreadsmithError:
            raise AmbiguousResult(
                f"could not tell whether post {post.number} reached {mc.host(self.base)} (its "
                f"statuses could not be read); nothing was resent: check {self._profile()} and "
                "run the same command again to resume"
            ) from None
        wanted = comparable(post.text)
        parent_id = parent.id if parent else None
        for status in recent:
            replied = status.get("in_reply_to_id")
            same_parent = (str(replied) if replied is not None else None) == parent_id
            if same_parent and comparable(status_text(str(status.get("content", "")))) == wanted:
                return self._ref(status)
        return None

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        """(root, parent) for continuing the thread at `url`: a status of this instance
        by its id, any other by asking the instance to resolve it."""
        parts = urlsplit(url)
        match = _STATUS_PATH.match(parts.path)
        if match is None:
            raise InputError(f"not a Mastodon post link: {url!r}")
        if parts.netloc == mc.host(self.base):
            status = mc.call(self._api, lambda: self._api.status(match[1]), "find the post")
        else:
            found = mc.call(
                self._api,
                lambda: self._api.search_v2(url, resolve=True, result_type="statuses"),
                "find the post",
            )
            if not found["statuses"]:
                raise InputError(f"{mc.host(self.base)} cannot find the post {url}")
            status = found["statuses"][0]
        parent = self._ref(status)
        context = mc.call(self._api, lambda: self._api.status_context(status["id"]), "read it")
        ancestors = context["ancestors"]
        return (self._ref(ancestors[0]) if ancestors else parent), parent

    # --- helpers ----------------------------------------------------------------------

    def _upload(self, file: MediaFile) -> str:
        cached = self._uploaded.get((file.media.path, file.media.alt))
        if cached is not None:
            return cached  # uploaded by an attempt that did not publish
        name = file.media.path.rsplit("/", 1)[-1]
        uploaded = mc.call(
            self._api,
            lambda: self._api.media_post(
                file.data, mime_type=file.mime_type, description=file.media.alt or None,
                file_name=name,
            ),
            f"upload {name}",
        )  # fmt: skip
        media_id = str(uploaded["id"])
        self._uploaded[(file.media.path, file.media.alt)] = media_id
        if uploaded.get("url") is None:
            self._wait_for(media_id, name)
        return media_id

    def _wait_for(self, media_id: str, name: str) -> None:
        """Poll until the server has processed the image, at most `media_wait` seconds."""
        start = self._clock()
        pause = 0.5
        while (waited := self._clock() - start) < self._media_wait:
            self._on_wait(f"{mc.host(self.base)} is processing {name} ({waited:.0f} s)")
            self._sleep(pause)
            media = mc.call(self._api, lambda: self._api.media(media_id), f"check on {name}")
            if media.get("url") is not None:
                return
            pause = min(pause * 2, 4.0)
        raise ServiceError(
            f"{mc.host(self.base)} was still processing {name} after {self._media_wait:.0f} s; "
            "run the same command again later to resume"
        )

    def _me(self) -> str:
        if self._account_id is None:
            me = mc.call(self._api, self._api.account_verify_credentials, "read your account")
            self._account_id = str(me["id"])
        return self._account_id

    def _ref(self, status: Any) -> PostRef:
        status_id = str(status["id"])
        url = status.get("url") or f"{self.base}/@{self.handle.split('@')[0]}/{status_id}"
        return PostRef(status_id, str(url), uri=status.get("uri"))

    def _profile(self) -> str:
        return f"{self.base}/@{self.handle.split('@')[0]}"


def comparable(text: str) -> str:
    """A status's words as the server's HTML and the journal can both give them."""
    return " ".join(_REMOTE_MENTION.sub(r"@\1", text).split())


def status_text(content: str) -> str:
    """The plain text of a status's `content`, as Mastodon renders it: paragraphs,
    line breaks, and links whose visible and invisible parts make the full URL."""
    parser = _TextOfHTML()
    parser.feed(content)
    parser.close()
    return "".join(parser.parts).strip()


class _TextOfHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive decoded
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
