"""`thread login/accounts/publish/logout` for real: subprocesses, the real Secret
Service keyring, a real PDS on 127.0.0.1; then every file written and every
output captured is searched for the secrets."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

from support.pds import LocalPDS, read_thread
from support.secret_service import assert_no_secret_in, secret_tool_lookup
from support.split import split
from support.thread_cli import Thread, assert_chain, essay, login


def test_login_publish_logout_cycle_leaks_no_secret(
    thread: Thread, pds: LocalPDS, secret_service: dict[str, str], tmp_path: Path
) -> None:
    account = pds.create_account("cycle")
    login(thread, pds, account)
    listing = thread("accounts")
    assert account.handle in listing.stdout and "Keyring:" in listing.stdout
    session = secret_tool_lookup(secret_service, f"bluesky:{account.handle}")
    assert account.password in session  # it is in the keyring, and only there

    source = essay(tmp_path / "essay.md")
    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run")
    assert dry.returncode == 0 and "posts" in dry.stdout and read_thread(pds, account) == []
    refused = thread("publish", str(source), "--to", "bluesky")
    assert refused.returncode == 2 and "--yes" in refused.stderr  # no terminal, no --yes

    published = thread("publish", str(source), "--to", "bluesky", "--yes", "--verbose")
    assert published.returncode == 0, published.stderr
    records = assert_chain(pds, account, len(read_thread(pds, account)))
    assert "The thread: https://bsky.app/profile/" in published.stdout
    again = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert "already published" in again.stdout and len(read_thread(pds, account)) == len(records)

    out = thread("logout", "bluesky", account.handle)
    assert (
        out.returncode == 0
        and secret_tool_lookup(secret_service, f"bluesky:{account.handle}") == ""
    )
    assert account.handle not in thread("accounts").stdout
    secrets = [account.password, session.split('"session": "')[-1][:40]]
    assert_no_secret_in([tmp_path / "data", *thread.outputs], secrets)


def test_kill_9_at_random_points_then_resume(thread: Thread, pds: LocalPDS, tmp_path: Path) -> None:
    account = pds.create_account("killed")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=24)
    command = ("publish", str(source), "--to", "bluesky", "--yes", "--delay", "0.2")
    chooser = random.Random(20261123)
    kills = 0
    for _ in range(6):
        process = thread.start(*command)
        time.sleep(chooser.uniform(0.8, 2.5))  # somewhere mid-thread, or mid-request
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.communicate(timeout=60)
    finished = thread(*command)
    assert finished.returncode == 0, finished.stderr
    expected = len(split(source.read_text(), "bluesky").posts)
    assert kills >= 2
    assert len(assert_chain(pds, account, expected)) == expected


def test_an_essay_with_a_typo_fixed_names_the_thread_that_went_out(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("typo")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md")
    published = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert published.returncode == 0, published.stderr
    first = published.stdout.split("The thread: ")[1].split()[0]
    fixed = source.read_text().replace("the", "teh", 1)  # one word of eight paragraphs
    source.write_text(fixed)
    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "nearly the same as this one" in dry.stdout and first in dry.stdout
    letter = tmp_path / "letter.md"
    letter.write_text(
        "Dear Minister,\n\nWe write about teacher workload, which has grown every year "
        "since 2019. Marking, data drops and meetings now fill the evenings of most staff.\n"
    )
    unlike = thread("publish", str(letter), "--to", "bluesky", "--dry-run")
    assert unlike.returncode == 0 and "nearly the same" not in unlike.stdout
