"""Nothing posted twice, nothing half-posted, no local file uploaded by accident: the real
`thread` command in subprocesses, the real Secret Service keyring, a real PDS."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from support.images import png
from support.pds import LocalPDS, PdsAccount, blobs, read_thread
from support.split import split
from support.thread_cli import Thread, assert_chain, essay, login
from support.waiting import wait_until

BUSY = "this thread is being published by another threadsmith (pid "

pytestmark = pytest.mark.realparts


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    return Thread(secret_service, tmp_path / "data")


def posts_in(source: Path) -> int:
    return len(split(source.read_text(), "bluesky").posts)


def wait_for_posts(pds: LocalPDS, account: PdsAccount, at_least: int) -> None:
    wait_until(
        lambda: len(read_thread(pds, account)) >= at_least, f"{at_least} posts out", every=0.1
    )


def test_two_publishes_started_together_post_one_thread(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("twice")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=10)
    command = ("publish", str(source), "--to", f"bluesky:{account.handle}", "--yes",
               "--delay", "0.3")  # fmt: skip
    first, second = thread.start(*command), thread.start(*command)
    outcomes = [process.communicate(timeout=120) for process in (first, second)]
    codes = [first.returncode, second.returncode]
    assert_chain(pds, account, posts_in(source))  # one thread, each post once
    assert 0 in codes, outcomes
    said = "".join(out + err for out, err in outcomes)
    assert codes == [0, 0] or BUSY in said, outcomes


def test_a_second_run_while_the_first_still_goes_refuses_and_sends_nothing(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("rerun")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=40)  # 20 posts
    first = thread.start("publish", str(source), "--to", "bluesky", "--yes", "--delay", "0.2")
    wait_for_posts(pds, account, 2)
    # The first run is held still (alive, its claim held) while the others try: it is
    # still going whatever time they take on a loaded machine.
    os.kill(first.pid, signal.SIGSTOP)
    try:
        again = thread("publish", str(source), "--to", "bluesky", "--yes")
        resume = thread("publish", "--resume")
        copied = tmp_path / "copy.md"  # the same thread from another file is the same run
        copied.write_text(source.read_text())
        from_copy = thread("publish", str(copied), "--to", "bluesky", "--yes")
    finally:
        os.kill(first.pid, signal.SIGCONT)
    first.communicate(timeout=120)
    assert first.returncode == 0
    for refused in (again, resume, from_copy):
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert BUSY in refused.stderr and "Traceback" not in refused.stderr
    assert_chain(pds, account, posts_in(source))


def interrupted(thread: Thread, pds: LocalPDS, account: PdsAccount, source: Path) -> None:
    """A publish of `source` killed (kill -9) after its first post: an unfinished run."""
    command = ("publish", str(source), "--to", f"bluesky:{account.handle}", "--yes")
    process = thread.start(*command, "--delay", "2")
    wait_for_posts(pds, account, 1)
    process.kill()
    process.communicate(timeout=30)


def test_a_run_whose_image_went_missing_is_named_given_up_and_blocks_no_other(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    pictured, plain = pds.create_account("pictured"), pds.create_account("plain")
    login(thread, pds, pictured)
    login(thread, pds, plain)
    chart = png(tmp_path / "chart.png")
    with_image = essay(tmp_path / "essay.md", paragraphs=4, extra="\n\nSee ![a chart](chart.png)")
    other = essay(tmp_path / "other.md", paragraphs=6)
    interrupted(thread, pds, pictured, with_image)
    interrupted(thread, pds, plain, other)
    chart.unlink()  # the image the first run confirmed is gone

    stuck = thread("publish", str(with_image), "--to", f"bluesky:{pictured.handle}", "--yes")
    assert stuck.returncode == 2 and stuck.stderr.count("\n") == 1, stuck.stderr
    run = int(stuck.stderr.split("unfinished run ", 1)[1].split(":", 1)[0])
    assert f"no such image file, in unfinished run {run}: put the image back" in stuck.stderr
    assert f"thread publish --abandon {run}" in stuck.stderr

    resumed = thread("publish", "--resume", "--yes")  # the broken run stops only itself
    assert resumed.returncode == 2, resumed.stderr  # the input (its image) is what is wrong
    assert f"run {run}: " in resumed.stderr and "1 of 2 threads did not finish" in resumed.stderr
    assert_chain(pds, plain, posts_in(other))

    given_up = thread("publish", "--abandon", str(run))
    assert given_up.returncode == 0, given_up.stderr
    assert f"Run {run} to Bluesky @{pictured.handle} abandoned (1 post had been sent)" in (
        given_up.stdout
    )
    assert thread("publish", "--resume").stdout.startswith("Nothing to resume")
    again = thread("publish", "--abandon", str(run))
    assert again.returncode == 2 and again.stderr.count("\n") == 1, again.stderr


def test_the_same_account_named_twice_publishes_once(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("named")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    result = thread(
        "publish", str(source), "--to", f"bluesky:{account.handle}", "--to", "bluesky", "--yes"
    )
    assert result.returncode == 0, result.stderr
    assert_chain(pds, account, posts_in(source))


def test_a_copied_essay_is_already_published_unless_again(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("copied")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    assert thread("publish", str(source), "--to", "bluesky", "--yes").returncode == 0
    count = posts_in(source)
    (tmp_path / "elsewhere").mkdir()
    copied = tmp_path / "elsewhere" / "letter.md"
    copied.write_text(source.read_text())
    refused = thread("publish", str(copied), "--to", "bluesky", "--yes")
    assert refused.returncode == 0 and "already published on " in refused.stdout
    assert "add --again" in refused.stdout and len(read_thread(pds, account)) == count
    again = thread("publish", str(copied), "--to", "bluesky", "--yes", "--again")
    assert again.returncode == 0, again.stderr
    assert len(read_thread(pds, account)) == 2 * count


def _text_file(path: Path) -> str:
    path.write_text("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEKEYFORTHETEST me@laptop\n")
    return path.name


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("missing", "no such image file"),
        ("text named .png", "not an image"),
        ("link to a text file", "a link to"),
        ("fifo", "not a regular file"),
        ("link to /dev/zero", "not a regular file"),
        ("directory", "not a regular file"),
        ("too large", "takes images up to 1,000,000 bytes"),
        ("five images", "can carry 4"),
    ],
)
def test_a_bad_image_in_the_last_post_stops_everything_before_it_starts(
    thread: Thread, pds: LocalPDS, tmp_path: Path, case: str, problem: str
) -> None:
    account = pds.create_account("images")
    login(thread, pds, account)
    folder = tmp_path / "essay"
    folder.mkdir()
    for name in ("a.png", "b.png", "c.png", "d.png", "e.png"):
        png(folder / name)
    images = "![a chart](chart.png)"
    target = folder / "chart.png"
    if case == "text named .png":
        _text_file(target)
    elif case == "link to a text file":
        target.symlink_to(folder / _text_file(folder / "id_ed25519"))
    elif case == "fifo":
        os.mkfifo(target)
    elif case == "link to /dev/zero":
        target.symlink_to("/dev/zero")
    elif case == "directory":
        target.mkdir()
    elif case == "too large":
        png(target, width=700, height=700, noise=True)
    elif case == "five images":
        images = " ".join(f"![{n}]({n}.png)" for n in "abcde")
    source = essay(folder / "essay.md", paragraphs=6, extra=f"\n\nThe last word. {images}")
    last = posts_in(source)
    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run")
    result = thread("publish", str(source), "--to", "bluesky", "--yes")
    for refused in (dry, result):
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert problem in refused.stderr and f"post {last}" in refused.stderr
    assert read_thread(pds, account) == [] and blobs(pds, account) == []
    fixed = source.read_text().replace(images, "")  # the person fixes the essay: it goes
    source.write_text(fixed)
    assert thread("publish", str(source), "--to", "bluesky", "--yes").returncode == 0
    assert_chain(pds, account, posts_in(source))
