"""kill -9 in the middle of a Mastodon thread, at random points, then resume: each post
once, each replying to the previous one (a real subprocess, the fake server over HTTP)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from support.fake_mastodon import FakeMastodon
from support.mastodon_run import assert_chain
from threadsmith.journal import Outgoing
from threadsmith.network import network_named
from threadsmith.store import Store

CHILD = """
import sys
from pathlib import Path
from threadsmith import publish
from threadsmith.networks.mastodon.publisher import MastodonPublisher
from threadsmith.store import Store

database, run_id, handle, instance = sys.argv[1:5]
publisher = MastodonPublisher(handle, instance, sys.stdin.readline().strip(), timeout=5)
publish.run(Store(Path(database)), int(run_id), publisher, delay=0.15)
"""


def test_kill_9_at_random_points_then_resume(fake_mastodon: FakeMastodon, tmp_path: Path) -> None:
    texts = [f"Post {n} of a long thread about school funding. {n}/16" for n in range(1, 17)]
    database = tmp_path / "threadsmith.db"
    with closing(Store(database)) as store:
        posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
        run_id = store.create_run("file:/essay.md", network_named("mastodon"), "tester", posts).id
    # some answers come late, so that some kills land between the server's work and the journal
    fake_mastodon.slow_seconds = 0.4
    fake_mastodon.fail("POST /api/v1/statuses", *(["ok", "slow"] * 8))
    handle = f"tester@{fake_mastodon.host}"
    command = [sys.executable, "-c", CHILD, str(database), str(run_id), handle, fake_mastodon.url]
    chooser = random.Random(20261127)
    kills = 0
    for _ in range(6):
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdin is not None
        child.stdin.write(fake_mastodon.token + "\n")
        child.stdin.flush()  # stays open: communicate() closes it
        time.sleep(chooser.uniform(0.8, 2.0))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.communicate(timeout=60)
    finished = subprocess.run(command, input=fake_mastodon.token + "\n", capture_output=True,
                              text=True, timeout=120)  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert kills >= 2
    assert_chain(fake_mastodon, texts)
    with closing(Store(database)) as store:
        assert all(p.state == "sent" for p in store.run_posts(run_id))
        assert [p.ref.id for p in store.run_posts(run_id) if p.ref] == [
            s.id for s in fake_mastodon.statuses
        ]
