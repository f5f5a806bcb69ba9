"""`thread publish --to x --assist` for real: the `thread` command in subprocesses, with
`$BROWSER` a script that records the compose links it is given and standard input
giving the addresses, one per line. No X account, no keyring (a failing backend
proves it is never asked), and an X API run refused half way continued by hand."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support.fake_x import SECRETS, FakeX
from support.images import png
from support.in_process import run
from support.memory_keyring import MemoryKeyring
from support.realparts import require_real_part
from support.thread_cli import Thread
from support.waiting import wait_until
from threadsmith.cli import main

ESSAY = "\n\n".join(
    f"Point {n}: schools need funding that matches the need they meet, year after year. "
    "Every pupil & every teacher deserves it; #SchoolFunding is not a luxury."
    for n in range(1, 9)
)
SETTINGS = ("--numbering", "({n}/{total})", "--first", "@nahtnews #EdChat")


@pytest.fixture
def thread(tmp_path: Path) -> Thread:
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{tmp_path / "opened"}"\n')
    browser.chmod(0o755)
    env = {"BROWSER": str(browser), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return Thread(env, tmp_path / "data")


def opened(tmp_path: Path) -> list[dict[str, str]]:
    """The compose links the browser was given, in order, their parameters decoded."""
    file = tmp_path / "opened"
    links = file.read_text().splitlines() if file.exists() else []
    file.unlink(missing_ok=True)
    decoded = []
    for link in links:
        assert link.startswith("https://x.com/intent/post?text="), link
        pairs = (part.split("=", 1) for part in urlsplit(link).query.split("&"))
        decoded.append({name: unquote(value, errors="strict") for name, value in pairs})
    return decoded


def address(number: int) -> str:
    return f"https://x.com/campaigner/status/{1860000000000000000 + number}"


def lines(*answers: str) -> str:
    return "".join(f"{answer}\n" for answer in answers)


def split_texts(thread: Thread, essay: Path, *settings: str) -> list[str]:
    result = thread("split", str(essay), "--format", "json", *settings)
    assert result.returncode == 0, result.stderr
    return [post["text"] for post in json.loads(result.stdout)["posts"]]


def test_the_compose_links_carry_the_split_posts_and_the_reply_chain(
    thread: Thread, tmp_path: Path
) -> None:
    png(tmp_path / "chart.png")
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY.replace("Point 2:", "![Funding per pupil](chart.png)\n\nPoint 2:"))
    texts = split_texts(thread, essay, *SETTINGS)
    reply_to = "https://twitter.com/nahtnews/status/1859000000000000000?s=20"
    answers = lines(*(address(n) + "?s=46&t=x1" for n in range(1, len(texts) + 1)))
    done = thread(
        "publish", str(essay), "--to", "x", "--assist", "--reply-to", reply_to, *SETTINGS,
        stdin=answers,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    links = opened(tmp_path)
    assert [link["text"] for link in links] == texts  # exactly `thread split`'s posts
    chain = ["1859000000000000000"] + [address(n).rsplit("/", 1)[1] for n in range(1, len(texts))]
    assert [link["in_reply_to"] for link in links] == chain
    image = next(line for line in done.stdout.splitlines() if "Attach this image" in line)
    assert str(tmp_path / "chart.png") in image and "alt text: Funding per pupil" in image
    assert f"The thread: {address(1)}" in done.stdout  # kept without the tracking query
    again = thread("publish", str(essay), "--to", "x", "--assist", *SETTINGS)
    assert again.returncode == 0 and "X @campaigner: already published" in again.stdout


def test_stopping_after_post_3_then_again_resumes_at_post_4_replying_to_post_3(
    thread: Thread, tmp_path: Path
) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    texts = split_texts(thread, essay)
    stopped = thread(
        "publish", str(essay), "--to", "x", "--assist", stdin=lines(*map(address, (1, 2, 3)))
    )
    assert stopped.returncode == 130
    assert (
        stopped.stderr.strip() == "thread: stopped at post 4; publishing again goes on from there"
    )
    assert [link["text"] for link in opened(tmp_path)] == texts[:4]  # post 4 was handed over

    rest = [address(n) for n in range(4, len(texts) + 1)]
    resumed = thread("publish", str(essay), "--to", "x", "--assist", stdin=lines("", *rest))
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming an unfinished run, 3 of" in resumed.stdout
    (asked,) = [line for line in resumed.stdout.splitlines() if "may have been published" in line]
    assert asked.startswith(f"Post 4 (“{texts[3][:30]}")  # asked first: "" says
    # it was not published, so it is handed over again
    links = opened(tmp_path)
    assert [link["text"] for link in links] == texts[3:]
    assert links[0]["in_reply_to"] == address(3).rsplit("/", 1)[1]
    with sqlite3.connect(tmp_path / "data" / "threadsmith" / "threadsmith.db") as db:
        runs = db.execute("SELECT handle, status FROM runs").fetchall()
        ids = [row[0] for row in db.execute("SELECT remote_id FROM run_posts ORDER BY number")]
    assert runs == [("campaigner", "done")]  # one run, named by the first address
    assert ids == [address(n).rsplit("/", 1)[1] for n in range(1, len(texts) + 1)]


def test_a_bad_paste_gets_one_line_and_the_question_again(thread: Thread, tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    count = len(split_texts(thread, essay))
    answers = [address(1), "https://x.com/campaigner", address(1), address(2)]
    answers += [address(n) for n in range(3, count + 1)]
    done = thread("publish", str(essay), "--to", "x", "--assist", stdin=lines(*answers))
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    refusals = [line for line in out if "paste the address of post 2" in line]
    assert refusals == [
        "That is not the address of a post on X: paste the address of post 2 "
        "(https://x.com/<you>/status/<number>)",
        "That is the address of post 1: paste the address of post 2 "
        "(https://x.com/<you>/status/<number>)",
    ]
    assert out.count("Address of post 2 once you have published it:") == 3
    assert len(opened(tmp_path)) == count  # each post handed over once


def test_by_hand_nothing_is_billed_and_what_a_link_cannot_carry_is_said(
    thread: Thread, tmp_path: Path
) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY + "\n\nThe letter: https://example.org/letter\n")
    prices = thread("prices")
    assert "post_with_link" in prices.stdout  # X's price table is there: the API is billed
    plan = thread(
        "publish", str(essay), "--to", "x", "--assist", "--dry-run", "--replies", "following"
    )
    assert plan.returncode == 0, plan.stderr
    assert "bills" not in plan.stdout  # the person publishes: X bills nothing
    assert (
        "X: note: X (assisted) cannot apply replies: following (who may reply): a compose link "
        "carries the text alone" in plan.stdout.splitlines()
    )


def test_an_image_through_a_link_is_shown_with_where_it_leads(
    thread: Thread, tmp_path: Path
) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "essay").mkdir()
    elsewhere = png(tmp_path / "photos" / "chart.png")
    (tmp_path / "essay" / "chart.png").symlink_to(elsewhere)
    essay = tmp_path / "essay" / "essay.md"
    essay.write_text(ESSAY + "\n\n![Funding per pupil](chart.png)\n")
    plan = thread("publish", str(essay), "--to", "x", "--assist", "--dry-run")
    assert plan.returncode == 0, plan.stderr
    linked = tmp_path / "essay" / "chart.png"
    assert f"  image: {linked} (a link to {elsewhere}) (alt: Funding per pupil)" in plan.stdout


def test_resume_goes_on_by_hand_when_asked_to(thread: Thread, tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    texts = split_texts(thread, essay)
    assert thread("publish", str(essay), "--to", "x", "--assist", stdin="").returncode == 130
    plain = thread("publish", "--resume")  # no account, nothing pasted yet: no name either
    assert plain.returncode == 2  # as for any account that is not there
    assert plain.stderr.splitlines()[0] == (
        "thread: X, run 1: it was being published by hand; to go on by hand: "
        "thread publish --resume --assist"
    )
    answers = lines("", *(address(n) for n in range(1, len(texts) + 1)))
    by_hand = thread("publish", "--resume", "--assist", stdin=answers)
    assert by_hand.returncode == 0, by_hand.stderr
    assert [link["text"] for link in opened(tmp_path)] == [texts[0], *texts]  # 1 again: not out
    assert f"X @campaigner: done, {len(texts)} posts." in by_hand.stdout


@pytest.fixture
def data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_an_api_run_refused_half_way_goes_on_by_hand_from_the_failed_post(
    fake_x: FakeX,
    data_home: None,
    memory_keyring: MemoryKeyring,
    thread: Thread,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(monkeypatch, "login", "x", stdin="\n".join(SECRETS) + "\n") == 0
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    texts = split_texts(thread, essay, *SETTINGS)
    fake_x.script.extend(["ok", "ok", "403-restricted"])
    capsys.readouterr()
    assert main(["publish", str(essay), "--to", "x", "--yes", *SETTINGS]) == 1
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert "You can only reply to or quote posts where you are mentioned" in error
    command = error.rsplit("from where it stopped: ", 1)[1].strip("`")
    words = shlex.split(command)
    assert words[:6] == ["thread", "publish", str(essay), "--to", "x:campaigner", "--assist"]
    assert words[6:] == list(SETTINGS)

    plain = thread("publish", str(essay), "--to", "x", "--assist", "--dry-run", *SETTINGS)
    assert "X @campaigner: resuming an unfinished run, 2 of" in plain.stdout  # the one account

    answers = lines(*(address(n) for n in range(3, len(texts) + 1)))
    by_hand = thread(*words[1:], stdin=answers)  # the very command, with no keyring at all
    assert by_hand.returncode == 0, by_hand.stderr
    assert "X @campaigner: resuming an unfinished run, 2 of" in by_hand.stdout
    links = opened(tmp_path)
    assert [link["text"] for link in links] == texts[2:]
    assert links[0]["in_reply_to"] == fake_x.tweets[1]["id"]  # post 2, sent by the API
    with sqlite3.connect(tmp_path / "data" / "threadsmith" / "threadsmith.db") as db:
        (status,) = db.execute("SELECT status FROM runs").fetchone()
        ids = [row[0] for row in db.execute("SELECT remote_id FROM run_posts ORDER BY number")]
    assert status == "done" and len(fake_x.tweets) == 2
    assert ids == [t["id"] for t in fake_x.tweets] + [a.rsplit("/", 1)[1] for a in answers.split()]


@pytest.mark.realparts
def test_at_a_terminal_each_post_reaches_the_clipboard_and_ctrl_c_stops(
    thread: Thread, tmp_path: Path
) -> None:
    """In tmux (which keeps what OSC 52 sets as its paste buffer, with set-clipboard on),
    as a person types: the post is on the clipboard, the address typed at the prompt."""
    require_real_part(shutil.which("tmux") is not None, "tmux is not installed")
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    texts = split_texts(thread, essay)
    config = tmp_path / "tmux.conf"
    config.write_text("set -s set-clipboard on\nset -g remain-on-exit on\n")
    tmux = ["tmux", "-L", f"threadsmith-assist-{os.getpid()}", "-f", str(config)]
    exports = " ".join(f"{name}={shlex.quote(thread.env[name])}" for name in TMUX_ENV)
    command = f"env {exports} {sys.executable} -m threadsmith publish {essay} --to x --assist"
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "40", command], check=True)
    try:
        for number in (1, 2):
            wait_for(tmux, f"Address of post {number} once you have published it:")
            clipboard = subprocess.run([*tmux, "show-buffer"], capture_output=True, text=True)
            assert clipboard.stdout == texts[number - 1]
            if number == 1:
                subprocess.run([*tmux, "send-keys", "-l", address(1)], check=True)
                subprocess.run([*tmux, "send-keys", "Enter"], check=True)
        subprocess.run([*tmux, "send-keys", "C-c"], check=True)
        shown = wait_for(tmux, "thread: interrupted")
        assert "The text is on the clipboard." in shown
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    with sqlite3.connect(tmp_path / "data" / "threadsmith" / "threadsmith.db") as db:
        states = [row[0] for row in db.execute("SELECT state FROM run_posts ORDER BY number")]
    assert states[:3] == ["sent", "sending", "pending"]  # post 2 may be out: asked on resume


TMUX_ENV = ("XDG_DATA_HOME", "BROWSER", "PYTHON_KEYRING_BACKEND")


def wait_for(tmux: list[str], text: str, timeout: float = 30) -> str:
    shown = ""

    def showing() -> bool:
        nonlocal shown
        shown = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
        return text in shown

    wait_until(showing, lambda: f"{text!r} on the screen, which shows:\n{shown}", timeout, 0.1)
    return shown
