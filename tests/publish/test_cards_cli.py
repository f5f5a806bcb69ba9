"""Bluesky link cards for real: `thread publish` and `thread schedule` in subprocesses, the
Secret Service keyring, a real PDS, the linked page served on 127.0.0.1. The card is read
when the thread is planned, shown by `--dry-run`, journalled with the run: a resume and a
scheduled run send what was previewed, whatever the page says by then."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from atproto import models

from support.pages import CHALLENGE, Page, Pages, og_page, png
from support.pds import LocalPDS, PdsAccount, read_thread
from support.schedules import AHEAD, booked_id, bring_due
from support.split import split
from support.thread_cli import Thread, essay, login
from threadsmith import publish
from threadsmith.essay import SplitOptions
from threadsmith.network import network_named
from threadsmith.networks.bluesky.cards import forget_cards
from threadsmith.store import Store

pytestmark = pytest.mark.realparts

TITLE = "Pay award 2026: our letter to the Secretary of State"
DESCRIPTION = "Heads ask for a fully funded pay award, in a letter sent today."


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    thread = Thread(secret_service, tmp_path / "data")
    thread.env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no timer of the user's
    return thread


@pytest.fixture
def account(thread: Thread, pds: LocalPDS) -> PdsAccount:
    made = pds.create_account("card")
    login(thread, pds, made)
    return made


def linking(tmp_path: Path, url: str, front: str = "") -> Path:
    """An essay of a few posts, the last linking `url`."""
    path = essay(tmp_path / "essay.md", paragraphs=3, extra=f"\n\nRead the letter: {url}")
    if front:
        path.write_text(f"---\n{front}\n---\n\n{path.read_text()}")
    return path


def embed_of(pds: LocalPDS, account: PdsAccount) -> Any:
    """The last post's embed (None: it has none)."""
    return read_thread(pds, account)[-1].get("embed")


def thumbnail_bytes(pds: LocalPDS, account: PdsAccount, embed: Any) -> bytes:
    """The card's picture as the PDS keeps it (com.atproto.sync.getBlob)."""
    ref = embed["external"]["thumb"]["ref"]
    cid = str(ref["$link"] if isinstance(ref, dict) else ref)
    client = pds.client(account)
    try:
        params = models.ComAtprotoSyncGetBlob.Params(did=account.did, cid=cid)
        return bytes(client.com.atproto.sync.get_blob(params))
    finally:
        client.request.close()


def test_the_dry_run_shows_the_card_that_then_goes_out_with_its_picture(
    thread: Thread, pds: LocalPDS, account: PdsAccount, pages: Pages, tmp_path: Path
) -> None:
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/picture.png")
    pages.pages["/picture.png"] = picture = png(800, 420)
    source = linking(tmp_path, pages.url("/letter"))

    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"  link card: {TITLE} (127.0.0.1)" in dry.stdout
    assert read_thread(pds, account) == []

    published = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert published.returncode == 0, published.stderr
    embed = embed_of(pds, account)
    assert embed["$type"] == "app.bsky.embed.external"
    external = embed["external"]
    assert (external["uri"], external["title"]) == (pages.url("/letter"), TITLE)
    assert external["description"] == DESCRIPTION
    assert thumbnail_bytes(pds, account, embed) == picture.body
    assert all("embed" not in record for record in read_thread(pds, account)[:-1])


def test_an_oversized_picture_goes_re_encoded_under_a_million_bytes(
    thread: Thread, pds: LocalPDS, account: PdsAccount, pages: Pages, tmp_path: Path
) -> None:
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/noise.png")
    pages.pages["/noise.png"] = png(1500, 1000, noise=True)
    source = linking(tmp_path, pages.url("/letter"))
    published = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert published.returncode == 0, published.stderr
    embed = embed_of(pds, account)
    thumb = embed["external"]["thumb"]
    assert thumb["mimeType"] == "image/jpeg" and thumb["size"] <= 1_000_000
    assert len(thumbnail_bytes(pds, account, embed)) == thumb["size"]


