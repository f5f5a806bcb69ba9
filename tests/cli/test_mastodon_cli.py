"""Mastodon through the real `thread` command: a token on standard input, the real keyring,
the fake Mastodon server on 127.0.0.1 (Mastodon.py's own code runs)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from support.cli_login import login_to_mastodon
from support.fake_mastodon import FakeMastodon
from support.secret_service import assert_no_secret_in, secret_tool_lookup
from support.split import split
from support.thread_cli import PARAGRAPH, Thread
from threadsmith.threading.mastodon_count import mastodon_length

pytestmark = pytest.mark.realparts


def test_login_with_a_token_then_publish_a_thread(
    thread: Thread, fake_mastodon: FakeMastodon, secret_service: dict[str, str], tmp_path: Path
) -> None:
    handle = login_to_mastodon(thread, fake_mastodon)
    assert handle in thread("accounts").stdout
    assert fake_mastodon.token in secret_tool_lookup(secret_service, f"mastodon:{handle}")
    source = tmp_path / "essay.md"
    source.write_text("---\nlang: en\ncw: Politics\n---\n" + "\n\n".join([PARAGRAPH] * 12) + "\n")
    result = thread("publish", str(source), "--to", "mastodon", "--yes")
    assert result.returncode == 0, result.stderr
    statuses = fake_mastodon.statuses
    expected = split(source.read_text(), "mastodon", limit=500 - len("Politics")).posts
    assert [s.text for s in statuses] == [post.text for post in expected]
    assert [s.visibility for s in statuses] == ["public"] + ["unlisted"] * (len(statuses) - 1)
    assert all(s.spoiler_text == "Politics" and s.language == "en" for s in statuses)
    for previous, status in itertools.pairwise(statuses):
        assert status.in_reply_to_id == previous.id
    assert all(mastodon_length(s.text, spoiler_text="Politics") <= 500 for s in statuses)
    assert_no_secret_in([tmp_path / "data", *thread.outputs], [fake_mastodon.token])


def test_login_at_a_terminal_takes_the_code_the_authorisation_page_shows(
    thread: Thread, fake_mastodon: FakeMastodon, secret_service: dict[str, str]
) -> None:
    thread.env["BROWSER"] = "true"  # the browser "opens" the page; the code is typed below
    code, output = thread.at_terminal(
        "login", "mastodon", "--instance", fake_mastodon.url,
        answers={"Authorisation code (the page gives it once you approve): ": fake_mastodon.code},
    )  # fmt: skip
    assert code == 0, output
    assert f"{fake_mastodon.url}/oauth/authorize?" in output  # printed, for a machine without one
    handle = f"{fake_mastodon.username}@{fake_mastodon.host}"
    assert f"as {handle}" in output
    assert fake_mastodon.token in secret_tool_lookup(secret_service, f"mastodon:{handle}")
    assert_no_secret_in([thread.data, *thread.outputs], [fake_mastodon.token])


def test_no_token_on_standard_input_is_one_line_saying_how(
    thread: Thread, fake_mastodon: FakeMastodon
) -> None:
    result = thread("login", "mastodon", "--instance", fake_mastodon.url, stdin="")
    assert result.returncode == 2
    assert result.stderr == ("thread: missing access token: give it as a line on standard input\n")
    assert thread("accounts").stdout.startswith("No accounts")  # nothing kept


def test_an_instance_with_a_larger_limit_gets_longer_posts(thread: Thread, tmp_path: Path) -> None:
    server = FakeMastodon(max_characters=1000).start()
    try:
        login_to_mastodon(thread, server)
        source = tmp_path / "essay.md"
        source.write_text(" ".join([PARAGRAPH] * 20) + "\n")
        dry = thread("publish", str(source), "--to", "mastodon", "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert "/1000" in dry.stdout
        assert thread("publish", str(source), "--to", "mastodon", "--yes").returncode == 0
        lengths = [mastodon_length(status.text) for status in server.statuses]
        assert max(lengths) > 500 and all(length <= 1000 for length in lengths)
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("server_options", "token", "said"),
    [
        ({}, "revoked-token", "The access token is invalid"),
        ({"is_mastodon": False}, None, "is not a Mastodon server"),
        ({"has_v2": False, "has_v1": False}, None, "has no Mastodon API"),
    ],
    ids=["bad-token", "a-web-page", "no-api"],
)
def test_bad_input_at_login_is_one_line_and_nothing_is_kept(
    thread: Thread,
    secret_service: dict[str, str],
    server_options: dict[str, bool],
    token: str | None,
    said: str,
) -> None:
    server = FakeMastodon(**server_options).start()  # type: ignore[arg-type]
    try:
        given = token or server.token
        result = thread("login", "mastodon", "--instance", server.url, stdin=given + "\n")
        handle = f"{server.username}@{server.host}"
    finally:
        server.stop()
    assert result.returncode != 0 and result.stderr.count("\n") == 1, result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr
    assert given not in result.stderr
    assert secret_tool_lookup(secret_service, f"mastodon:{handle}") == ""
    assert thread("accounts").stdout.startswith("No accounts yet")


def test_an_unreachable_instance_is_one_line(thread: Thread) -> None:
    result = thread("login", "mastodon", "--instance", "http://127.0.0.1:9", stdin="token\n")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "cannot reach 127.0.0.1:9" in result.stderr
