"""Failures against the real PDS: a dropped answer mid-thread, and a real 429."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.answer_proxy import AnswerProxy
from support.pds import REASON, LocalPDS, pds_available, read_thread
from support.realparts import require_real_part
from threadsmith import publish
from threadsmith.errors import RateLimited, Refused
from threadsmith.journal import Outgoing
from threadsmith.network import network_named
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky import publisher as bluesky
from threadsmith.store import Store


@pytest.fixture(scope="module")
def limited_pds() -> Iterator[LocalPDS]:
    require_real_part(pds_available(), REASON)
    server = LocalPDS(rate_limits=True)
    yield server
    server.stop()


def test_dropped_answer_mid_thread_is_not_duplicated(pds: LocalPDS, tmp_path: Path) -> None:
    account = pds.create_account("dropped")
    proxy = AnswerProxy(pds.url)
    sessions: list[str] = []
    sender = bluesky.BlueskyPublisher(
        account.handle, proxy.url, account.password, None, sessions.append, IMAGES
    )
    store = Store(tmp_path / "journal.db")
    texts = [f"Part {n} of a thread that survives a dropped connection. {n}/8" for n in range(1, 9)]
    run_id = store.create_run("test", network_named("bluesky"), account.handle, [
        Outgoing(n, text) for n, text in enumerate(texts, start=1)
    ]).id  # fmt: skip

    def cut_after_three(event: publish.Event) -> None:
        if isinstance(event, publish.Sent) and event.number == 3:
            proxy.lose_next_answer("dropped")  # post 4's createRecord answer will be lost

    try:  # paced (--delay): post by post, each its own request (one commit: test_bluesky_commit)
        publish.run(
            store, run_id, sender, on_event=cut_after_three, delay=0.001, sleep=lambda s: None
        )
    finally:
        sender.close()
        proxy.close()
        store.close()
    assert proxy.lost == ["dropped"]
    assert [r["text"] for r in read_thread(pds, account)] == texts


def test_a_real_429_from_the_pds_names_its_reset(limited_pds: LocalPDS) -> None:
    account = limited_pds.create_account("limited")
    with pytest.raises(RateLimited) as caught:
        for _ in range(40):  # createSession allows 30 per 5 minutes
            bluesky.login(account.handle, account.password, limited_pds.url)
    assert caught.value.reset_at is not None
    assert time.time() < caught.value.reset_at <= time.time() + 5 * 60 + 5


def test_a_record_the_pds_refuses_is_refused_once_not_retried(pds: LocalPDS) -> None:
    account = pds.create_account("refused")
    sender = bluesky.BlueskyPublisher(
        account.handle, pds.url, account.password, None, lambda session: None, IMAGES
    )
    try:
        with pytest.raises(Refused, match=r"HTTP 400"):  # longer than the lexicon allows
            sender.send(Outgoing(1, "word " * 100), key=sender.new_key(), root=None, parent=None)
    finally:
        sender.close()
    assert read_thread(pds, account) == []
