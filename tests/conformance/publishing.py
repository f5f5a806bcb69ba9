"""Publishing an essay as `thread publish` does, through `threadsmith.publish` (plan,
start, run), with the account's secrets read from the keyring."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from threadsmith import accounts, publish
from threadsmith.essay import SplitOptions
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import Account, Publisher
from threadsmith.store import Store


@dataclass
class Published:
    target: publish.Target
    run_id: int
    first: PostRef | None = None
    events: list[publish.Event] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [post.text for post in self.target.posts]

    @property
    def refs(self) -> list[PostRef]:
        return [event.ref for event in self.events if isinstance(event, publish.Sent)]


def essay(folder: Path, *paragraphs: str) -> Path:
    """An essay of `paragraphs`, one post each (`---` is the author's post break), each
    marked with a token of its own: no two tests' posts are the same text."""
    token = secrets.token_hex(3)
    path = folder / f"essay-{token}.md"
    path.write_text("\n\n---\n\n".join(f"{text} ({token})" for text in paragraphs) + "\n")
    return path


def plan(
    store: Store, account: Account, path: Path, options: Mapping[str, str] | None = None
) -> publish.Plan:
    """What publishing `path` to `account` would do, with the publish `options` given."""
    return publish.plan(
        store, path.read_text(), draft_key=f"file:{path}", base=path.parent,
        accounts=[account], options=SplitOptions(publish=dict(options or {})),
    )  # fmt: skip


def publish_essay(
    store: Store,
    account: Account,
    path: Path,
    options: Mapping[str, str] | None = None,
    wrap: Callable[[Publisher], Publisher] = lambda publisher: publisher,
) -> Published:
    """Plan, journal and run `path` to `account`; `wrap` stands between the run and the
    network's publisher. Raises what the run raises (the journal keeps where it stopped)."""
    made = plan(store, account, path, options)
    (target,) = made.targets
    started = publish.start(store, made, target)
    assert started.run is not None, "these posts went out before"
    done = Published(target, started.run.id)
    done.first = resume(store, account, done, wrap)
    return done


def resume(
    store: Store,
    account: Account,
    done: Published,
    wrap: Callable[[Publisher], Publisher] = lambda publisher: publisher,
) -> PostRef:
    """Run (or run again) `done`'s journal with a publisher opened afresh."""
    sender = wrap(accounts.open_publisher(account, done.target.options))
    try:
        return publish.run(store, done.run_id, sender, on_event=done.events.append)
    finally:
        sender.close()


class Died(BaseException):
    """The process ended mid-send (as a kill would): nothing in the run may catch it."""


class LoseAnswer:
    """A publisher whose post `number` reaches the server, which applies it, while its
    answer is lost (`lose`: the harness arranges that); with `die`, the process then
    ends before anything could look whether the post went out. A publisher that sends
    threads whole (`SendsThreads`) loses the answer to the request holding post `number`."""

    def __init__(
        self, inner: Publisher, number: int, lose: Callable[[], None], die: bool = False
    ) -> None:
        self._inner = inner
        self._number = number
        self._lose = lose
        self._die = die
        self.handle = inner.handle
        self.warnings = inner.warnings
        self.lost: list[BaseException] = []
        self._going: list[int] = []  # the posts of the request being sent whole
        self.whole = False  # the run sent posts together (`SendsThreads`)

    def __getattr__(self, name: str) -> object:
        # what else the publisher does (Threads' `prepare`, `check_room`), as it does it:
        # the run sees the same capabilities through the wrapper
        found = getattr(self._inner, name)
        if name == "prepare_thread":  # a thread sent whole: which posts the next request holds
            return self._noting(found)
        if name == "send_thread":  # …whose answer is lost if it holds post `number`
            return self._losing(found)
        return found

    def _noting(self, prepare: Callable[..., list[PostRef]]) -> Callable[..., list[PostRef]]:
        def noted(posts: list[Outgoing], **kwargs: object) -> list[PostRef]:
            refs = prepare(posts, **kwargs)
            self._going = [post.number for post in posts[: len(refs)]]
            return refs

        return noted

    def _losing(self, send: Callable[..., list[PostRef]]) -> Callable[..., list[PostRef]]:
        def losing(refs: list[PostRef]) -> list[PostRef]:
            self.whole = True
            if self._number not in self._going or self.lost:
                return send(refs)
            self._lose()
            try:
                return send(refs)
            except Exception as error:
                self.lost.append(error)
                if self._die:
                    raise Died(
                        f"killed after the answer to post {self._number} was lost"
                    ) from error
                raise

        return losing

    def new_key(self) -> str | None:
        return self._inner.new_key()

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        if post.number != self._number or self.lost:
            return self._inner.send(post, key=key, root=root, parent=parent)
        self._lose()
        try:
            return self._inner.send(post, key=key, root=root, parent=parent)
        except Exception as error:
            self.lost.append(error)
            if self._die:
                raise Died(f"killed after post {post.number}'s answer was lost") from error
            raise

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        return self._inner.find_sent(post, key=key, parent=parent)

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        return self._inner.resolve(url)

    def close(self) -> None:
        self._inner.close()
