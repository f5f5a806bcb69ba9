"""Who an assisted run publishes as: the journal keys runs by network, account and
content, so the same thread is found whichever way (API or by hand) it was started."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from threadsmith.errors import InputError
from threadsmith.essay import SplitOptions, split_for
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import network_named
from threadsmith.publish import assisted_account
from threadsmith.store import Store

X = network_named("x")
ESSAY = "\n\n".join(f"Point {n}: fair funding for every school, now." for n in range(1, 4))
POSTS = [Outgoing(p.number, p.text) for p in split_for(ESSAY, X, SplitOptions()).posts]
DRAFT = "file:/essays/funding.md"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


def account_for(store: Store, target: str = "x", draft: str = DRAFT) -> str:
    return assisted_account(store, target, ESSAY, draft_key=draft, options=SplitOptions()).handle


def test_with_nothing_known_the_first_address_will_name_it(store: Store) -> None:
    assert account_for(store) == ""


def test_a_named_account_is_taken_as_named(store: Store) -> None:
    store.add_account(X, "Campaigner")
    assert account_for(store, "x:@campaigner") == "Campaigner"  # the one here, as kept
    assert account_for(store, "x:someone_else") == "someone_else"  # none needed


def test_the_only_x_account_is_the_api_s_username(store: Store) -> None:
    store.add_account(X, "campaigner")
    assert account_for(store) == "campaigner"


def test_an_unfinished_run_of_this_essay_is_continued_whoever_started_it(store: Store) -> None:
    store.add_account(X, "campaigner")
    store.add_account(X, "union_branch")
    with pytest.raises(InputError, match=r"which x account.*@campaigner, @union_branch"):
        account_for(store)
    store.create_run(DRAFT, X, "union_branch", POSTS)
    assert account_for(store) == "union_branch"  # this draft's
    assert account_for(store, draft="file:/elsewhere/copy.md") == "union_branch"  # its content


def test_two_unfinished_runs_of_it_ask_which(store: Store) -> None:
    store.create_run(DRAFT, X, "campaigner", POSTS)
    store.create_run(DRAFT, X, "", POSTS)
    with pytest.raises(InputError, match=r"\(no name yet\), @campaigner: say --to x:HANDLE"):
        account_for(store)


def test_posts_published_before_by_hand_are_recognised(store: Store) -> None:
    run = store.create_run(DRAFT, X, "", POSTS)
    ref = PostRef("1860000000000000001", "https://x.com/campaigner/status/1860000000000000001")
    for post in POSTS:
        store.mark_sent(run.id, post.number, ref)
    store.name_run_account(run.id, "campaigner")
    store.finish_run(run.id)
    assert store.name_run_account(run.id, "someone_else").handle == "campaigner"  # named once
    assert account_for(store, draft="file:/elsewhere/copy.md") == "campaigner"  # published


def test_a_network_with_no_assisted_mode_says_so(store: Store) -> None:
    with pytest.raises(InputError, match=r"Bluesky cannot be published to by hand.*X \(assisted\)"):
        account_for(store, "bluesky")
