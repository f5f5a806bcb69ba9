"""End to end, as a person would: the real `thread draft` command in tmux, keys sent,
the screen read back; it publishes to the real local PDS, and the thread is checked
on the server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support.pds import LocalPDS, read_thread
from support.realparts import require_real_part
from support.split import split
from support.tmux import wait_for

ESSAY = "# Fair funding\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets, "
    "and the evidence is plain to see in every classroom."
    for n in range(1, 5)
)


def test_draft_and_publish_in_tmux(
    pds: LocalPDS, secret_service: dict[str, str], tmp_path: Path
) -> None:
    require_real_part(shutil.which("tmux") is not None, "tmux is not installed")
    account = pds.create_account("tmux")
    env = {**os.environ, **secret_service, "XDG_DATA_HOME": str(tmp_path / "data")}
    login = subprocess.run(
        [sys.executable, "-m", "threadsmith", "login", "bluesky", "--handle", account.handle,
         "--service", pds.url],
        input=account.password + "\n", capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    session = f"threadsmith-e2e-{os.getpid()}"
    command = f"{sys.executable} -m threadsmith draft {essay}"
    exports = " ".join(
        f"{k}='{v}'" for k, v in env.items() if k in secret_service or k.startswith("XDG")
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
         f"env {exports} {command}"],
        check=True,
    )  # fmt: skip
    try:
        wait_for(session, "1 of ", timeout=60)
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", "Typed in tmux."], check=True)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter", "Enter"], check=True)
        wait_for(session, "Typed in tmux.")
        subprocess.run(["tmux", "send-keys", "-t", session, "F5"], check=True)
        wait_for(session, "[ ] Bluesky @")  # the accounts listed, the first one focused
        subprocess.run(["tmux", "send-keys", "-t", session, "space"], check=True)
        wait_for(session, "posts ──")  # the read-only preview for the chosen account
        subprocess.run(["tmux", "send-keys", "-t", session, "F5"], check=True)
        wait_for(session, "Not yet")  # "Publish N posts to @…?"
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        shown = wait_for(session, ": done, ", timeout=60)  # "…: done, 3 posts. The thread:"
        assert "https://bsky.app/profile/" in shown and "failed" not in shown
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    records = read_thread(pds, account)
    expected = split("Typed in tmux.\n\n" + ESSAY, "bluesky").posts
    assert [r["text"] for r in records] == [post.text for post in expected]
