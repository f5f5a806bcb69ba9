"""The run's path for a publisher that sends a thread whole (`SendsThreads`), on an
in-memory network whose `server` is the truth: every ref journalled before the request,
the request's posts all marked sent together, a lost answer looked up by the first post,
an undecidable one stopping the run with nothing resent; and how the command line says
the uploads and the commit."""

from __future__ import annotations

import argparse
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from threadsmith import publish
from threadsmith.cli.publish_lines import reporter
from threadsmith.errors import AmbiguousResult
from threadsmith.journal import Outgoing, PostRef, PostState
from threadsmith.network import SendsThreads, network_named
from threadsmith.store import Store
from threadsmith.threading.models import Media


class Whole:
    """Takes `per_call` posts a request; `outcomes` says what each request does: "ok",
    "lost" (applied, answer lost), "dropped" (never applied); `lookup` what looking does:
    "ok" or "unknown" (undecidable)."""

    def __init__(self, outcomes: Sequence[str] = (), per_call: int = 100) -> None:
        self.handle = "tester.test"
        self.warnings: list[str] = []
        self.server: dict[str, tuple[int, str | None]] = {}  # key → (number, parent key)
        self.outcomes = deque(outcomes)
        self.lookup = "ok"
        self.per_call = per_call
        self.calls: list[list[str]] = []  # the keys of each request sent whole
        self.one_by_one: list[int] = []  # the posts sent alone
        self.journal_at_send: list[dict[int, PostRef]] = []
        self.store: Store | None = None
        self.run_id = 0
        self._keys = 0
        self._prepared: dict[str, tuple[int, str | None]] = {}

    def new_key(self) -> str:
        self._keys += 1
        return f"k{self._keys:03d}"

    def prepare_thread(
        self,
        posts: Sequence[Outgoing],
        *,
        keys: Sequence[str | None],
        root: PostRef | None,
        parent: PostRef | None,
        on_upload: Callable[[int, int], None],
    ) -> list[PostRef]:
        refs = []
        for post, journalled in list(zip(posts, keys, strict=True))[: self.per_call]:
            for nth in range(1, len(post.media) + 1):
                on_upload(post.number, nth)
            key = journalled or self.new_key()
            self._prepared[key] = (post.number, parent.id if parent else None)
            parent = PostRef(key, f"https://example.test/{key}", f"at://x/{key}", f"cid-{key}")
            refs.append(parent)
        return refs

    def send_thread(self, refs: Sequence[PostRef]) -> list[PostRef]:
        assert self.store is not None
        self.journal_at_send.append(self.store.sending_refs(self.run_id))
        self.calls.append([ref.id for ref in refs])
        outcome = self.outcomes.popleft() if self.outcomes else "ok"
        if outcome != "dropped":
            for ref in refs:
                assert ref.id not in self.server, f"{ref.id} written twice"
                self.server[ref.id] = self._prepared[ref.id]
        if outcome != "ok":
            raise AmbiguousResult("the connection dropped")
        return list(refs)

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        assert key is not None and key not in self.server, f"{key} written twice"
        self.one_by_one.append(post.number)
        self.server[key] = (post.number, parent.id if parent else None)
        return PostRef(key, f"https://example.test/{key}", f"at://x/{key}", f"cid-{key}")

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        if self.lookup == "unknown":
            raise AmbiguousResult("could not tell whether post 1 reached the network")
        if key not in self.server:
            return None
        return PostRef(key, f"https://example.test/{key}", f"at://x/{key}", f"cid-{key}")

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        raise NotImplementedError

    def close(self) -> None:
        pass


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "journal.db")
    yield opened
    opened.close()


def start(store: Store, sender: Whole, count: int = 5) -> int:
    posts = [Outgoing(n, f"post {n}") for n in range(1, count + 1)]
    sender.store = store
    sender.run_id = store.create_run("d", network_named("bluesky"), "tester.test", posts).id
    return sender.run_id


def chain(sender: Whole) -> list[tuple[int, str | None]]:
    return sorted(sender.server.values())


def test_every_ref_is_journalled_before_the_request_and_all_are_sent_together(
    store: Store,
) -> None:
    sender = Whole(per_call=2)
    assert isinstance(sender, SendsThreads)
    run_id = start(store, sender)
    events: list[publish.Event] = []
    publish.run(store, run_id, sender, on_event=events.append)
    assert sender.calls == [["k001", "k002"], ["k003", "k004"], ["k005"]]
    assert [sorted(journal) for journal in sender.journal_at_send] == [[1, 2], [3, 4], [5]]
    assert sender.journal_at_send[0][2].cid == "cid-k002"
    assert chain(sender) == [(1, None), (2, "k001"), (3, "k002"), (4, "k003"), (5, "k004")]
    assert [post.state for post in store.run_posts(run_id)] == [PostState.SENT] * 5
    assert sender.one_by_one == []
    said = [e for e in events if isinstance(e, publish.Committing)]
    assert said == [
        publish.Committing(1, 2, 5),
        publish.Committing(3, 4, 5),
        publish.Committing(5, 5, 5),
    ]


