"""Publishing a thread to one Threads account: each post a container, then published.

A post is two requests: `POST /{user-id}/threads` makes a container (its text, the
post it replies to, its image by address, who may reply), and `POST
/{user-id}/threads_publish` publishes it, once `GET /{container-id}?fields=status`
says FINISHED. The container's id is the key the publish run journals before
publishing (`prepare`), so a run that lost an answer asks the container first: not
PUBLISHED means certainly not out (it is published then, or made again if it
expired); PUBLISHED means look for the post among the account's own (`find_sent`),
as for X, and stop rather than guess if it cannot be found.

Threads takes an image only by its public https:// address, which Meta downloads:
a local file is never uploaded anywhere; its post goes as text, and the run says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from threadsmith.errors import (
    AmbiguousResult,
    InputError,
    RateLimited,
    Refused,
    ServiceError,
    ThreadsmithError,
)
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import SaveSecrets
from threadsmith.networks.threads import quota
from threadsmith.networks.threads.account import Token, refreshed
from threadsmith.networks.threads.api import NotFound, ThreadsAPI

# `--replies` as Threads' `reply_control`; everyone is its default (sent as nothing)
REPLY_CONTROL = {
    "following": "accounts_you_follow",
    "mentioned": "mentioned_only",
    "followers": "followers_only",
}
CONTAINER_WAIT = 300.0  # seconds: Meta's advice is to look for no more than 5 minutes
LOOKBACK = "50"  # the account's recent posts read when looking for one already sent


class ThreadsPublisher:
    """One Threads account; implements `threadsmith.network.Publisher`, and makes each
    post's container before it is published (`prepare`) and checks the 24-hour quota
    before anything is sent (`check_room`). `sleep` and `clock` pace the polling."""

    def __init__(
        self,
        handle: str,
        base: str,
        token: Token,
        save: SaveSecrets,
        *,
        replies: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], float] = time.time,
        container_wait: float = CONTAINER_WAIT,
    ) -> None:
        self.handle = handle
        self.warnings: list[str] = []
        fresh = refreshed(base, token, now(), handle)  # where no caller renewed it first
        if fresh is not None:
            save(fresh.secrets())
            token = fresh
        self._user = token.user_id
        self._reply_control = REPLY_CONTROL.get(replies or "everyone")
        self._sleep = sleep
        self._clock = clock
        self._container_wait = container_wait
        self._api = ThreadsAPI(base, token.access_token, handle=handle)

    def close(self) -> None:
        self._api.close()

    def new_key(self) -> None:
        return None  # the key is the container's id, known once `prepare` made it

    def check_room(self, posts: Sequence[Outgoing], *, replying: bool) -> None:
        """Refuse, before anything is sent, a thread bigger than the account's quota left."""
        quota.check(quota.read(self._api, self._user), posts, replying, self.handle)

    def prepare(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> str:
        """The container to publish `post` from: the journalled one while Meta keeps it
        unpublished, else a new one."""
        if key is not None:
            try:
                status, _ = self._status(key, post.number)
            except NotFound:  # Meta no longer has it (never published: find_sent said so)
                status = ""
            if status in ("IN_PROGRESS", "FINISHED"):
                return key
            if status == "PUBLISHED":  # `find_sent` did not find it: never guess
                raise AmbiguousResult(self._unknown(post.number))
        fields = {"media_type": "TEXT", "text": post.text}
        addressed = [m for m in post.media if m.path.startswith("https://")]
        for media in post.media:
            said = (
                f"post {post.number}: {media.path} went as text: Threads takes an image only "
                "by its public https:// address"
            )  # said in the preview too (images.left_behind); once, whatever the tries
            if media not in addressed and said not in self.warnings:
                self.warnings.append(said)
        if addressed:
            fields |= {"media_type": "IMAGE", "image_url": addressed[0].path}
            if addressed[0].alt:
                fields["alt_text"] = addressed[0].alt
        if parent is not None:
            fields["reply_to_id"] = parent.id
        if self._reply_control is not None:
            fields["reply_control"] = self._reply_control
        made = self._api.post(f"{self._user}/threads", f"prepare post {post.number}", fields)
        if not made.get("id"):
            raise ServiceError(f"Threads did not answer as its API does (post {post.number})")
        return str(made["id"])

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        container = key or self.prepare(post, key=None, root=root, parent=parent)
        self._wait_until_finished(container, post.number)
        published = self._api.post(
            f"{self._user}/threads_publish", f"publish post {post.number}",
            {"creation_id": container}, ambiguous=True,
        )  # fmt: skip
        if not published.get("id"):
            raise AmbiguousResult(f"Threads did not say which post it published ({post.number})")
        return self._ref(str(published["id"]))

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        """The post, if an earlier attempt published it; None if it certainly did not."""
        try:
            if key is not None:
                status, _ = self._status(key, post.number)
                if status != "PUBLISHED":
                    return None  # a container never published: certainly not out
            return self._among_recent(post, parent)
        except (AmbiguousResult, RateLimited):
            raise  # the run stops, or waits for the reset and looks again
        except ThreadsmithError as error:
            raise AmbiguousResult(f"{self._unknown(post.number)} ({error})") from None

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        raise InputError(
            "Threads' API cannot find a post by its address: --reply-to is not available "
            "for Threads"
        )

    # --- helpers ----------------------------------------------------------------------

    def _status(self, container: str, number: int) -> tuple[str, str]:
        found = self._api.get(container, f"check on post {number}", fields="status,error_message")
        return str(found.get("status", "")), str(found.get("error_message") or "")

    def _wait_until_finished(self, container: str, number: int) -> None:
        """Poll the container until Meta has made it (an image downloaded), within
        `container_wait`; an expired one is made again by the run's next try."""
        start = self._clock()
        pause = 1.0
        while True:
            status, error = self._status(container, number)
            if status == "FINISHED":
                return
            if status == "ERROR":
                raise Refused(f"Threads could not make post {number}: {error or 'an error'}")
            if status == "EXPIRED":
                raise ServiceError(f"post {number}'s container expired: it is made again")
            if status == "PUBLISHED":
                raise AmbiguousResult(f"post {number} was published by an earlier attempt")
            if self._clock() - start >= self._container_wait:
                raise ServiceError(
                    f"Threads was still preparing post {number} after {self._container_wait:.0f} s"
                )
            self._sleep(pause)
            pause = min(pause * 2, 30.0)

    def _among_recent(self, post: Outgoing, parent: PostRef | None) -> PostRef | None:
        """The post among the account's recent ones (same text, same parent)."""
        if parent is None:
            found = self._api.get(
                f"{self._user}/threads", "read your recent posts",
                fields="id,text,timestamp", limit=LOOKBACK,
            )  # fmt: skip
        else:  # a reply is listed among the account's replies, with what it answers
            found = self._api.get(
                f"{self._user}/replies", "read your recent replies",
                fields="id,text,timestamp,replied_to", limit=LOOKBACK,
            )  # fmt: skip
        wanted = _comparable(post.text)
        for item in _listed(found):
            replied = item.get("replied_to")
            answers = str(replied.get("id")) if isinstance(replied, dict) else None
            if parent is not None and answers not in (None, parent.id):
                continue
            if _comparable(str(item.get("text", ""))) == wanted:
                return self._ref(str(item["id"]))
        return None

    def _ref(self, media_id: str) -> PostRef:
        """The post, with its permalink (a failure to read it never fails the post)."""
        try:
            found = self._api.get(media_id, "read the post's address", fields="permalink")
            url = str(found.get("permalink") or "")
        except ThreadsmithError:
            url = ""
        return PostRef(media_id, url or f"https://www.threads.com/@{self.handle}")

    def _unknown(self, number: int) -> str:
        return (
            f"could not tell whether post {number} reached Threads; nothing was resent: check "
            f"https://www.threads.com/@{self.handle} and run the same command again to resume"
        )


def _listed(answer: dict[str, Any]) -> list[dict[str, Any]]:
    data = answer.get("data")
    return (
        [item for item in data if isinstance(item, dict) and item.get("id")]
        if isinstance(data, list)
        else []
    )


def _comparable(text: str) -> str:
    return " ".join(text.split())
