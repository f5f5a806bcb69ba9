"""Bluesky through the atproto SDK, on any PDS (bsky.social or self-hosted).

A post's text is sent as the official app sends it, each link shortened
("www.naht.org.uk/news/latest..."), its link facet keeping the whole address:
`facets.posted`, the text the engine counted.

A thread goes out whole, as the official app sends one: every post, its threadgate
and postgates in one repository commit (`prepare_thread`, `send_thread`: see
`commit`), each record keyed and its CID computed before the request, so the run
journals them all first and a reply names its parent's CID. One post at a time
(`send`, for a run paced with `--delay`) each is an `app.bsky.feed.post` record
created with a record key (a TID) the run journalled before the request. Either
way a retry after an ambiguous failure looks the key up first, so a post is never
written twice. Sessions are reused (createSession is limited to 30 per 5 minutes)
and every refreshed session is handed back to be kept in the keyring; a session the
server no longer accepts (revoked, expired beyond refresh) is replaced once by
logging in again with the app password. Every request has a timeout.

Who may reply and who may quote are records of their own, keyed as the post they
gate: a threadgate on the thread's first post (its allow rules; an empty list for
nobody) and a postgate on each post (embedding disabled). They go in the same
atomic repository write as their post (`applyWrites`), so the post's journal entry
covers them: never written twice, never a post without its gate.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
from atproto import models
from atproto_client import exceptions as sdk

from threadsmith.errors import (
    AmbiguousResult,
    AuthError,
    InputError,
)
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import ImageRules
from threadsmith.networks import images
from threadsmith.networks.bluesky import commit, facets
from threadsmith.networks.bluesky.calls import SessionRefused, call, error_name, new_client
from threadsmith.networks.bluesky.commit import new_tid
from threadsmith.networks.bluesky.gates import ALLOW_RULES, gate_writes
from threadsmith.threading.models import Media

COLLECTION = "app.bsky.feed.post"
POST_URL = re.compile(r"^https://bsky\.app/profile/([^/]+)/post/([^/?#]+)")
AT_URI = re.compile(r"^at://([^/]+)/app\.bsky\.feed\.post/([^/?#]+)$")


def login(handle: str, app_password: str, service: str) -> str:
    """Verify the credentials by creating a session; returns the SDK's session string."""
    client = new_client(service)
    try:
        call(
            lambda: client.login(handle, app_password, fetch_bsky_profile=False), service, "log in"
        )
        return str(client.export_session_string())
    finally:
        client.request.close()