@pytest.mark.parametrize(
    ("page", "said"),
    [(CHALLENGE, "shows a bot check"), (None, "not found (HTTP 404)")],
    ids=["just-a-moment", "missing"],
)
def test_a_page_that_makes_no_card_is_a_note_and_the_thread_goes_out(
    thread: Thread,
    pds: LocalPDS,
    account: PdsAccount,
    pages: Pages,
    tmp_path: Path,
    page: Page | None,
    said: str,
) -> None:
    if page is not None:
        pages.pages["/letter"] = page
    source = linking(tmp_path, pages.url("/letter"))
    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    (note,) = [line for line in dry.stdout.splitlines() if "no link card" in line]
    assert note.startswith(f"Bluesky @{account.handle}: note: post ") and said in note
    published = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert published.returncode == 0, published.stderr
    posts = len(split(source.read_text(), "bluesky").posts)
    assert len(read_thread(pds, account)) == posts and embed_of(pds, account) is None


@pytest.mark.parametrize(("flag", "front"), [("--no-cards", ""), ("", "cards: false")])
def test_no_cards_when_asked_and_the_page_is_not_even_read(
    thread: Thread,
    pds: LocalPDS,
    account: PdsAccount,
    pages: Pages,
    tmp_path: Path,
    flag: str,
    front: str,
) -> None:
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION)
    source = linking(tmp_path, pages.url("/letter"), front)
    more = [flag] if flag else []
    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run", *more)
    assert dry.returncode == 0, dry.stderr
    assert "link card" not in dry.stdout
    published = thread("publish", str(source), "--to", "bluesky", "--yes", *more)
    assert published.returncode == 0, published.stderr
    assert embed_of(pds, account) is None and pages.hits["/letter"] == 0


@pytest.fixture
def in_data(thread: Thread, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """This process planning in the command's data dir (its pictures there too)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(thread.data))
    forget_cards()
    store = Store(thread.data / "threadsmith" / "threadsmith.db")
    yield store
    store.close()
    forget_cards()


def test_a_resume_sends_the_card_previewed_though_the_page_changed_since(
    thread: Thread, pds: LocalPDS, account: PdsAccount, pages: Pages, tmp_path: Path,
    in_data: Store,
) -> None:  # fmt: skip
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/picture.png")
    pages.pages["/picture.png"] = previewed = png(600, 315)
    source = linking(tmp_path, pages.url("/letter"))
    (bluesky,) = in_data.accounts(network_named("bluesky"))
    plan = publish.plan(
        in_data, source.read_text(), draft_key=f"file:{source.resolve()}", base=source.parent,
        accounts=[bluesky], options=SplitOptions(),
    )  # fmt: skip
    (target,) = plan.targets
    assert target.posts[-1].card is not None and target.posts[-1].card.title == TITLE
    started = publish.start(in_data, plan, target)  # journalled; stopped before post 1
    assert started.run is not None

    pages.pages["/letter"] = og_page("A different title now", "Another description", "/new.png")
    pages.pages["/new.png"] = png(300, 300)
    resumed = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming an unfinished run" in resumed.stdout
    last = target.posts[-1].number
    assert f"post {last} goes with its link card: {TITLE} (127.0.0.1)" in resumed.stdout
    embed = embed_of(pds, account)
    assert (embed["external"]["title"], embed["external"]["description"]) == (TITLE, DESCRIPTION)
    assert thumbnail_bytes(pds, account, embed) == previewed.body
    assert pages.hits["/new.png"] == 0


def test_a_scheduled_thread_posts_the_card_previewed_when_it_was_booked(
    thread: Thread, pds: LocalPDS, account: PdsAccount, pages: Pages, tmp_path: Path
) -> None:
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/picture.png")
    pages.pages["/picture.png"] = previewed = png(640, 360)
    source = linking(tmp_path, pages.url("/letter"))
    booked = thread("schedule", str(source), "--to", "bluesky", "--at", AHEAD, "--yes")
    assert booked.returncode == 0, booked.stdout + booked.stderr
    assert f"  link card: {TITLE} (127.0.0.1)" in booked.stdout
    schedule_id = booked_id(booked.stdout)

    pages.pages["/letter"] = og_page("Changed after booking", "Another description")
    bring_due(thread, schedule_id)
    ran = thread("schedule", "run")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "Bluesky @" in ran.stdout and " at once…" in ran.stdout  # the log: one commit
    embed = embed_of(pds, account)
    assert embed["external"]["title"] == TITLE
    assert thumbnail_bytes(pds, account, embed) == previewed.body
    assert pages.hits["/letter"] == 1  # read once, when booked
