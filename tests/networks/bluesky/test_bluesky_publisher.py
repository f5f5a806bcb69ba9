"""BlueskyPublisher against a real PDS on 127.0.0.1."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from support.images import png
from support.pds import LocalPDS, read_thread
from support.split import rules_for
from threadsmith.errors import AuthError, InputError
from threadsmith.journal import Outgoing
from threadsmith.networks.bluesky import IMAGES, commit
from threadsmith.networks.bluesky import publisher as bluesky
from threadsmith.threading.models import Media


def publisher(
    made: list[bluesky.BlueskyPublisher], pds: LocalPDS, handle: str, password: str
) -> bluesky.BlueskyPublisher:
    sessions: list[str] = []
    made.append(bluesky.BlueskyPublisher(handle, pds.url, password, None, sessions.append, IMAGES))
    return made[-1]


def test_login_returns_a_reusable_session(pds: LocalPDS) -> None:
    account = pds.create_account("login")
    session = bluesky.login(account.handle, account.password, pds.url)
    assert account.password not in session
    changed: list[str] = []
    reused = bluesky.BlueskyPublisher(
        account.handle, pds.url, "not-the-password", session, changed.append, IMAGES
    )
    assert reused.did == account.did  # the session worked: the wrong password was never tried


def test_wrong_password_is_an_auth_error_without_the_secret(pds: LocalPDS) -> None:
    account = pds.create_account("wrong")
    with pytest.raises(AuthError) as caught:
        bluesky.login(account.handle, "wrong-password-123", pds.url)
    assert "wrong-password-123" not in str(caught.value)
    assert "Invalid identifier or password" in str(caught.value)


def test_thread_with_facets_images_and_reply_chain(
    pds: LocalPDS, tmp_path: Path, made: list[bluesky.BlueskyPublisher]
) -> None:
    author = pds.create_account("author")
    friend = pds.create_account("friend")
    sender = publisher(made, pds, author.handle, author.password)
    chart = png(tmp_path / "chart.png")
    texts = [
        f"Post {n}: funding matters. #SchoolFunding see https://www.naht.org.uk/news and "
        f"@{friend.handle} but not @nobody-here.test café 👩‍🏫 {n}/25"
        for n in range(1, 26)
    ]
    root = parent = None
    for number, text in enumerate(texts, start=1):
        media = (Media(str(chart), "A bar chart of funding"),) * (2 if number == 3 else 0)
        ref = sender.send(
            Outgoing(number, text, media), key=sender.new_key(), root=root, parent=parent
        )
        root, parent = root or ref, ref
    records = read_thread(pds, author)
    # the link shown as the official app shows it: host and path
    assert [r["text"] for r in records] == [
        text.replace("https://www.naht.org.uk/news", "www.naht.org.uk/news") for text in texts
    ]
    created = [str(r["createdAt"]) for r in records]
    assert created == sorted(created) and len(set(created)) == len(created)
    first_uri = records[0]["uri"]
    for previous, record in pairwise(records):
        reply = record["reply"]
        assert isinstance(reply, dict)
        assert reply["root"]["uri"] == first_uri
        assert reply["parent"]["uri"] == previous["uri"]
    third = records[2]
    images = third["embed"]["images"]  # type: ignore[index]
    assert [image["alt"] for image in images] == ["A bar chart of funding"] * 2
    facets = records[0]["facets"]
    assert isinstance(facets, list)
    raw = str(records[0]["text"]).encode("utf-8")
    found = {
        f["features"][0]["$type"].split("#")[-1]: raw[
            f["index"]["byteStart"] : f["index"]["byteEnd"]
        ]
        for f in facets
    }
    assert found == {
        "tag": b"#SchoolFunding",
        "link": b"www.naht.org.uk/news",
        "mention": f"@{friend.handle}".encode(),
    }
    link = next(f for f in facets if "link" in f["features"][0]["$type"])
    assert link["features"][0]["uri"] == "https://www.naht.org.uk/news"
    mention = next(f for f in facets if "mention" in f["features"][0]["$type"])
    assert mention["features"][0]["did"] == friend.did
    assert any("nobody-here.test" in warning for warning in sender.warnings)


def test_links_are_posted_short_with_facets_keeping_the_whole_address(
    pds: LocalPDS, made: list[bluesky.BlueskyPublisher]
) -> None:
    """As the official app posts them: each link's text shortened, its facet's `uri`
    the whole address and its byte range the shortened text; the facets after a
    link moved with their text."""
    author = pds.create_account("links")
    friend = pds.create_account("pal")
    sender = publisher(made, pds, author.handle, author.password)
    letter = "https://www.naht.org.uk/news/latest-news/pay-award-2026-école"
    text = (
        f"Read the letter 👩‍🏫: {letter}. With @{friend.handle} "
        "(https://bsky.app/profile/nahtnews.bsky.social) #PayAward naht.org.uk/news 3/"
    )
    sender.send(Outgoing(1, text), key=sender.new_key(), root=None, parent=None)
    record = read_thread(pds, author)[0]
    posted = str(record["text"])
    assert posted == (
        f"Read the letter 👩‍🏫: www.naht.org.uk/news/latest-.... With @{friend.handle} "
        "(bsky.app/profile/naht...) #PayAward naht.org.uk/news 3/"
    )
    assert posted == rules_for("bluesky").posted(text)  # the text the engine counted
    raw = posted.encode("utf-8")
    facets = record["facets"]
    assert isinstance(facets, list)
    found = [
        (
            f["features"][0]["$type"].split("#")[-1],
            raw[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8"),
            f["features"][0].get("uri") or f["features"][0].get("tag") or f["features"][0]["did"],
        )
        for f in facets
    ]
    assert sorted(found) == sorted(
        [
            ("link", "www.naht.org.uk/news/latest-...", letter),
            ("link", "bsky.app/profile/naht...", "https://bsky.app/profile/nahtnews.bsky.social"),
            ("link", "naht.org.uk/news", "https://naht.org.uk/news"),
            ("mention", f"@{friend.handle}", friend.did),
            ("tag", "#PayAward", "PayAward"),
        ]
    )


def test_same_record_key_is_found_not_written_twice(
    pds: LocalPDS, made: list[bluesky.BlueskyPublisher]
) -> None:
    account = pds.create_account("idem")
    sender = publisher(made, pds, account.handle, account.password)
    post = Outgoing(1, "Only once, whatever happens.")
    key = sender.new_key()
    assert sender.find_sent(post, key=key, parent=None) is None
    sent = sender.send(post, key=key, root=None, parent=None)
    found = sender.find_sent(post, key=key, parent=None)
    assert found is not None and found.uri == sent.uri
    assert len(read_thread(pds, account)) == 1


def test_images_are_checked_before_upload(
    pds: LocalPDS, tmp_path: Path, made: list[bluesky.BlueskyPublisher]
) -> None:
    account = pds.create_account("img")
    sender = publisher(made, pds, account.handle, account.password)
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG" + b"\x00" * 1_000_001)
    with pytest.raises(InputError, match="up to 1,000,000 bytes"):
        sender.send(
            Outgoing(1, "x", (Media(str(big), "alt"),)),
            key=sender.new_key(),
            root=None,
            parent=None,
        )
    with pytest.raises(InputError, match="no such image file"):
        sender.send(
            Outgoing(1, "x", (Media(str(tmp_path / "missing.png"), "a"),)),
            key=None,
            root=None,
            parent=None,
        )
    assert read_thread(pds, account) == []


def test_tids_are_valid_and_increasing() -> None:
    keys = [commit.new_tid() for _ in range(1000)]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all(len(key) == 13 and key[0] in "234567abcdefghij" for key in keys)


def test_reply_to_continues_an_existing_thread(
    pds: LocalPDS, made: list[bluesky.BlueskyPublisher]
) -> None:
    account = pds.create_account("reply")
    sender = publisher(made, pds, account.handle, account.password)
    first = sender.send(
        Outgoing(1, "The start of it all."), key=sender.new_key(), root=None, parent=None
    )
    second = sender.send(Outgoing(2, "And more."), key=sender.new_key(), root=first, parent=first)
    assert second.url is not None
    root, parent = sender.resolve(second.url)
    assert (root.uri, parent.uri) == (first.uri, second.uri)
    assert first.uri is not None
    by_uri = sender.resolve(first.uri)  # an at:// URI works too
    assert [(ref.uri, ref.cid) for ref in by_uri] == [(first.uri, first.cid)] * 2
    sender.send(
        Outgoing(1, "A follow-up, days later."), key=sender.new_key(), root=root, parent=parent
    )
    newest = read_thread(pds, account)[-1]
    assert newest["reply"]["root"]["uri"] == first.uri  # type: ignore[index]
    assert newest["reply"]["parent"]["uri"] == second.uri  # type: ignore[index]
    with pytest.raises(InputError, match="not a Bluesky post link"):
        sender.resolve("https://example.com/post/1")
