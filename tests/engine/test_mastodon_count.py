"""Mastodon's length rules, case by case and as properties.

The expected lengths in CORPUS were computed by an independent oracle: the Ruby
gem twitter-text 3.1.0 (the version Mastodon's Gemfile.lock pins), with
Mastodon's regex overrides, mention extraction and StatusLengthValidator
re-entered by hand, run on Debian's Ruby. They agree with the rule each case's
name points to (see the docstring of `threadsmith.threading.mastodon_count`).
Cases that oracle could not decide (libidn, absent from Debian) are derived by
hand below, each with its rule.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadsmith.threading.mastodon_count import (
    countable_text,
    mastodon_length,
    mastodon_token_length,
)

# fmt: off
CORPUS = [
    # URLs: only with a scheme, each counts 23 whatever its length
    ("short-url", "see https://a.io ok", 30),
    ("long-url", "read https://www.naht.org.uk/news-and-opinion/news/pay-and-conditions-news/"
                 "some-very-long-article-slug-2024 now", 32),
    ("no-scheme-counts-as-written", "example.com and www.naht.org.uk", 31),
    ("scheme-any-case", "HTTPS://EXAMPLE.COM/Path", 23),
    ("gemini-scheme", "gemini://example.org/capsule", 23),
    ("ftp-is-not-a-url", "ftp://example.org/file.txt", 26),
    ("trailing-dot-outside", "Go to https://example.com/page.", 30),
    ("trailing-paren-comma-outside", "(see https://example.com/a/b), then", 35),
    ("balanced-parens-inside", "https://en.wikipedia.org/wiki/Primer_(film)", 23),
    ("quotes-outside", "\"https://example.com/x\"", 25),
    ("query", "https://example.com/search?q=teachers&page=2", 23),
    ("query-trailing-dot-outside", "https://example.com/?q=1.", 24),
    ("port", "http://localhost.com:8080/x", 23),
    ("two-urls", "https://a.com https://b.org/x", 47),
    ("tco-keeps-only-the-slug", "https://t.co/abc/extra", 29),
    ("idn-domain", "https://пример.рф/путь", 23),
    ("unknown-tld", "https://example.notatld/x", 25),
    ("url-after-a-letter", "xhttps://example.com", 20),
    ("url-after-an-at-sign", "@https://example.com/abc", 24),
    # mentions: @user@domain counts as @user
    ("remote-mention", "hi @nahtnews@mastodon.social !", 14),
    ("local-mention", "hi @nahtnews !", 14),
    ("remote-mention-dots-dashes", "@a.b-c@sub.example.co.uk", 6),
    ("mention-trailing-dot-outside", "@user@example.com.", 6),
    ("mention-accented-domain", "@user@hosté", 5),
    ("mention-after-a-letter", "mail@user@example.com", 21),
    ("mention-after-a-slash", "/@user@example.com", 18),
    ("mention-unicode-domain", "@user@例え.jp", 5),
    ("fullwidth-at-is-no-mention", "＠user@example.com", 17),
    ("mention-inside-url", "https://mastodon.social/@user@other.social", 23),
    ("mention-overlapping-url-dropped", "https://example.com/a,@user@other.social", 23),
    ("mention-overlapping-query-dropped", "see https://example.com/?to=x,@bob@host.org end", 31),
    # grapheme clusters
    ("emoji-zwj-family", "👨‍👩‍👧‍👦", 1),
    ("emoji-flags", "🇬🇧🇫🇷", 2),
    ("emoji-skin-tone", "👍🏽👍", 2),
    ("emoji-keycap", "1️⃣", 1),
    ("emoji-rainbow-flag", "🏳️‍🌈", 1),
    ("cjk", "教育は大切です。", 8),
    ("hangul-jamo", "\u1112\u1161\u11ab", 1),
    ("combining-marks", "e\u0301cole cafe\u0301", 10),
    ("devanagari-conjuncts-unicode-15", "क्षत्रिय", 5),
    ("crlf-is-one", "a\r\nb", 3),
    ("blank-text-is-nothing", " \n\u3000 ", 0),
    ("zero-width-space-is-not-blank", "\u200b", 1),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS])
def test_length_as_the_server_counts(text: str, expected: int) -> None:
    assert mastodon_length(text) == expected


def test_urls_are_rewritten_and_remote_mentions_lose_their_domain() -> None:
    text = "hello @alice@example.social see https://example.com/a/very/long/path?x=1 ok"
    assert countable_text(text) == "hello @alice see " + "x" * 23 + " ok"


def test_the_instance_reserved_url_length_is_used() -> None:
    assert mastodon_length("see https://example.com", url_length=30) == 34
    assert mastodon_length("see https://example.com/" + "a" * 100, url_length=10) == 14


def test_a_url_longer_than_4096_characters_counts_as_written() -> None:
    # twitter-text's is_valid_domain: MAX_URL_LENGTH 4096, scheme included
    assert mastodon_length("https://example.com/" + "a" * 4076) == 23
    assert mastodon_length("https://example.com/" + "a" * 4077) == 4097


def test_a_tco_slug_over_40_characters_is_no_url() -> None:
    assert mastodon_length("https://t.co/" + "a" * 40) == 23
    assert mastodon_length("https://t.co/" + "a" * 41) == 54


def test_a_domain_libidn_rejects_is_no_url() -> None:
    # idn-ruby's toASCII passes no flags to libidn: code points unassigned in
    # Unicode 3.2 (the pizza, 2010) fail nameprep, so the link counts as written.
    # The heart (Dingbats, 1993) is assigned: that one is a URL.
    pizza = "https://\U0001f355.ws/abcdefghijklmnopqrstuvwxyz"
    assert mastodon_length(pizza) == 39
    assert mastodon_length("https://i\u2764.ws/abcdefghijklmnopqrstuvwxyz") == 23
    # A label over 63 characters once punycoded fails ToASCII as well.
    assert mastodon_length("https://" + "é" * 60 + ".com") == 72


def test_full_case_folding_reaches_the_tld_list() -> None:
    # Ruby folds ß to "ss" (South Sudan) and ﬁ to "fi" (Finland), as Onigmo does under /i
    assert mastodon_length("https://example.\u00df") == 23
    assert mastodon_length("https://x.\ufb01lm/abc") == 23


def test_a_mention_is_not_one_when_followed_by_an_at_sign_or_a_scheme() -> None:
    # Extractor: end_mention_match rejects what continues with @, ＠, an accent or ://
    assert mastodon_length("@user@host.com@") == 15
    assert mastodon_length("@user@https://x") == 15
    assert mastodon_length("@user@host.com\u00e9x") == 5  # é is a word character: in the domain


def test_a_mention_domain_over_253_characters_keeps_its_length() -> None:
    assert mastodon_length("@u@" + "d" * 253) == 2
    assert mastodon_length("@u@" + "d" * 254) == 257


def test_the_content_warning_counts_toward_the_limit() -> None:
    assert mastodon_length("hello https://example.com", spoiler_text="CW: pay") == 36
    assert mastodon_length("   ", spoiler_text="CW") == 2


def test_characters_this_python_does_not_know_start_a_cluster() -> None:
    # U+11F00 KAWI SIGN CANDRABINDU (Unicode 15.0) extends the cluster before it on
    # a server with Unicode 15.0 data; a Python with older data cannot know that,
    # and counts high rather than low.
    known = unicodedata.category("\U00011f00") != "Cn"
    assert mastodon_length("a\U00011f00") == (1 if known else 2)


# --- the token bound the engine's breaker relies on ---------------------------------

_urls = st.builds(
    lambda scheme, host, path: scheme + host + path,
    st.sampled_from(["https://", "http://", "gemini://", "ftp://", "", "HTTPS://"]),
    st.sampled_from(["example.com", "t.co", "пример.рф", "x.notatld", "a.b.co.uk:8080", "x.ß"]),
    st.sampled_from(["", "/", "/a/b", "/p.", "/Primer_(film)", "?q=1", "/" + "a" * 41, "),"]),
)
_mentions = st.builds(
    lambda user, domain: "@" + user + domain,
    st.sampled_from(["alice", "a.b-c", "x_1", "é"]),
    st.sampled_from(["", "@example.social", "@例え.jp", "@host.", "@h@", "@host://"]),
)
_odd = st.sampled_from(
    [
        "\u3000",  # blank on its own, one character inside a post
        "\u0301a",  # starts with a combining mark: joins the space before it
        "\u0600",  # ends with a prepended mark: joins the space after it
        "🇬",
        "🇧",
        "👨‍👩‍👧",
        "क्ष",
        "e\u0301",
        "@",
        "://",
        "word.",
        "a:b",
        "mail@x",
    ]
)
_tokens = st.lists(
    st.one_of(
        st.from_regex(r"[A-Za-z0-9.,;:!?'()-]{1,12}", fullmatch=True), _urls, _mentions, _odd
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_tokens)
def test_token_lengths_never_undercount_the_joined_text(tokens: list[str]) -> None:
    joined = " ".join(tokens)
    total = sum(mastodon_token_length(token) for token in tokens) + len(tokens) - 1
    assert total >= mastodon_length(joined)


_plain_tokens = st.lists(
    st.one_of(st.from_regex(r"[A-Za-z0-9.,;:!?'()-]{1,12}", fullmatch=True), _urls, _mentions),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_plain_tokens)
def test_token_lengths_are_exact_for_words_links_and_mentions(tokens: list[str]) -> None:
    joined = " ".join(tokens)
    total = sum(mastodon_token_length(token) for token in tokens) + len(tokens) - 1
    assert total == mastodon_length(joined)


@given(st.from_regex(r"[\x21-\x7e]{1,30}", fullmatch=True))
def test_the_ascii_fast_path_agrees_with_the_full_count(token: str) -> None:
    assert mastodon_token_length(token) == len(countable_text(token))
