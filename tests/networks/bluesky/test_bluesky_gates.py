"""Who may reply and who may quote on Bluesky, read back from a real PDS: a threadgate on
the thread's first post with the rules asked for, a postgate on every post."""

from __future__ import annotations

import pytest

from support.pds import LocalPDS, PdsAccount, read_thread, records_of
from threadsmith.errors import AmbiguousResult
from threadsmith.journal import Outgoing, PostRef
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky import publisher as bluesky
from threadsmith.networks.bluesky.gates import POSTGATE, THREADGATE

pytestmark = pytest.mark.realparts

RULES = {
    "following": ["app.bsky.feed.threadgate#followingRule"],
    "mentioned": ["app.bsky.feed.threadgate#mentionRule"],
    "followers": ["app.bsky.feed.threadgate#followerRule"],
    "nobody": [],
}


def thread_of(
    made: list[bluesky.BlueskyPublisher], pds: LocalPDS, account: PdsAccount, count: int,
    **gates: object,
) -> list[PostRef]:  # fmt: skip
    sender = bluesky.BlueskyPublisher(
        account.handle,
        pds.url,
        account.password,
        None,
        lambda _: None,
        IMAGES,
        **gates,  # type: ignore[arg-type]
    )
    made.append(sender)
    root = parent = None
    refs = []
    for number in range(1, count + 1):
        ref = sender.send(
            Outgoing(number, f"Gated post {number}/{count}"), key=sender.new_key(), root=root,
            parent=parent,
        )  # fmt: skip
        refs.append(ref)
        root, parent = root or ref, ref
    return refs


def records(pds: LocalPDS, account: PdsAccount, collection: str) -> dict[str, dict[str, object]]:
    """The account's records of `collection`, by record key, as plain dicts."""
    return {
        record.uri.rsplit("/", 1)[-1]: record.value.model_dump(by_alias=True, exclude_none=True)
        for record in records_of(pds, account, collection)
    }


@pytest.mark.parametrize("replies", sorted(RULES))
def test_a_threadgate_on_the_first_post_only_with_the_rules_asked_for(
    pds: LocalPDS, made: list[bluesky.BlueskyPublisher], replies: str
) -> None:
    account = pds.create_account(replies[:6])
    refs = thread_of(made, pds, account, 3, replies=replies)
    gates = records(pds, account, THREADGATE)
    assert list(gates) == [refs[0].id]  # keyed as the root post, and nothing else is gated
    gate = gates[refs[0].id]
    assert gate["post"] == refs[0].uri
    assert [rule["$type"] for rule in gate["allow"]] == RULES[replies]  # type: ignore[attr-defined]
    assert records(pds, account, POSTGATE) == {}  # quotes were not limited
    assert len(read_thread(pds, account)) == 3


def test_no_quotes_puts_a_postgate_on_every_post(
    pds: LocalPDS, made: list[bluesky.BlueskyPublisher]
) -> None:
    account = pds.create_account("noquote")
    refs = thread_of(made, pds, account, 4, quotes=False)
    postgates = records(pds, account, POSTGATE)
    assert sorted(postgates) == sorted(ref.id for ref in refs)
    for ref in refs:
        gate = postgates[ref.id]
        assert gate["post"] == ref.uri
        rules = [rule["$type"] for rule in gate["embeddingRules"]]  # type: ignore[attr-defined]
        assert rules == ["app.bsky.feed.postgate#disableRule"]
    assert records(pds, account, THREADGATE) == {}  # everyone may still reply


def test_everyone_and_quotes_write_no_gate_at_all(
    pds: LocalPDS, made: list[bluesky.BlueskyPublisher]
) -> None:
    account = pds.create_account("open")
    thread_of(made, pds, account, 2, replies="everyone", quotes=True)
    assert records(pds, account, THREADGATE) == {}
    assert records(pds, account, POSTGATE) == {}


def test_a_gated_post_is_found_by_its_key_and_never_written_twice(
    pds: LocalPDS, made: list[bluesky.BlueskyPublisher]
) -> None:
    account = pds.create_account("gated")
    (root,) = thread_of(made, pds, account, 1, replies="nobody", quotes=False)
    sender = made[-1]
    post = Outgoing(1, "Gated post 1/1")
    found = sender.find_sent(post, key=root.id, parent=None)
    assert found is not None and found.uri == root.uri
    # the PDS fails a second write of the same keys (HTTP 500): the run then looks, finds it
    with pytest.raises(AmbiguousResult):
        sender.send(post, key=root.id, root=None, parent=None)
    assert len(records(pds, account, THREADGATE)) == 1
    assert len(records(pds, account, POSTGATE)) == 1
    assert len(read_thread(pds, account)) == 1
