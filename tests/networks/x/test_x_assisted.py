"""X published by hand (assisted), through the publish run and a scripted person: the
compose links carry each post and the reply chain, the journal keeps what was pasted,
wrong pastes are asked again, stopping resumes at the post it stopped at."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.guide import ScriptedGuide
from threadsmith import publish
from threadsmith.errors import Cancelled, InputError
from threadsmith.journal import Outgoing, PostState
from threadsmith.network import Account, network_named
from threadsmith.networks.x.links import compose_url, parse_status
from threadsmith.store import Store
from threadsmith.threading.models import Media

X = network_named("x")
TEXTS = [
    f"Fair funding, point {n}: every school needs it & more. #EdChat {n}/5" for n in range(1, 6)
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


def new_run(store: Store, handle: str = "", media: tuple[Media, ...] = ()) -> int:
    posts = [Outgoing(n, text, media if n == 2 else ()) for n, text in enumerate(TEXTS, 1)]
    return store.create_run("file:/essay.md", X, handle, posts).id


def by_hand(store: Store, run_id: int, guide: ScriptedGuide, handle: str = "") -> None:
    assert X.assisted is not None
    publisher = X.assisted.open_publisher(Account(X, handle), guide, {})
    publish.run(store, run_id, publisher)


def address(number: int, user: str = "campaigner") -> str:
    return f"https://x.com/{user}/status/{1860000000000000000 + number}"


def query(url: str) -> dict[str, str]:
    """A compose link's parameters, decoded exactly (no "+" for a space)."""
    pairs = (part.split("=", 1) for part in urlsplit(url).query.split("&"))
    return {name: unquote(value, errors="strict") for name, value in pairs}


def test_each_post_is_handed_over_as_a_reply_to_the_last_and_journalled(store: Store) -> None:
    run_id = new_run(store)
    guide = ScriptedGuide(deque(address(n) + "?s=20&t=abc" for n in range(1, 6)))
    by_hand(store, run_id, guide)
    assert [query(h.compose_url)["text"] for h in guide.shown] == TEXTS
    assert "in_reply_to" not in query(guide.shown[0].compose_url)
    ids = [p.ref.id for p in store.run_posts(run_id) if p.ref]
    assert [query(h.compose_url).get("in_reply_to") for h in guide.shown[1:]] == ids[:-1]
    assert [h.reply_to for h in guide.shown] == [None, *(address(n) for n in range(1, 5))]
    assert [p.ref.url for p in store.run_posts(run_id) if p.ref] == [
        address(n) for n in range(1, 6)
    ]  # as x.com keeps it: no tracking query
    assert guide.shown[0].length == len(TEXTS[0])  # ASCII: weighted as its length
    run = store.run(run_id)
    assert run.status == "done" and run.handle == "campaigner"  # learnt from the first


@pytest.mark.parametrize(
    ("paste", "why"),
    [
        ("", "not the address of a post on X"),
        ("https://example.org/campaigner/status/1", "not the address of a post on X"),
        ("https://x.com/campaigner", "not the address of a post on X"),
        (address(2), "That is the address of post 2"),  # the last one, pasted again
        (address(1), "That is the address of post 1"),
        ("https://x.com/campaigner/status/1000", "older than the one post 3 replies to"),
        (address(3, "someoneelse"), "a post by @someoneelse, and this thread is @campaigner's"),
    ],
)
def test_a_wrong_paste_gets_one_line_and_the_same_question(
    store: Store, paste: str, why: str
) -> None:
    run_id = new_run(store, "campaigner")
    answers = [address(1), address(2), paste, address(3), address(4), address(5)]
    guide = ScriptedGuide(deque(answers))
    by_hand(store, run_id, guide, "campaigner")
    assert len(guide.said) == 1 and why in guide.said[0] and "post 3" in guide.said[0]
    assert [q for q, _ in guide.asked].count(guide.asked[2][0]) == 2  # post 3's, twice
    assert len(guide.shown) == 5  # the post is not handed over again
    assert store.run_posts(run_id)[2].ref.id == address(3).rsplit("/", 1)[1]  # type: ignore[union-attr]


