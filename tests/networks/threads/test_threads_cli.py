"""Threads through the real `thread` command: a login (a token on standard input, or the
authorisation code at a terminal), the real keyring, the fake Threads API on 127.0.0.1.
Each post a reply to the one before, its text exactly what `thread split` printed;
nothing twice after a lost answer; a thread bigger than the quota left refused before
anything goes; an expired login said in one line; a login over a day old refreshed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from support.cli_login import login_to_threads
from support.fake_threads import FakeThreads
from support.images import png
from support.secret_service import assert_no_secret_in, secret_tool_lookup
from support.thread_cli import PARAGRAPH, Thread
from threadsmith import credentials
from threadsmith.network import network_named
from threadsmith.networks.threads.counting import threads_length

pytestmark = pytest.mark.realparts
PUBLISHED = "POST /:user/threads_publish"
CONTAINERS = "POST /:user/threads"


def essay(folder: Path, paragraphs: int, extra: str = "") -> Path:
    path = folder / "essay.md"
    path.write_text("\n\n".join(f"{n}. {PARAGRAPH} ❤️🇬🇧" for n in range(paragraphs)) + extra)
    return path


def split_texts(thread: Thread, path: Path) -> list[str]:
    result = thread("split", str(path), "--platform", "threads", "--format", "json")
    assert result.returncode == 0, result.stderr
    return [post["text"] for post in json.loads(result.stdout)["posts"]]


def test_publish_sends_the_chain_thread_split_printed(
    thread: Thread, fake_threads: FakeThreads, secret_service: dict[str, str], tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    assert "threads   tester" in thread("accounts").stdout
    assert fake_threads.token in secret_tool_lookup(secret_service, "threads:tester")
    path = essay(tmp_path, 14)
    expected = split_texts(thread, path)

    result = thread("publish", str(path), "--to", "threads", "--yes")

    assert result.returncode == 0, result.stderr
    posts = fake_threads.posts
    assert [post.text for post in posts] == expected and len(posts) > 2
    assert [post.reply_to for post in posts] == [None, *(post.id for post in posts[:-1])]
    assert all(threads_length(post.text) <= 500 for post in posts)
    assert posts[0].shortcode in result.stdout  # the first post's permalink
    assert_no_secret_in([thread.data, *thread.outputs], [fake_threads.token])


def test_login_at_a_terminal_goes_through_the_authorisation_window(
    thread: Thread, fake_threads: FakeThreads, secret_service: dict[str, str]
) -> None:
    thread.env["BROWSER"] = "true"  # the browser "opens" the window; the code is typed below
    code, output = thread.at_terminal(
        "login", "threads", "--service", fake_threads.url,
        answers={
            "Threads app id (your Meta app's): ": fake_threads.app_id,
            "Threads app secret: ": fake_threads.app_secret,
            "Redirect address (as set in your Meta app's Threads settings): ":
                "https://example.org/back",
            "The code, or the whole address your browser was sent to: ": fake_threads.code + "#_",
        },
    )  # fmt: skip
    assert code == 0, output
    assert f"{fake_threads.url}/oauth/authorize?client_id={fake_threads.app_id}" in output
    assert "as tester" in output
    kept = credentials.load(network_named("threads"), "tester")
    assert kept["access_token"] == fake_threads.token  # the long-lived one, exchanged
    assert_no_secret_in([thread.data, *thread.outputs], [fake_threads.token])


def test_a_dropped_publish_answer_then_a_rerun_posts_nothing_twice(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    path = essay(tmp_path, 14)
    # post 2 is published, its answer lost, and the look among the replies cannot be made
    fake_threads.fail(PUBLISHED, "ok", "drop-after")
    fake_threads.fail("GET /:user/replies", "500")
    first = thread("publish", str(path), "--to", "threads", "--yes")
    assert first.returncode != 0 and "nothing was resent" in first.stderr, first.stderr
    assert len(fake_threads.posts) == 2

    again = thread("publish", str(path), "--to", "threads", "--yes")

    assert again.returncode == 0, again.stderr
    texts = [post.text for post in fake_threads.posts]
    assert texts == split_texts(thread, path) and len(set(texts)) == len(texts)
    assert fake_threads.sent(PUBLISHED) == len(texts)  # post 2 was found, not published again


def test_a_thread_bigger_than_the_quota_left_is_refused_before_anything_is_sent(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    path = essay(tmp_path, 14)
    replies = len(split_texts(thread, path)) - 1
    fake_threads.reply_quota_used = 1000 - (replies - 1)  # one reply short

    result = thread("publish", str(path), "--to", "threads", "--yes")

    assert result.returncode != 0 and result.stderr.count("\n") == 1, result.stderr
    assert f"needs 1 post and {replies} replies" in result.stderr
    assert f"{replies - 1} of 1,000 replies left" in result.stderr
    assert fake_threads.sent(CONTAINERS) == 0 and fake_threads.posts == []


def test_an_expired_login_is_one_line_saying_to_log_in_again(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    fake_threads.expire_token(fake_threads.token)

    result = thread("publish", str(essay(tmp_path, 3)), "--to", "threads", "--yes")

    assert result.returncode != 0
    assert result.stderr == (
        "thread: your Threads login for @tester has expired: run `thread login threads` again\n"
    )
    assert fake_threads.posts == []


def test_a_login_over_a_day_old_is_refreshed_and_kept(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    threads = network_named("threads")
    kept = dict(credentials.load(threads, "tester"))
    kept["refreshed_at"] = str(int(time.time()) - 2 * 24 * 3600)
    credentials.save("threads", "tester", kept)
    old = fake_threads.token

    result = thread("publish", str(essay(tmp_path, 3)), "--to", "threads", "--yes")

    assert result.returncode == 0, result.stderr
    assert fake_threads.refreshes == 1 and fake_threads.token != old
    now = credentials.load(threads, "tester")
    assert now["access_token"] == fake_threads.token
    assert int(now["expires_at"]) > time.time() + 59 * 24 * 3600


def test_a_local_image_is_said_per_post_and_goes_as_text_an_address_goes_as_image(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    png(tmp_path / "chart.png", 20, 10)
    address = "https://images.example.org/funding.png"
    fake_threads.host_image(address, png(tmp_path / "hosted.png", 30, 20).read_bytes())
    path = tmp_path / "essay.md"
    path.write_text(
        f"{PARAGRAPH}\n\n![A chart of funding](chart.png)\n\n---\n\n{PARAGRAPH}\n\n"
        f"![Funding per pupil]({address})\n"
    )

    asked = len(fake_threads.requests)
    dry = thread("publish", str(path), "--to", "threads", "--dry-run")

    assert dry.returncode == 0, dry.stderr
    local = tmp_path / "chart.png"
    assert (
        f"image: {local} cannot go: Threads takes an image only by its public https:// address; "
        "this post goes as text"
    ) in dry.stdout
    assert f"image: {address} (alt: Funding per pupil)" in dry.stdout
    assert len(fake_threads.requests) == asked  # a dry run asks nothing

    result = thread("publish", str(path), "--to", "threads", "--yes")
    assert result.returncode == 0, result.stderr
    first, second = fake_threads.posts
    assert first.image_url is None and "chart.png went as text" in result.stderr
    assert (second.image_url, second.alt_text) == (address, "Funding per pupil")


def test_statistics_read_each_posts_insights(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    path = essay(tmp_path, 8)
    assert thread("publish", str(path), "--to", "threads", "--yes").returncode == 0
    fake_threads.likes[fake_threads.posts[0].id] = 4

    result = thread("stats", str(path), "--format", "json")

    assert result.returncode == 0, result.stderr
    (read,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert read["network"] == "threads"
    rows = read["posts"]
    assert rows[0]["url"].endswith(fake_threads.posts[0].shortcode)
    assert [row["likes"] for row in rows] == [4] + [0] * (len(rows) - 1)
    assert [row["impressions"] for row in rows] == [50] + [10] * (len(rows) - 1)  # views
    assert all(row["replies"] == 0 for row in rows)  # the thread's own next post is not one


def test_the_quota_is_read_before_you_are_asked(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path
) -> None:
    login_to_threads(thread, fake_threads)
    fake_threads.quota_used = 250  # no new thread may start today

    code, output = thread.at_terminal("publish", str(essay(tmp_path, 3)), "--to", "threads",
                                      answers={})  # fmt: skip

    assert code != 0
    assert "[y/N]" not in output  # refused before the question
    assert "needs 1 post" in output and "0 of 250 posts" in output
    assert fake_threads.sent(CONTAINERS) == 0


@pytest.mark.parametrize("command", [("stats",), ("doctor",)], ids=["stats", "doctor"])
def test_any_command_using_the_login_refreshes_it_once_a_day_old(
    thread: Thread, fake_threads: FakeThreads, tmp_path: Path, command: tuple[str, ...]
) -> None:
    login_to_threads(thread, fake_threads)
    path = essay(tmp_path, 3)
    assert thread("publish", str(path), "--to", "threads", "--yes").returncode == 0
    threads = network_named("threads")
    kept = dict(credentials.load(threads, "tester"))
    kept["refreshed_at"] = str(int(time.time()) - 3 * 24 * 3600)
    credentials.save("threads", "tester", kept)

    thread(*command, *((str(path),) if command == ("stats",) else ()))

    assert fake_threads.refreshes == 1
    assert credentials.load(threads, "tester")["access_token"] == fake_threads.token
