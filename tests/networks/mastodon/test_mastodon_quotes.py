"""Who may quote a thread's statuses on Mastodon: `quote_approval_policy` on every status
where the instance's API version says it takes it (Mastodon 4.5, API version 7), learnt
with the instance's limits and kept with the account; on an older instance, a note in
the preview and nothing quote-related sent. Against the fake server answering as each
release, through Mastodon.py and the real `thread` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli_login import login_to_mastodon
from support.fake_mastodon import FakeMastodon
from support.mastodon_run import make_publisher, send_thread
from support.thread_cli import PARAGRAPH, Thread
from threadsmith.errors import InputError
from threadsmith.networks.mastodon.account import instance_limits
from threadsmith.networks.mastodon.instance import from_settings, to_settings

TEXTS = [f"Point {n}: schools need a settlement that matches the needs they meet." for n in (1, 2)]
PARAM = "quote_approval_policy"


@pytest.mark.parametrize(
    ("release", "api_version", "sets_it"),
    [("4.5", 7, True), ("4.4", 6, False), ("4.3", 2, False), ("4.2", 0, False)],
)
def test_the_instance_says_whether_it_takes_a_quote_policy_and_the_account_keeps_it(
    release: str, api_version: int, sets_it: bool
) -> None:
    server = FakeMastodon(release=release).start()
    try:
        limits = instance_limits(server.url)
    finally:
        server.stop()
    assert limits.api_version == api_version  # 4.2 says no API version at all
    assert limits.sets_quote_policy is sets_it
    kept = from_settings(to_settings(limits))  # as the store keeps it with the account
    assert kept == limits and kept.sets_quote_policy is sets_it


@pytest.mark.parametrize(
    ("quotes", "kept"), [("nobody", "nobody"), ("followers", "followers"), ("everyone", "public")]
)
def test_every_status_carries_who_may_quote_it_on_mastodon_4_5(
    mastodon_4_5: FakeMastodon, quotes: str, kept: str
) -> None:
    publisher = make_publisher(mastodon_4_5, quotes=quotes)
    try:
        send_thread(publisher, TEXTS)
    finally:
        publisher.close()
    statuses = mastodon_4_5.statuses
    assert [status.quote_policy for status in statuses] == [kept, kept]
    assert all(PARAM in status.params for status in statuses)
    assert publisher.warnings == []


def test_without_a_choice_the_accounts_own_default_stands(mastodon_4_5: FakeMastodon) -> None:
    mastodon_4_5.default_quote_policy = "followers"  # the person's setting on the instance
    publisher = make_publisher(mastodon_4_5)
    try:
        send_thread(publisher, TEXTS)
    finally:
        publisher.close()
    assert all(PARAM not in status.params for status in mastodon_4_5.statuses)
    assert [status.quote_policy for status in mastodon_4_5.statuses] == ["followers"] * 2


def test_an_older_instance_is_sent_nothing_about_quotes_and_the_run_says_so(
    mastodon_4_3: FakeMastodon,
) -> None:
    # a run journalled when the instance could, resumed after it went back to 4.3
    publisher = make_publisher(mastodon_4_3, quotes="nobody")
    try:
        send_thread(publisher, TEXTS)
    finally:
        publisher.close()
    assert len(mastodon_4_3.statuses) == 2
    assert all(PARAM not in status.params for status in mastodon_4_3.statuses)
    assert publisher.warnings == [
        f"quotes: nobody was not applied: {mastodon_4_3.host} runs Mastodon 4.3.9, which "
        "cannot set who may quote a post (Mastodon 4.5 can)"
    ]


def test_a_policy_that_is_no_choice_is_refused_before_anything_is_sent(
    mastodon_4_5: FakeMastodon,
) -> None:
    with pytest.raises(InputError, match="quotes must be one of everyone, followers, nobody"):
        make_publisher(mastodon_4_5, quotes="friends")
    assert mastodon_4_5.statuses == []


# --- through `thread publish` ---------------------------------------------------------


def essay(tmp_path: Path, front_matter: str = "") -> Path:
    source = tmp_path / "essay.md"
    source.write_text(front_matter + "\n\n".join([PARAGRAPH] * 6) + "\n")
    return source


@pytest.mark.parametrize(
    ("asked", "front_matter", "kept"),
    [
        (["--no-quotes"], "", "nobody"),
        (["--quotes", "followers"], "", "followers"),
        ([], "---\nquotes: false\n---\n", "nobody"),
    ],
    ids=["--no-quotes", "--quotes followers", "quotes: false"],
)
def test_thread_publish_sets_who_may_quote_every_status_on_mastodon_4_5(
    thread: Thread,
    mastodon_4_5: FakeMastodon,
    tmp_path: Path,
    asked: list[str],
    front_matter: str,
    kept: str,
) -> None:
    login_to_mastodon(thread, mastodon_4_5)
    source = essay(tmp_path, front_matter)
    dry = thread("publish", str(source), "--to", "mastodon", "--dry-run", *asked)
    assert dry.returncode == 0 and "note:" not in dry.stdout, dry.stdout + dry.stderr
    result = thread("publish", str(source), "--to", "mastodon", "--yes", *asked)
    assert result.returncode == 0, result.stderr
    statuses = mastodon_4_5.statuses
    assert len(statuses) > 1
    assert [status.quote_policy for status in statuses] == [kept] * len(statuses)
    assert all(PARAM in status.params for status in statuses)


def test_thread_publish_to_mastodon_4_3_says_quotes_cannot_be_set_there_and_sends_none(
    thread: Thread, mastodon_4_3: FakeMastodon, tmp_path: Path
) -> None:
    handle = login_to_mastodon(thread, mastodon_4_3)
    source = essay(tmp_path)
    note = (
        f"Mastodon @{handle}: note: Mastodon cannot apply --no-quotes (who may quote the "
        f"posts): {mastodon_4_3.host} runs Mastodon 4.3.9, which cannot set who may quote a "
        "post (Mastodon 4.5 can); not applied there"
    )
    dry = thread("publish", str(source), "--to", "mastodon", "--dry-run", "--no-quotes")
    assert dry.returncode == 0, dry.stderr
    assert note in dry.stdout.splitlines()
    result = thread("publish", str(source), "--to", "mastodon", "--yes", "--no-quotes")
    assert result.returncode == 0, result.stderr
    assert note in result.stdout.splitlines()
    statuses = mastodon_4_3.statuses
    assert len(statuses) > 1 and all(PARAM not in status.params for status in statuses)


def test_no_quotes_and_a_quote_policy_together_are_one_usage_line(
    thread: Thread, tmp_path: Path
) -> None:
    result = thread(
        "publish", str(essay(tmp_path)), "--to", "mastodon", "--no-quotes", "--quotes",
        "followers",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--quotes: not allowed with argument --no-quotes" in result.stderr
