"""The fake Mastodon server behaves as the API documentation says, seen through Mastodon.py."""

from __future__ import annotations

import time

import mastodon
import pytest
import requests
from mastodon import Mastodon

from support.fake_mastodon import FakeMastodon
from support.fake_mastodon_entities import countable_length


def client(fake: FakeMastodon, token: str | None = None) -> Mastodon:
    return Mastodon(
        api_base_url=fake.url,
        access_token=token or fake.token,
        ratelimit_method="throw",
        request_timeout=5,
    )


def test_instance_v1_and_v2_give_the_limits(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.max_characters = 1000
    api = client(fake_mastodon)
    v2 = api.instance_v2()
    assert v2.configuration.statuses.max_characters == 1000
    assert v2.configuration.statuses.characters_reserved_per_url == 23
    assert "image/png" in v2.configuration.media_attachments.supported_mime_types
    assert v2.api_versions["mastodon"] >= 1
    assert api.instance_v1().configuration.statuses.max_characters == 1000


def test_an_old_server_has_no_v2_instance(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.has_v2 = False
    api = client(fake_mastodon)
    with pytest.raises(mastodon.MastodonNotFoundError):
        api.instance_v2()
    assert api.instance_v1().version == fake_mastodon.version


def test_a_site_that_is_not_mastodon_answers_html(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.is_mastodon = False
    with pytest.raises(mastodon.MastodonAPIError, match="Could not parse response as JSON"):
        client(fake_mastodon).instance_v2()


def test_app_registration_and_the_out_of_band_code_give_the_token(
    fake_mastodon: FakeMastodon,
) -> None:
    scopes = ["read", "write:statuses", "write:media"]
    client_id, client_secret = Mastodon.create_app(
        "threadsmith", scopes=scopes, api_base_url=fake_mastodon.url
    )
    assert fake_mastodon.apps[0]["redirect_uris"] == ["urn:ietf:wg:oauth:2.0:oob"]
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=fake_mastodon.url)
    url = api.auth_request_url(scopes=scopes, allow_http=True)
    assert url.startswith(fake_mastodon.url + "/oauth/authorize?") and client_id in url
    assert (
        api.log_in(code=fake_mastodon.code, scopes=scopes, allow_http=True) == fake_mastodon.token
    )
    with pytest.raises(mastodon.MastodonIllegalArgumentError, match="invalid_grant"):
        api.log_in(code="wrong", scopes=scopes, allow_http=True)


def test_a_bad_token_is_refused_with_mastodons_words(fake_mastodon: FakeMastodon) -> None:
    with pytest.raises(mastodon.MastodonUnauthorizedError) as refused:
        client(fake_mastodon, token="not-the-token").account_verify_credentials()
    assert refused.value.args[1] == 401
    assert refused.value.args[3] == "The access token is invalid"
    assert client(fake_mastodon).account_verify_credentials().username == "tester"


def test_the_same_idempotency_key_gives_the_same_status_for_an_hour(
    fake_mastodon: FakeMastodon,
) -> None:
    api = client(fake_mastodon)
    first = api.status_post("Hello", idempotency_key="key-1")
    again = api.status_post("Hello", idempotency_key="key-1")
    assert again.id == first.id and len(fake_mastodon.statuses) == 1
    fake_mastodon.clock_offset = 3601  # the key has expired
    later = api.status_post("Hello", idempotency_key="key-1")
    assert later.id != first.id and len(fake_mastodon.statuses) == 2


def test_a_lost_answer_then_a_retry_with_the_same_key_makes_one_status(
    fake_mastodon: FakeMastodon,
) -> None:
    api = client(fake_mastodon)
    root = api.status_post("1/", idempotency_key="k1")
    fake_mastodon.fail("POST /api/v1/statuses", "drop-after")
    with pytest.raises(mastodon.MastodonNetworkError):
        api.status_post("2/", in_reply_to_id=root.id, idempotency_key="k2")
    assert len(fake_mastodon.statuses) == 2  # the server did create it
    retry = api.status_post("2/", in_reply_to_id=root.id, idempotency_key="k2")
    assert len(fake_mastodon.statuses) == 2
    assert str(retry.id) == fake_mastodon.statuses[1].id
    assert fake_mastodon.chain()[1][1] == str(root.id)


def test_a_connection_dropped_before_creates_nothing(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.fail("POST /api/v1/statuses", "drop-before")
    with pytest.raises(mastodon.MastodonNetworkError):
        client(fake_mastodon).status_post("lost", idempotency_key="k")
    assert fake_mastodon.statuses == []


def test_a_slow_answer_times_out_after_the_status_exists(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.slow_seconds = 2.0
    fake_mastodon.fail("POST /api/v1/statuses", "slow")
    api = Mastodon(api_base_url=fake_mastodon.url, access_token=fake_mastodon.token,
                   ratelimit_method="throw", request_timeout=0.5)  # fmt: skip
    with pytest.raises(mastodon.MastodonNetworkError):
        api.status_post("late", idempotency_key="k")
    assert [s.text for s in fake_mastodon.statuses] == ["late"]


def test_rate_limit_headers_give_the_reset_time(fake_mastodon: FakeMastodon) -> None:
    fake_mastodon.rate_limit_reset_in = 30
    fake_mastodon.fail("POST /api/v1/statuses", "429")
    api = client(fake_mastodon)
    with pytest.raises(mastodon.MastodonRatelimitError):
        api.status_post("too soon")
    assert api.ratelimit_remaining == 0
    assert 25 < api.ratelimit_reset - time.time() <= 31
    assert fake_mastodon.statuses == []


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("500", mastodon.MastodonInternalServerError),
        ("502", mastodon.MastodonBadGatewayError),
        ("503", mastodon.MastodonServiceUnavailableError),
        ("403", mastodon.MastodonAPIError),
    ],
)
def test_scripted_errors_surface_as_mastodon_py_exceptions(
    fake_mastodon: FakeMastodon, kind: str, error: type[Exception]
) -> None:
    fake_mastodon.fail("POST /api/v1/statuses", kind)
    with pytest.raises(error) as raised:
        client(fake_mastodon).status_post("x")
    assert raised.value.args[1] == int(kind)


def test_a_status_over_the_limit_is_refused_as_mastodon_words_it(
    fake_mastodon: FakeMastodon,
) -> None:
    api = client(fake_mastodon)
    api.status_post("a" * 500)
    with pytest.raises(mastodon.MastodonAPIError) as refused:
        api.status_post("a" * 501)
    assert refused.value.args[1] == 422
    assert refused.value.args[3] == "Validation failed: Text character limit of 500 exceeded"
    fake_mastodon.max_characters = 1000
    api.status_post("a" * 900)
    assert [len(s.text) for s in fake_mastodon.statuses] == [500, 900]


# The fake's own count, checked by hand against Mastodon's rules (its validator):
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 500, 500),
        ("https://example.com/" + "a" * 300, 23),  # a URL with a scheme counts 23
        ("see https://example.com/page.", 4 + 23 + 1),  # the final dot is not in the URL
        ("example.com/" + "a" * 30, 42),  # no scheme: counted as written
        ("@alice@example.social hi", 6 + 3),  # a remote mention counts as @alice
        ("@alice hi", 9),
        ("mail@alice@example.social", 25),  # an @ after a letter starts no mention
        ("👨‍👩‍👧 e\u0301", 3),  # grapheme clusters
    ],
)
def test_the_fakes_length_rule(text: str, expected: int) -> None:
    assert countable_length(text)[0] == expected


