"""`thread doctor` checks each account's login with its network (nothing sent), its
secrets in the real Secret Service keyring: a refused (expired or revoked) Mastodon
token, a revoked Bluesky app password (a real local PDS), a server that cannot be
reached, a login missing from the keyring; never a secret printed."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from atproto import models

from support.fake_mastodon import FakeMastodon
from support.pds import LocalPDS
from support.secret_service import assert_no_secret_in, locked_keyring
from threadsmith import credentials
from threadsmith.cli import main
from threadsmith.network import network_named
from threadsmith.store import open_store

MASTODON = network_named("mastodon")


def account(url: str, token: str | None, handle: str = "tester@host") -> None:
    store = open_store()
    try:
        store.add_account(MASTODON, handle, url)
    finally:
        store.close()
    if token is not None:
        credentials.save("mastodon", handle, {"access_token": token})


def report(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["doctor"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out


def line_of(text: str, topic: str) -> str:
    (line,) = [ln for ln in text.splitlines() if f" {topic}:" in ln]
    return line


def test_a_good_mastodon_token_is_logged_in(
    secret_service: dict[str, str], computer: Path, fake_mastodon: FakeMastodon,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    account(fake_mastodon.url, fake_mastodon.token)
    _, out = report(capsys)
    assert line_of(out, "Mastodon @tester@host").startswith(
        "[ok]  Mastodon @tester@host: logged in"
    )
    assert_no_secret_in([out], [fake_mastodon.token])
    assert not any(s for s in fake_mastodon.statuses)  # nothing sent


def test_an_expired_mastodon_token_says_to_log_in_again(
    secret_service: dict[str, str], computer: Path, fake_mastodon: FakeMastodon,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    expired = "tok-expired-0123456789abcdef"
    account(fake_mastodon.url, expired)
    code, out = report(capsys)
    assert code == 1
    line = line_of(out, "Mastodon @tester@host")
    assert line.startswith("[fix]") and "refused its login" in line
    assert "thread login mastodon" in line and "again" in line
    assert_no_secret_in([out], [expired])


def test_a_server_that_cannot_be_reached_says_to_check_the_connection(
    secret_service: dict[str, str], computer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    account(f"http://127.0.0.1:{port}", "tok-unreached-0123456789")
    code, out = report(capsys)
    assert code == 1
    line = line_of(out, "Mastodon @tester@host")
    assert "could not be reached" in line and "connection" in line
    assert_no_secret_in([out], ["tok-unreached-0123456789"])


def test_a_login_missing_from_the_keyring_says_to_log_in_again(
    secret_service: dict[str, str], computer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account("http://127.0.0.1:9", None, handle="gone@host")
    code, out = report(capsys)
    assert code == 1
    line = line_of(out, "Mastodon @gone@host")
    assert line.startswith("[fix]") and "thread login mastodon" in line


def test_a_revoked_bluesky_app_password_fails_its_login_and_says_so(
    secret_service: dict[str, str], computer: Path, pds: LocalPDS,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    person = pds.create_account("doctor")
    bluesky = network_named("bluesky")
    store = open_store()
    try:
        store.add_account(bluesky, person.handle, pds.url)
    finally:
        store.close()
    credentials.save("bluesky", person.handle, {"app_password": person.password})
    _, out = report(capsys)
    assert line_of(out, f"Bluesky @{person.handle}").startswith("[ok]")
    client = pds.client(person)
    client.com.atproto.server.revoke_app_password(
        models.ComAtprotoServerRevokeAppPassword.Data(name="threadsmith-tests")
    )
    client.request.close()
    code, out = report(capsys)
    assert code == 1
    line = line_of(out, f"Bluesky @{person.handle}")
    assert line.startswith("[fix]") and "refused its login" in line
    assert f"thread login bluesky --handle {person.handle}" in line and "again" in line
    assert_no_secret_in([out], [person.password])


def test_with_the_keyring_locked_logins_are_not_read_and_it_says_why(
    secret_service: dict[str, str], computer: Path, fake_mastodon: FakeMastodon,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    account(fake_mastodon.url, fake_mastodon.token)
    with locked_keyring():
        code, out = report(capsys)
    assert code == 1
    line = line_of(out, "Mastodon @tester@host")
    assert "not checked: the keyring is locked" in line and "see the keyring line" in line
    assert "locked" in line_of(out, "keyring")
    assert fake_mastodon.requests == []  # the login was not even read
