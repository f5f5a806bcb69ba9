"""The writer steers the breaks, as a person would at 80×24: the real `thread draft`
in tmux, keys sent, the screen read back. Move the break after post 3 a sentence
later, join posts 5 and 6, edit post 2 past the limit (the counter turns red and
says where the end goes), quit, reopen: the same posts; export, and `thread split`
of the export gives them too."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from support.realparts import require_real_part
from support.split import split
from support.tmux import gone, keys, screen, wait_for
from support.waiting import wait_until

WIDTH, HEIGHT = 80, 24


WORDS = (
    "school pupils funding teacher trust need time money every class county budget staff parents"
)


def essay(seed: int = 2684) -> str:
    """Paragraphs of plain sentences with the writer's `---` after the third: with this
    seed, post 3 on X has room for the next sentence, and the `---` ends post 5."""
    rng = random.Random(seed)
    words = WORDS.split()

    def sentence() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(4, 24))).capitalize() + "."

    paragraphs = [
        " ".join(sentence() for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(5, 8))
    ]
    cut = rng.randint(2, len(paragraphs) - 1)
    return (
        "# A fair deal for our schools\n\n"
        + "\n\n".join(paragraphs[:cut])
        + "\n\n---\n\n"
        + "\n\n".join(paragraphs[cut:])
    )


ESSAY = essay()


def saved_body(env: dict[str, str]) -> str:
    """The draft as the app saved it (read by another process, as a second window would)."""
    code = "from threadsmith.store import open_store; print(open_store().drafts()[0].body, end='')"
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return found.stdout


def texts(text: str) -> list[str]:
    return [post.text for post in split(text, "x").posts]


@pytest.fixture
def session(tmp_path: Path) -> tuple[str, dict[str, str]]:
    require_real_part(shutil.which("tmux") is not None, "tmux is not installed")
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    return f"threadsmith-steer-{os.getpid()}", env


def start(session: str, env: dict[str, str], *arguments: str) -> None:
    exports = " ".join(f"{k}='{v}'" for k, v in env.items() if k.startswith("XDG"))
    command = f"env {exports} {sys.executable} -m threadsmith {' '.join(arguments)}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT),
         command],
        check=True,
    )  # fmt: skip


def test_move_join_edit_quit_reopen_export_in_tmux(
    session: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    name, env = session
    before = split(ESSAY, "x").posts
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    start(name, env, "draft", str(essay))
    try:
        wait_for(name, "1 of ", timeout=60)
        keys(name, "C-o")  # to the cards: the first is selected
        wait_for(name, "═ 1 of ")
        keys(name, "Tab", "Tab")  # Tab moves between the cards
        wait_for(name, "═ 3 of ")  # the selected card has a double border
        keys(name, "M-Down")  # the break after post 3, a sentence later
        wait_for(name, "break moved later")
        body = saved_body_when(env, lambda text: "pinned:" in text)
        moved = split(body, "x").posts
        assert moved[2].body.startswith(before[2].body) and len(moved[2].body) > len(before[2].body)
        assert [p.text for p in moved[:2]] == [p.text for p in before[:2]]
        keys(name, "Tab", "Tab")  # to post 5
        wait_for(name, "═ 5 of ")
        keys(name, "C-j")
        body = saved_body_when(env, lambda text: text.count("---\n\n") < ESSAY.count("---\n\n"))
        assert len(split(body, "x").posts) == len(moved) - 1  # 5 and 6 are one
        keys(name, "BTab", "BTab", "BTab")  # back to post 2
        wait_for(name, "═ 2 of ")
        keys(name, "F3")
        wait_for(name, "edit its words")  # the dialog (the cards behind it say "/280" too)
        keys(name, "C-End")
        more = " And one more sentence, then another, that takes this post well past its limit"
        more += ", as a writer in full flow will do. We trim it back later, once it reads well."
        keys(name, more, literal=True)
        shown = wait_for(name, "over")
        assert "post 3" in shown  # where the end moves is said before saving
        keys(name, "C-s")
        body = saved_body_when(env, lambda text: "well past its limit" in text)
        edited = texts(body)
        keys(name, "Escape")
        wait_for(name, "e Export")  # the library's keys
        keys(name, "C-q")
        wait_until(
            lambda: gone(name), lambda: f"the app quit; it shows:\n{screen(name)}", every=0.1
        )
        start(name, env)  # the library, then the draft
        wait_for(name, "A fair deal for our")
        keys(name, "Enter")
        wait_for(name, "esc Library")  # the editor (the library's table says "N posts" too)
        wait_for(name, f"{len(edited)} posts ─")  # its preview's count
        assert texts(saved_body(env)) == edited
        keys(name, "Escape")
        wait_for(name, "e Export")  # the library's keys
        keys(name, "e")
        wait_for(name, "Export as Markdown")
        exported = tmp_path / "exported.md"
        keys(name, "End", "C-u")  # the path offered (the essay's own file) cleared

        def cleared() -> bool:
            if "essay.md" not in screen(name):
                return True
            keys(name, "End", "C-u")  # the field may take the keys only once it has focus
            return False

        wait_until(cleared, lambda: f"the path cleared; it shows:\n{screen(name)}", every=0.2)
        keys(name, str(exported), literal=True)
        wait_for(name, "exported.md")
        keys(name, "Enter")
        wait_until(exported.exists, lambda: f"the export written; it shows:\n{screen(name)}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)
    split_cli = subprocess.run(
        [sys.executable, "-m", "threadsmith", "split", str(exported)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert split_cli.stdout.rstrip("\n").split("\n\n---\n\n") == edited


def saved_body_when(env: dict[str, str], ready: Callable[[str], bool], timeout: float = 30) -> str:
    """The saved draft, once `ready(body)` (the app saves itself within a second)."""
    body = ""

    def saved() -> bool:
        nonlocal body
        body = saved_body(env)
        return ready(body)

    wait_until(saved, lambda: f"saved as expected; the draft is:\n{body}", timeout, every=0.1)
    return body