def test_the_content_warning_counts_toward_the_limit(fake_mastodon: FakeMastodon) -> None:
    api = client(fake_mastodon)
    with pytest.raises(mastodon.MastodonAPIError, match="character limit"):
        api.status_post("a" * 495, spoiler_text="CW: pay")
    posted = api.status_post(
        "a" * 493, spoiler_text="CW: pay", visibility="unlisted", language="cy"
    )
    stored = fake_mastodon.statuses[0]
    assert (stored.spoiler_text, stored.visibility, stored.language) == (
        "CW: pay",
        "unlisted",
        "cy",
    )
    assert posted.spoiler_text == "CW: pay" and posted.sensitive


def test_media_is_processed_asynchronously(fake_mastodon: FakeMastodon) -> None:
    api = client(fake_mastodon)
    media = api.media_post(b"\x89PNG fake", mime_type="image/png", description="A chart")
    assert media.url is None  # 202: still processing
    assert fake_mastodon.media[str(media.id)].description == "A chart"
    with pytest.raises(mastodon.MastodonAPIError, match="not finished processing"):
        api.status_post("too early", media_ids=[media.id])
    assert api.media(media).url is None  # 206
    assert api.media(media).url is None
    assert api.media(media).url is not None  # 200
    api.status_post("with a chart", media_ids=[media.id])
    assert fake_mastodon.statuses[0].media_ids == [str(media.id)]