def test_a_lost_answer_is_looked_up_and_every_post_of_it_marked_sent(store: Store) -> None:
    sender = Whole(outcomes=["lost"])
    run_id = start(store, sender)
    publish.run(store, run_id, sender, sleep=lambda s: None)
    assert sender.calls == [["k001", "k002", "k003", "k004", "k005"]]  # never sent again
    assert [post.state for post in store.run_posts(run_id)] == [PostState.SENT] * 5


def test_a_request_that_never_landed_is_sent_again_with_the_same_keys(store: Store) -> None:
    sender = Whole(outcomes=["dropped"])
    run_id = start(store, sender, 3)
    publish.run(store, run_id, sender, sleep=lambda s: None)
    assert sender.calls == [["k001", "k002", "k003"]] * 2
    assert chain(sender) == [(1, None), (2, "k001"), (3, "k002")]


def test_an_undecidable_answer_stops_the_run_and_nothing_is_sent_again(store: Store) -> None:
    sender = Whole(outcomes=["dropped"])
    sender.lookup = "unknown"
    run_id = start(store, sender, 3)
    events: list[publish.Event] = []
    with pytest.raises(AmbiguousResult, match="could not tell"):
        publish.run(store, run_id, sender, on_event=events.append, sleep=lambda s: None)
    assert len(sender.calls) == 1 and sender.server == {}
    assert [post.state for post in store.run_posts(run_id)] == [PostState.SENDING] * 3
    assert any(isinstance(event, publish.Failed) for event in events)

    resumed = Whole()  # the next run: the first post looked up, absent, the same keys sent
    resumed.store, resumed.run_id = store, run_id
    publish.run(store, run_id, resumed)
    assert resumed.calls == [["k001", "k002", "k003"]]


def test_a_paced_run_goes_post_by_post(store: Store) -> None:
    sender = Whole()
    run_id = start(store, sender, 3)
    publish.run(store, run_id, sender, delay=0.001, sleep=lambda s: None)
    assert sender.calls == [] and sender.one_by_one == [1, 2, 3]
    assert chain(sender) == [(1, None), (2, "k001"), (3, "k002")]


def test_the_command_line_says_the_uploads_and_the_commit(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = [Outgoing(1, "one"), Outgoing(2, "two", (Media("a.png", "alt"),)), Outgoing(3, "3")]
    run = store.create_run("d", network_named("bluesky"), "tester.test", posts)
    sender = Whole()
    sender.store, sender.run_id = store, run.id
    args = argparse.Namespace(assist=False, verbose=True)
    publish.run(store, run.id, sender, on_event=reporter(run, sender, args))
    out = capsys.readouterr().out
    assert "Bluesky @tester.test: uploading image 1 of post 2…" in out
    assert "Bluesky @tester.test: sending posts 1–3/3 at once…" in out
    assert out.index("uploading") < out.index("at once") < out.index("post 1/3 sent")


async def test_the_app_says_the_uploads_and_the_commit(store: Store) -> None:
    from textual.app import App, ComposeResult

    from threadsmith.tui.widgets.publish_progress import PublishProgress, PublishSummary

    posts = [Outgoing(n, f"post {n}") for n in range(1, 4)]
    run = store.create_run("d", network_named("bluesky"), "tester.test", posts)
    rows = [("Bluesky", run, store.run_posts(run.id))]

    class Shown(App[None]):
        def compose(self) -> ComposeResult:
            yield PublishProgress(id="rows")
            yield PublishSummary(id="summary")

    app = Shown()
    async with app.run_test() as pilot:
        table, summary = app.query_one(PublishProgress), app.query_one(PublishSummary)
        table.show_runs(rows)
        summary.show_runs(rows)
        for event in (publish.Uploading(2, 1), publish.Committing(1, 3, 3)):
            table.apply(run.id, event)
            summary.apply(run.id, event)
            await pilot.pause()
            if isinstance(event, publish.Uploading):
                assert table.get_cell(f"{run.id}:2", "state") == "uploading…"
                assert "Bluesky: uploading image 1 of post 2…" in str(summary.render())
        states = [table.get_cell(f"{run.id}:{n}", "state") for n in range(1, 4)]
        assert states == ["sending…"] * 3
        assert "Bluesky: sending posts 1–3/3 at once…" in str(summary.render())
