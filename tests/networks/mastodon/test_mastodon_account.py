"""Mastodon accounts against the fake server: an instance's limits, the out-of-band login,
token checks and mention look-ups, each failure in one line that names no secret."""

from __future__ import annotations

import socket

import pytest

from support.fake_mastodon import FakeMastodon
from threadsmith.errors import AuthError, InputError, ServiceError, ThreadsmithError
from threadsmith.networks.mastodon import account as masto
from threadsmith.networks.mastodon.instance import base_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("mastodon.social", "https://mastodon.social"),
        ("https://mastodon.social/", "https://mastodon.social"),
        (" https://example.social:8443 ", "https://example.social:8443"),
        ("http://127.0.0.1:3000/", "http://127.0.0.1:3000"),
        ("http://localhost:3000", "http://localhost:3000"),
    ],
)
def test_instance_addresses(given: str, expected: str) -> None:
    assert base_url(given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("http://mastodon.social", "uses http://: your token would travel unencrypted"),
        ("ftp://mastodon.social", "not a Mastodon instance address"),
        ("https://user:pass@mastodon.social", "not a Mastodon instance address"),
        ("https://", "not a Mastodon instance address"),
    ],
)
def test_unusable_instance_addresses_are_one_line(given: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        base_url(given)


def test_the_limits_come_from_the_v2_instance(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.max_characters = 1000
    limits = masto.instance_limits(fake_mastodon.url)
    assert (limits.max_characters, limits.characters_reserved_per_url) == (1000, 23)
    assert limits.media.max_attachments == 4
    assert limits.media.image_size_limit == 16 * 1024 * 1024
    assert limits.media.description_limit == 1500
    assert limits.media.supported_mime_types is not None
    assert "image/webp" in limits.media.supported_mime_types
    assert limits.version == fake_mastodon.version
    assert ("GET", "/api/v1/instance/") not in fake_mastodon.requests


def test_a_server_before_4_0_gives_them_through_v1(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.has_v2 = False
    fake_mastodon.max_characters = 640
    assert masto.instance_limits(fake_mastodon.url).max_characters == 640
    assert ("GET", "/api/v1/instance/") in fake_mastodon.requests


def test_a_server_without_the_api_is_one_line(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.has_v2 = fake_mastodon.has_v1 = False
    with pytest.raises(InputError, match=r"has no Mastodon API \(HTTP 404\)"):
        masto.instance_limits(fake_mastodon.url)


def test_a_web_page_is_not_a_mastodon_server(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.is_mastodon = False
    with pytest.raises(
        InputError, match=r"is not a Mastodon server \(it answers with a web page\)"
    ):
        masto.instance_limits(fake_mastodon.url)


def test_an_unreachable_instance_is_one_line() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ServiceError) as unreachable:
        masto.instance_limits(f"http://127.0.0.1:{port}")
    assert str(unreachable.value) == f"cannot reach 127.0.0.1:{port} (connection refused)"


def test_the_out_of_band_login(fake_mastodon: FakeMastodon) -> None:
    client_id, client_secret = masto.register_app(fake_mastodon.url)
    app = fake_mastodon.apps[0]
    assert app["scopes"] == ["read", "write:statuses", "write:media"]
    assert app["redirect_uris"] == ["urn:ietf:wg:oauth:2.0:oob"]
    url = masto.authorize_url(fake_mastodon.url, client_id, client_secret)
    assert url.startswith(fake_mastodon.url + "/oauth/authorize?")
    oob = "urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"
    for part in (f"client_id={client_id}", "response_type=code", oob,
                 "scope=read+write%3Astatuses+write%3Amedia"):  # fmt: skip
        assert part in url
    token = masto.token_from_code(
        fake_mastodon.url, client_id, client_secret, fake_mastodon.code + "\n"
    )
    assert token == fake_mastodon.token
    assert masto.verify(fake_mastodon.url, token) == "tester"
    assert masto.handle(fake_mastodon.url, "tester") == f"tester@{fake_mastodon.host}"


def test_a_wrong_code_is_one_line_without_secrets(fake_mastodon: FakeMastodon) -> None:
    client_id, client_secret = masto.register_app(fake_mastodon.url)
    with pytest.raises(AuthError) as refused:
        masto.token_from_code(fake_mastodon.url, client_id, client_secret, "pasted-wrong")
    assert str(refused.value) == (
        f"{fake_mastodon.host} did not accept the code (invalid_grant (HTTP 400)): copy it "
        "again from the authorisation page"
    )
    assert_no_secret(refused.value, [client_secret, "pasted-wrong", fake_mastodon.code])


def test_a_bad_token_is_one_line(fake_mastodon: FakeMastodon) -> None:
    with pytest.raises(AuthError) as refused:
        masto.verify(fake_mastodon.url, "revoked-token-123")
    assert str(refused.value) == (
        f"{fake_mastodon.host} refused to check the access token: The access token is invalid "
        "(HTTP 401)"
    )
    assert_no_secret(refused.value, ["revoked-token-123"])


def test_mentions_are_looked_up_by_their_exact_account(fake_mastodon: FakeMastodon) -> None:
    exists = masto.account_lookup(fake_mastodon.url, fake_mastodon.token)
    assert exists("alice@example.social")
    assert exists("@Alice@Example.social")
    assert not exists("alice@elsewhere.social")  # the search's near miss is someone else
    assert exists("bob")  # a local account
    assert exists(f"bob@{fake_mastodon.host}")
    assert not exists("nobody@example.social")
    fake_mastodon.fail("GET /api/v2/search", "503")
    with pytest.raises(ServiceError, match=r"failed to look up @carol@x\.social: Service Unavail"):
        exists("carol@x.social")


def test_no_secret_in_any_failure(fake_mastodon: FakeMastodon) -> None:
    client_id, client_secret = masto.register_app(fake_mastodon.url)
    failures: list[ThreadsmithError] = []
    for kind in ("drop-before", "500", "401", "429"):
        fake_mastodon.fail("GET /api/v1/accounts/verify_credentials", kind)
        with pytest.raises(ThreadsmithError) as failed:
            masto.verify(fake_mastodon.url, fake_mastodon.token)
        failures.append(failed.value)
    fake_mastodon.fail("POST /oauth/token", "drop-before")
    with pytest.raises(ThreadsmithError) as failed:
        masto.token_from_code(fake_mastodon.url, client_id, client_secret, fake_mastodon.code)
    failures.append(failed.value)
    for failure in failures:
        assert "\n" not in str(failure)
        assert_no_secret(failure, [fake_mastodon.token, client_secret, fake_mastodon.code])


def assert_no_secret(error: BaseException, secrets: list[str]) -> None:
    shown = f"{error} {error!r} {error.args!r}"
    for secret in secrets:
        assert secret not in shown
    assert error.__cause__ is None and error.__suppress_context__