def test_unsupported_media_is_refused(fake_mastodon: FakeMastodon) -> None:
    with pytest.raises(mastodon.MastodonAPIError, match="File content type is invalid"):
        client(fake_mastodon).media_post(b"%PDF", mime_type="application/pdf")


def test_the_accounts_statuses_come_newest_first_with_their_html(
    fake_mastodon: FakeMastodon,
) -> None:
    api = client(fake_mastodon)
    first = api.status_post("Read https://example.com/a/very/long/path/to/a/page now\n\nThanks")
    api.status_post("@alice@example.social & #EdChat", in_reply_to_id=first.id)
    mine = api.account_statuses(api.me())
    assert [s.in_reply_to_id for s in mine] == [first.id, None]
    assert mine[0].content == (
        '<p><span class="h-card" translate="no"><a href="https://example.social/@alice" '
        'class="u-url mention">@<span>alice</span></a></span> &amp; <a href="'
        f'{fake_mastodon.url}/tags/EdChat" class="mention hashtag" rel="tag">#<span>EdChat'
        "</span></a></p>"
    )
    assert mine[1].content.startswith('<p>Read <a href="https://example.com/a/very/long/path')
    assert mine[1].content.endswith("</a> now</p><p>Thanks</p>")
    assert api.status(first.id).id == first.id
    with pytest.raises(mastodon.MastodonNotFoundError):
        api.status("1")


def test_search_resolves_accounts_and_shows_near_misses(fake_mastodon: FakeMastodon) -> None:
    api = client(fake_mastodon)
    found = api.search_v2("@alice@example.social", resolve=True, result_type="accounts")
    assert [a.acct for a in found.accounts] == ["alice@example.social"]
    near = api.search_v2("@alice@elsewhere.social", resolve=True, result_type="accounts")
    assert [a.acct for a in near.accounts] == ["alice@example.social"]  # not the one asked for
    assert api.search_v2("@nobody@example.social", result_type="accounts").accounts == []


def test_as_4_5_a_status_keeps_who_may_quote_it_and_says_so_as_quote_approval() -> None:
    fake = FakeMastodon(release="4.5").start()
    try:
        api = client(fake)
        assert api.instance_v2().api_versions["mastodon"] == 7
        followers = api.status_post(
            "Only followers may quote it.", quote_approval_policy="followers"
        )
        default = api.status_post("As the account's default says.")
        private = api.status_post(
            "Followers-only.", visibility="private", quote_approval_policy="public"
        )
        unknown = requests.post(
            f"{fake.url}/api/v1/statuses", data={"status": "x", "quote_approval_policy": "friends"},
            headers={"Authorization": f"Bearer {fake.token}"}, timeout=5,
        )  # fmt: skip
    finally:
        fake.stop()
    assert followers.quote_approval == {
        "automatic": ["followers"], "manual": [], "current_user": "automatic",
    }  # fmt: skip
    assert default.quote_approval.automatic == ["public"]
    assert private.quote_approval.automatic == []  # Mastodon's downgrade_quote_policy
    assert followers.quotes_count == 0 and followers.quote is None
    assert unknown.status_code == 422 and len(fake.statuses) == 3


def test_before_4_5_the_quote_policy_is_ignored_and_the_status_says_nothing_of_it() -> None:
    fake = FakeMastodon(release="4.3").start()
    try:
        api = client(fake)
        assert api.instance_v2().api_versions["mastodon"] == 2
        status = api.status_post("Quotes came later.", quote_approval_policy="nobody")
    finally:
        fake.stop()
    assert status.quote_approval is None and status.quotes_count is None  # absent
    (stored,) = fake.statuses
    assert stored.quote_policy is None and "quote_approval_policy" in stored.params