def test_stopping_leaves_the_post_to_ask_about_and_resuming_asks_first(store: Store) -> None:
    run_id = new_run(store)
    guide = ScriptedGuide(deque([address(1), address(2), address(3), None]))
    with pytest.raises(Cancelled, match="stopped at post 4"):
        by_hand(store, run_id, guide)
    states = [p.state for p in store.run_posts(run_id)]
    assert states == ["sent", "sent", "sent", PostState.SENDING, "pending"]
    assert store.run(run_id).handle == "campaigner" and store.run_owner(run_id) is None

    # it had gone out after all: its address is taken without handing it over again
    resumed = ScriptedGuide(deque([address(4), address(5)]))
    by_hand(store, run_id, resumed, "campaigner")
    assert resumed.asked[0][1] is True and "Post 4" in resumed.asked[0][0]
    assert [query(h.compose_url)["in_reply_to"] for h in resumed.shown] == [address(4)[-19:]]
    assert store.run(run_id).status == "done"


def test_a_post_not_published_before_stopping_is_handed_over_again(store: Store) -> None:
    run_id = new_run(store)
    with pytest.raises(Cancelled):
        by_hand(store, run_id, ScriptedGuide(deque([address(1), address(2), address(3)])))
    resumed = ScriptedGuide(deque(["", address(4), address(5)]))  # "it was not published"
    by_hand(store, run_id, resumed, "campaigner")
    assert query(resumed.shown[0].compose_url) == {
        "text": TEXTS[3],
        "in_reply_to": address(3)[-19:],
    }
    assert [p.ref.url for p in store.run_posts(run_id) if p.ref][3:] == [address(4), address(5)]


def test_images_are_named_for_attaching_by_hand(store: Store) -> None:
    chart = Media("/essays/chart.png", "Funding per pupil, 2010-2025")
    run_id = new_run(store, media=(chart,))
    guide = ScriptedGuide(deque(address(n) for n in range(1, 6)))
    by_hand(store, run_id, guide)
    assert guide.shown[1].post.media == (chart,) and guide.shown[0].post.media == ()


def test_reply_to_an_existing_post_needs_no_api(store: Store) -> None:
    assert X.assisted is not None
    publisher = X.assisted.open_publisher(Account(X, ""), ScriptedGuide(), {})
    root, parent = publisher.resolve("https://twitter.com/nahtnews/status/1859000000000000000?s=46")
    assert root == parent and parent.id == "1859000000000000000"
    assert parent.url == "https://x.com/nahtnews/status/1859000000000000000"
    with pytest.raises(InputError, match="not an X post address"):
        publisher.resolve("https://bsky.app/profile/a/post/b")


@pytest.mark.parametrize(
    "pasted",
    [
        "https://x.com/Campaigner/status/1860000000000000001",
        "https://twitter.com/Campaigner/status/1860000000000000001?s=20&t=AbC-12",
        "http://mobile.twitter.com/Campaigner/status/1860000000000000001/",
        "https://www.x.com/Campaigner/status/1860000000000000001#reply",
        "x.com/Campaigner/status/1860000000000000001/photo/1",
        "  <https://x.com/Campaigner/statuses/1860000000000000001>  ",
    ],
)
def test_the_addresses_people_paste_are_read(pasted: str) -> None:
    link = parse_status(pasted)
    assert link is not None and (link.user, link.id) == ("Campaigner", "1860000000000000001")
    assert link.url == "https://x.com/Campaigner/status/1860000000000000001"


@pytest.mark.parametrize(
    "pasted",
    [
        "https://x.com/i/web/status/1860000000000000001",
        "https://x.com/i/status/1860000000000000001",
    ],
)
def test_an_address_without_a_user_is_a_post_of_no_one_in_particular(pasted: str) -> None:
    link = parse_status(pasted)
    assert link is not None and link.user is None and link.id == "1860000000000000001"


@pytest.mark.parametrize(
    "pasted",
    [
        "https://x.com/campaigner",
        "https://x.com/campaigner/status/",
        "https://x.com/campaigner/status/12ab",
        "https://x.com.example.org/campaigner/status/1",
        "https://notx.com/campaigner/status/1",
        "https://x.com/campaigner/status/1 and more words",
        "https://x.com/a_name_far_too_long/status/1",
    ],
)
def test_other_addresses_are_not_posts(pasted: str) -> None:
    assert parse_status(pasted) is None


@given(st.text(min_size=1, max_size=400), st.none() | st.integers(1, 2**63).map(str))
def test_a_compose_link_carries_any_text_exactly(text: str, reply: str | None) -> None:
    url = compose_url(text, reply)
    assert url.startswith("https://x.com/intent/post?text=")
    assert query(url)["text"] == text
    assert parse_qs(urlsplit(url).query, keep_blank_values=True).get("in_reply_to") == (
        [reply] if reply else None
    )
