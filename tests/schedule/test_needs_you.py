"""A scheduled thread never goes out half-posted: the runner checks what `thread publish`
checks before post 1 (images by content, lengths against the network as it is now, the
login). What fails sends nothing, marks the schedule "needs you" with why (in `thread
schedule list` and the runner's log) and is not tried again every minute. A resume
measures what is left against the network now, and blames the essay only if it
changed. The real `thread` command, the real keyring, a real PDS, the fake Mastodon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from support.images import png
from support.pds import LocalPDS, read_thread
from support.schedules import AHEAD, booked_id, bring_due
from support.split import split
from support.thread_cli import PARAGRAPH, Thread, assert_chain, essay, login

pytestmark = pytest.mark.realparts


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    thread = Thread(secret_service, tmp_path / "data")
    thread.env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no timer of the user's
    return thread


def book(thread: Thread, source: Path, to: str) -> str:
    """Schedule `source` well ahead (a test brings it due); its id."""
    result = thread("schedule", str(source), "--to", to, "--at", AHEAD, "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    return str(booked_id(result.stdout))


def assert_needs_you(thread: Thread, schedule_id: str, *reasons: str) -> None:
    """The runner said why in one line of its log; the list says it too; the next run of
    the timer leaves it alone."""
    result = thread("schedule", "run")
    assert result.returncode == 1 and result.stdout == "", result.stdout + result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"schedule {schedule_id}, " in result.stderr and ": needs you: " in result.stderr
    assert "nothing was sent" in result.stderr, result.stderr
    listed = thread("schedule", "list").stdout
    assert re.search(rf"^{schedule_id}\s.*\sneeds you\s", listed, re.MULTILINE), listed
    for reason in reasons:
        assert reason in result.stderr and reason in listed, (reason, result.stderr, listed)
    again = thread("schedule", "run")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_an_image_moved_after_booking_sends_nothing_until_it_is_back(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("image")
    login(thread, pds, account)
    chart = png(tmp_path / "chart.png")
    source = essay(tmp_path / "essay.md", paragraphs=6, extra="\n\n![The funding gap](chart.png)")
    posts = split(source.read_text(), "bluesky").posts
    assert len(posts) >= 3 and posts[-1].media and not posts[0].media  # the image comes later
    schedule_id = book(thread, source, "bluesky")
    chart.rename(tmp_path / "elsewhere.png")
    bring_due(thread, int(schedule_id))
    assert_needs_you(thread, schedule_id, f"Bluesky, post {len(posts)}: ", "chart.png")
    assert read_thread(pds, account) == []
    (tmp_path / "elsewhere.png").rename(chart)
    now = thread("schedule", "run", "--id", schedule_id, "--now")
    assert now.returncode == 0 and ": published: https://" in now.stdout, now.stderr
    records = assert_chain(pds, account, len(posts))
    assert "embed" in records[-1]


def test_logged_out_after_booking_it_needs_you(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("logout")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    schedule_id = book(thread, source, "bluesky")
    assert thread("logout", "bluesky", account.handle).returncode == 0
    bring_due(thread, int(schedule_id))
    assert_needs_you(thread, schedule_id, f"no bluesky account {account.handle!r}")
    assert read_thread(pds, account) == []


def three_posts(source: Path) -> Path:
    """Two short posts, then a long one (forced breaks): post 3 alone needs room."""
    long = " ".join([PARAGRAPH] * 3)  # about 400 characters
    source.write_text(f"Short one.\n\n---\n\nShort two.\n\n---\n\n{long}\n")
    return source


def mastodon_login(thread: Thread, fake: FakeMastodon) -> str:
    result = thread("login", "mastodon", "--instance", fake.url, stdin=fake.token + "\n")
    assert result.returncode == 0, result.stderr
    return f"{fake.username}@{fake.host}"


def test_an_instance_lowering_its_limit_after_booking_sends_nothing(
    thread: Thread, fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    mastodon_login(thread, fake_mastodon)
    source = three_posts(tmp_path / "essay.md")
    assert len(split(source.read_text(), "mastodon").posts) == 3
    schedule_id = book(thread, source, "mastodon")
    fake_mastodon.max_characters = 200  # the instance's admin changes it
    bring_due(thread, int(schedule_id))
    assert_needs_you(thread, schedule_id, "Mastodon, post 3: ", "more than the 200 it takes now")
    assert fake_mastodon.statuses == []


def test_a_resume_measures_what_is_left_and_blames_the_essay_only_if_it_changed(
    thread: Thread, fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    mastodon_login(thread, fake_mastodon)
    source = essay(tmp_path / "essay.md", paragraphs=12)
    texts = [post.text for post in split(source.read_text(), "mastodon").posts]
    assert len(texts) >= 4 and all(len(text) > 200 for text in texts)
    fake_mastodon.fail("POST /api/v1/statuses", "ok", "ok", "422")  # post 3 refused
    first = thread("publish", str(source), "--to", "mastodon", "--yes")
    assert first.returncode == 1 and len(fake_mastodon.statuses) == 2, first.stderr
    fake_mastodon.max_characters = 200  # what is left no longer fits
    stopped = thread("publish", str(source), "--to", "mastodon", "--yes")
    said = stopped.stdout + stopped.stderr
    assert stopped.returncode == 2 and "the essay changed" not in said, said
    assert stopped.stderr.startswith("thread: Mastodon, post 3: ") and "than the 200 it" in said
    assert "run 1 cannot be finished as confirmed" in said and "--abandon 1" in said
    every = thread("publish", "--resume")  # every unfinished run, no essay: measured too
    assert every.returncode == 2 and ", run 1: Mastodon, post 3: " in every.stderr, every.stderr
    assert len(fake_mastodon.statuses) == 2  # nothing more was tried
    fake_mastodon.max_characters = 1000  # room again, and the essay splits otherwise now
    resumed = thread("publish", str(source), "--to", "mastodon", "--yes")
    said = resumed.stdout + resumed.stderr
    assert resumed.returncode == 0 and "the essay changed" not in said, said
    assert "Mastodon splits the essay differently now (its limit changed" in said
    assert [status.text for status in fake_mastodon.statuses] == texts  # as confirmed
