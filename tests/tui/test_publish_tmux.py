"""End to end at 80×24, as a person would: the real `thread draft` command in tmux
publishes one essay to Bluesky (the real local PDS) and Mastodon (the fake server) at
once, and both threads' links are read whole from the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support.fake_mastodon import FakeMastodon
from support.pds import LocalPDS, read_thread
from support.realparts import require_real_part
from support.split import split
from support.tmux import keys, screen, wait_for
from support.waiting import wait_until
from threadsmith.store import Store

ESSAY = "# Fair funding\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets, "
    "and the evidence is plain to see in every classroom."
    for n in range(1, 5)
)


def test_two_networks_from_the_app_at_80x24_both_links_whole(
    pds: LocalPDS, fake_mastodon: FakeMastodon, secret_service: dict[str, str], tmp_path: Path
) -> None:
    require_real_part(shutil.which("tmux") is not None, "tmux is not installed")
    account = pds.create_account("twonets")
    env = {**os.environ, **secret_service, "XDG_DATA_HOME": str(tmp_path / "data")}
    logins = [
        (["bluesky", "--handle", account.handle, "--service", pds.url], account.password),
        (["mastodon", "--instance", fake_mastodon.url], fake_mastodon.token),
    ]
    for argv, secret in logins:
        login = subprocess.run(
            [sys.executable, "-m", "threadsmith", "login", *argv],
            input=secret + "\n", capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert login.returncode == 0, login.stderr
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    session = f"threadsmith-two-{os.getpid()}"
    exports = " ".join(
        f"{k}='{v}'" for k, v in env.items() if k in secret_service or k.startswith("XDG")
    )
    command = f"env {exports} {sys.executable} -m threadsmith draft {essay}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command], check=True
    )
    try:
        wait_for(session, "1 of ", timeout=60)
        keys(session, "F5")
        wait_for(session, "[ ] Mastodon @")  # each choice reads ticked or not, in words
        keys(session, "space")  # the first: Bluesky
        wait_for(session, f"[x] Bluesky @{account.handle}")
        keys(session, "Tab", "space")
        wait_for(session, "[x] Mastodon @")
        keys(session, "F5")
        wait_for(session, "Not yet")  # "Publish N posts to … and M posts to …?"
        keys(session, "Enter")
        wait_until(
            lambda: screen(session).count(": done, ") == 2,
            lambda: f"both networks done; the screen shows:\n{screen(session)}",
            timeout=90,
            every=0.2,
        )
        shown = screen(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    store = Store(tmp_path / "data" / "threadsmith" / "threadsmith.db")
    runs = [run for draft in store.drafts() for run in store.runs_for(f"draft:{draft.id}")]
    links = {run.network.name: store.run_posts(run.id)[0].ref for run in runs}
    store.close()
    assert "failed" not in shown
    lines = [line.strip() for line in shown.splitlines()]
    for network in ("bluesky", "mastodon"):
        ref = links[network]
        assert ref is not None and ref.url in lines, (network, shown)  # whole, on its own line
    assert len(read_thread(pds, account)) == len(split(ESSAY, "bluesky").posts)
    assert len(fake_mastodon.statuses) == len(split(ESSAY, "mastodon").posts)