class BlueskyPublisher:
    """One Bluesky account; implements `threadsmith.network.Publisher`."""

    def __init__(
        self,
        handle: str,
        service: str,
        app_password: str,
        session: str | None,
        on_session_change: Callable[[str], None],
        images: ImageRules,
        replies: str = "everyone",
        quotes: bool = True,
        max_writes: int = commit.MAX_WRITES,
    ) -> None:
        self.handle = handle
        self._image_rules = images
        self._allow = ALLOW_RULES.get(replies)  # None: anyone may reply
        self._quotes = quotes
        self.service = service
        self.warnings: list[str] = []
        self._client = new_client(service)
        self._last_created = 0.0
        self._app_password = app_password
        self._logged_in_again = False
        self._on_session_change = on_session_change
        self._max_writes = max_writes
        self._prepared: dict[str, commit.Planned] = {}  # by record key, until sent
        self._on_upload: Callable[[int, int], None] = commit.no_upload
        self._building = (0, 0)  # the post whose records are being built, images uploaded
        self._client.on_session_change(lambda *_: on_session_change(self._session_string()))
        if session:
            try:
                self._client.login(session_string=session, fetch_bsky_profile=False)
            except (sdk.AtProtocolError, httpx.HTTPError, ValueError):
                session = None  # expired beyond refresh, or damaged: log in afresh
        if not session:
            self._log_in()
        self.did: str = self._client._session.did

    def _log_in(self) -> None:
        call(
            lambda: self._client.login(self.handle, self._app_password, fetch_bsky_profile=False),
            self.service,
            "log in",
            hint=f"; run `thread login bluesky --handle {self.handle}` again",
        )
        self._on_session_change(self._session_string())

    def _call(self, action: Callable[[], Any], what: str, ambiguous: bool = False) -> Any:
        """`_call` with the account's session, replaced once if the server refuses it."""
        try:
            return call(action, self.service, what, ambiguous, session=True)
        except SessionRefused:
            if self._logged_in_again:
                raise AuthError(
                    f"Bluesky refused the session to {what} even after logging in again"
                ) from None
        self._logged_in_again = True  # the request was refused, so never applied: resend it
        self._log_in()
        return call(action, self.service, what, ambiguous)

    def close(self) -> None:
        self._client.request.close()

    def _session_string(self) -> str:
        return str(self._client.export_session_string())

    def new_key(self) -> str:
        return new_tid()

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        record, gates = self._post_writes(post, key, root, parent)
        if not gates:
            data = models.ComAtprotoRepoCreateRecord.Data(
                repo=self.did, collection=COLLECTION, record=record, rkey=key
            )
            result = self._call(
                lambda: self._client.com.atproto.repo.create_record(data),
                f"publish post {post.number}",
                ambiguous=True,
            )
            return self._ref(result.uri, result.cid)
        writes = [
            models.ComAtprotoRepoApplyWrites.Create(collection=COLLECTION, rkey=key, value=record),
            *gates,
        ]
        written = self._call(
            lambda: self._client.com.atproto.repo.apply_writes(
                models.ComAtprotoRepoApplyWrites.Data(repo=self.did, writes=writes)
            ),
            f"publish post {post.number}",
            ambiguous=True,
        )
        created = (written.results or [None])[0]
        if created is None:  # a PDS that does not say what it wrote: read the post back
            found = self.find_sent(post, key=key, parent=parent)
            if found is None:
                raise AmbiguousResult(_could_not_check(post.number, self.handle))
            return found
        return self._ref(created.uri, created.cid)

    # --- a whole thread in one commit (`threadsmith.network.SendsThreads`) ------------

    def prepare_thread(
        self,
        posts: Sequence[Outgoing],
        *,
        keys: Sequence[str | None],
        root: PostRef | None,
        parent: PostRef | None,
        on_upload: Callable[[int, int], None],
    ) -> list[PostRef]:
        """Each post's records built (its images uploaded) and its CID computed, as many
        posts as one commit takes; kept until `send_thread` sends them."""
        self._prepared = {}
        self._on_upload = on_upload
        refs: list[PostRef] = []
        writes = 0
        try:
            for post, journalled in zip(posts, keys, strict=True):
                needed = commit.writes_needed(
                    first=parent is None, threadgate=self._allow is not None,
                    postgate=not self._quotes,
                )  # fmt: skip
                if refs and writes + needed > self._max_writes:
                    break
                key = journalled or new_tid()
                record, gates = self._post_writes(post, key, root, parent)
                cid = commit.record_cid(record)
                create = models.ComAtprotoRepoApplyWrites.Create(
                    collection=COLLECTION, rkey=key, value=record
                )
                self._prepared[key] = commit.Planned(post.number, (create, *gates), cid)
                ref = PostRef(key, web_url(self.handle, key), self._uri(key), cid)
                refs.append(ref)
                writes += needed
                root, parent = root or ref, ref
        finally:
            self._on_upload = commit.no_upload
        return refs

    def send_thread(self, refs: Sequence[PostRef]) -> list[PostRef]:
        planned = [self._prepared[ref.id] for ref in refs]
        what = "publish " + commit.range_said(planned[0].number, planned[-1].number)
        writes = [write for post in planned for write in post.writes]
        written = self._call(
            lambda: self._client.com.atproto.repo.apply_writes(
                models.ComAtprotoRepoApplyWrites.Data(repo=self.did, writes=writes)
            ),
            what,
            ambiguous=True,
        )
        self._prepared = {}
        given = {r.uri: r.cid for r in written.results or [] if getattr(r, "uri", None)}
        for ref in refs:  # the PDS's own CIDs: the replies named these
            if ref.uri in given and given[ref.uri] != ref.cid:
                self.warnings.append(
                    f"Bluesky gave {ref.uri} the CID {given[ref.uri]}, not {ref.cid} as "
                    "computed: the reply to it may not show in its thread"
                )
        return [
            PostRef(ref.id, ref.url, ref.uri, given.get(ref.uri or "", ref.cid)) for ref in refs
        ]

    def _post_writes(
        self, post: Outgoing, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> tuple[Any, list[Any]]:
        """The post's record and its gates' writes (none when nothing is restricted)."""
        self._building = (post.number, 0)
        embed = self._embed(post)  # before the record: a bad file fails cleanly
        created_at = self._created_at()
        text, detected = facets.posted(post.text)  # links shortened, as the engine counted
        record = models.AppBskyFeedPost.Record(
            text=text,
            created_at=created_at,
            facets=self._facets(detected) or None,
            embed=embed,
            reply=commit.reply_ref(root, parent),
        )
        if post.number == 1 and parent is not None and self._allow is not None:
            self.warnings.append(
                "who may reply is set on a thread's first post: continuing an existing "
                "thread (--reply-to), it was not set"
            )
        return record, self._gates(key, created_at, first=parent is None)

    def _gates(self, key: str | None, created_at: str, *, first: bool) -> list[Any]:
        """The post's threadgate and postgate writes (`gates`); none without a key."""
        if key is None:
            return []
        return gate_writes(
            self._uri(key), key, created_at, allow=self._allow, quotes=self._quotes, first=first
        )

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        if key is None:
            raise AmbiguousResult(f"post {post.number} has no record key to look it up by")
        params = models.ComAtprotoRepoGetRecord.Params(
            repo=self.did, collection=COLLECTION, rkey=key
        )
        try:
            found = self._client.com.atproto.repo.get_record(params)
        except sdk.BadRequestError as exc:
            if error_name(exc) == "RecordNotFound":
                return None
            raise AmbiguousResult(_could_not_check(post.number, self.handle)) from None
        except (sdk.AtProtocolError, httpx.HTTPError):
            raise AmbiguousResult(_could_not_check(post.number, self.handle)) from None
        return self._ref(found.uri, found.cid or "")

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        match = POST_URL.match(url) or AT_URI.match(url)
        if match is None:
            raise InputError(f"not a Bluesky post link: {url!r}")
        actor, rkey = match.groups()
        did = actor if actor.startswith("did:") else self._resolve_handle(actor)
        if did is None:
            raise InputError(f"cannot find the Bluesky account {actor!r} of {url}")
        params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=COLLECTION, rkey=rkey)
        record = self._call(
            lambda: self._client.com.atproto.repo.get_record(params), "find the post"
        )
        parent = PostRef(rkey, web_url(actor, rkey), record.uri, record.cid)
        reply = getattr(record.value, "reply", None)
        if reply is None:
            return parent, parent
        root_uri, root_cid = reply.root.uri, reply.root.cid
        root_rkey = root_uri.rsplit("/", 1)[-1]
        root_actor = root_uri.split("/")[2]
        return PostRef(root_rkey, web_url(root_actor, root_rkey), root_uri, root_cid), parent

    # --- the parts of a record ------------------------------------------------------

    def _created_at(self) -> str:
        """ISO 8601 UTC with milliseconds, strictly increasing along the thread."""
        stamp = max(time.time(), self._last_created + 0.001)
        self._last_created = stamp
        return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

    def _facets(self, detected: list[facets.Facet]) -> list[Any]:
        out = []
        for found in detected:
            if found.kind == "link":
                feature: Any = models.AppBskyRichtextFacet.Link(uri=found.value)
            elif found.kind == "tag":
                feature = models.AppBskyRichtextFacet.Tag(tag=found.value)
            else:
                did = self._resolve_handle(found.value)
                if did is None:
                    self.warnings.append(f"@{found.value} is not a Bluesky account: left as text")
                    continue
                feature = models.AppBskyRichtextFacet.Mention(did=did)
            index = models.AppBskyRichtextFacet.ByteSlice(
                byte_start=found.start, byte_end=found.end
            )
            out.append(models.AppBskyRichtextFacet.Main(index=index, features=[feature]))
        return out

    def _resolve_handle(self, handle: str) -> str | None:
        params = models.ComAtprotoIdentityResolveHandle.Params(handle=handle)
        try:
            return str(self._client.com.atproto.identity.resolve_handle(params).did)
        except sdk.BadRequestError:
            return None  # no such handle

    def _embed(self, post: Outgoing) -> Any:
        """What the post shows under its text: its images, else its link card as it was
        previewed (`cards.py`), its picture uploaded now (None: nothing)."""
        if post.media or post.card is None:
            return self._images(post.media, post.number)
        from threadsmith.networks.bluesky.cards import THUMBNAIL

        card, thumb = post.card, None
        if card.thumbnail is not None:
            try:
                _, data = images.read(card.thumbnail, THUMBNAIL, "Bluesky")
            except InputError as error:  # the kept picture was removed since the preview
                self.warnings.append(
                    f"post {post.number}: its link card went without its picture ({error})"
                )
            else:
                thumb = self._upload(data).blob
        external = models.AppBskyEmbedExternal.External(
            uri=card.uri, title=card.title, description=card.description, thumb=thumb
        )
        return models.AppBskyEmbedExternal.Main(external=external)

    def _images(self, media: tuple[Media, ...], number: int) -> Any:
        if not media:
            return None
        images.check_count(len(media), self._image_rules, "Bluesky", number)
        embedded = []
        for item in media:
            image, data = images.read(item.path, self._image_rules, "Bluesky")
            blob = self._upload(data)
            ratio = models.AppBskyEmbedDefs.AspectRatio(width=image.width, height=image.height)
            embedded.append(
                models.AppBskyEmbedImages.Image(alt=item.alt, image=blob.blob, aspect_ratio=ratio)
            )
        return models.AppBskyEmbedImages.Main(images=embedded)

    def _upload(self, data: bytes) -> Any:
        number, uploaded = self._building
        self._building = (number, uploaded + 1)
        self._on_upload(number, uploaded + 1)
        return self._call(lambda: self._client.upload_blob(data), "upload an image")

    def _uri(self, key: str) -> str:
        return f"at://{self.did}/{COLLECTION}/{key}"

    def _ref(self, uri: str, cid: str) -> PostRef:
        rkey = uri.rsplit("/", 1)[-1]
        return PostRef(rkey, web_url(self.handle, rkey), uri, cid)


def web_url(actor: str, rkey: str) -> str:
    return f"https://bsky.app/profile/{actor}/post/{rkey}"


def _could_not_check(number: int, handle: str) -> str:
    return (
        f"could not tell whether post {number} reached Bluesky (the server did not answer); "
        f"nothing was resent: check https://bsky.app/profile/{handle} and run the same "
        "command again to resume"
    )
