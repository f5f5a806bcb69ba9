"""@mentions: read as each platform reads them, and looked up on the real services' APIs.

X's rules are held to twitter-text's conformance data and to the library itself
(run by Node); Bluesky lookups go to the real local PDS; X lookups to the fake of
X API v2, through tweepy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import responses
from hypothesis import given, settings
from hypothesis import strategies as st

from support.fake_x import FakeX
from support.memory_keyring import MemoryKeyring
from support.network_counts import NetworkCounter
from support.pds import LocalPDS
from threadsmith import credentials
from threadsmith.accounts import mention_lookup
from threadsmith.essay import SplitOptions, split_for
from threadsmith.mentions import NO_KEYRING, MentionChecks, mentions
from threadsmith.network import Account, network_named

X, BLUESKY = network_named("x"), network_named("bluesky")

CONFORMANCE = json.loads(
    (Path(__file__).parent / "engine" / "data" / "twitter_conformance.json").read_text("utf-8")
)


@pytest.mark.parametrize(
    "case", CONFORMANCE["mentions"], ids=[c["description"] for c in CONFORMANCE["mentions"]]
)
def test_x_mentions_follow_twitter_text_conformance(case: dict[str, object]) -> None:
    text = str(case["text"])
    assert [m.handle for m in mentions(text, X)] == case["mentions"]


_PIECES = st.sampled_from(
    [
        "@", "＠", "@naht", "@naht_news", "@nahtnews.", "@a.bsky.social", "RT", "rt:", "@_@",
        "x@y.org", "@http://t.co", "@abcdefghijklmnopqrstuvw", "é", "ì", "/list", "#", "!",
        "&", "*", "$", "%", "+", "~", ".", "-", "_", "(", ")", " ", "\n", "の", "😀", "a", "Z",
        "9",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_x_mentions_agree_with_the_twitter_text_library(counter: NetworkCounter, text: str) -> None:
    assert tuple(m.handle for m in mentions(text, X)) == counter.count(text).x_mentions


@pytest.mark.parametrize(
    ("text", "network", "handles", "problem"),
    [
        ("Thanks @nahtnews for this", "x", ["nahtnews"], None),
        ("Thanks @naht.bsky.social!", "x", ["naht"], "X reads @naht.bsky.social as @naht"),
        ("End of a sentence, @nahtnews.", "x", ["nahtnews"], None),
        ("@a_very_long_username", "x", ["a_very_long_username"], "too long"),
        ("write to office@naht.org.uk", "x", [], None),
        ("Thanks @naht.bsky.social!", "bluesky", ["naht.bsky.social"], None),
        ("Thanks @nahtnews for this", "bluesky", ["nahtnews"], "stays plain text"),
        ("Thanks @naht_news", "bluesky", ["naht_news"], "stays plain text"),
        ("(@alice.bsky.social's view)", "bluesky", ["alice.bsky.social"], None),
        ("write to office@naht.org.uk", "bluesky", [], None),
        ('"@nahtnews" said', "bluesky", ["nahtnews"], "handles look like"),
        ("cc:@nahtnews", "bluesky", ["nahtnews"], "handles look like"),
        ("“@naht.bsky.social” wrote", "bluesky", ["naht.bsky.social"], "follows a space"),
        ("＠naht.bsky.social wrote", "bluesky", ["naht.bsky.social"], "follows a space"),
        (
            "é @naht.bsky.social and “@naht.bsky.social”",
            "bluesky",
            ["naht.bsky.social", "naht.bsky.social"],
            "follows a space",
        ),
        # an X-style name: whoever has it on the writer's own instance, if anyone
        ("Thanks @nahtnews", "mastodon", ["nahtnews"], "on your own instance"),
        ("cc @naht@mastodon.social", "mastodon", ["naht@mastodon.social"], None),
        ("ask @naht.bsky.social", "mastodon", ["naht.bsky.social"], "looks like a Bluesky"),
        ("mail office@naht.org.uk", "mastodon", [], None),
    ],
)
def test_what_each_network_makes_of_a_mention(
    text: str, network: str, handles: list[str], problem: str | None
) -> None:
    found = mentions(text, network_named(network))
    assert [m.handle for m in found] == handles
    problems = [m.problem for m in found if m.problem]
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]


def test_bluesky_handles_are_looked_up_on_the_accounts_pds(pds: LocalPDS) -> None:
    someone = pds.create_account("someone")
    checks = MentionChecks(lambda network: [], mention_lookup)
    account = Account(network_named("bluesky"), "me.test", pds.url)
    post = f"With @{someone.handle} and @nobody-here.test"
    assert checks.unchecked(post, BLUESKY) == [someone.handle, "nobody-here.test"]
    assert checks.look_up(account, checks.unchecked(post, BLUESKY)) is None
    assert checks.problems(post, BLUESKY) == [
        "@nobody-here.test is no Bluesky account: it stays plain text"
    ]
    assert checks.unchecked(post, BLUESKY) == []


def test_an_unreachable_service_stops_the_lookups_with_one_reason() -> None:
    checks = MentionChecks(lambda network: [], mention_lookup)
    account = Account(
        network_named("bluesky"), "me.test", "http://127.0.0.1:9"
    )  # nothing listens there
    reason = checks.look_up(account, ["someone.test"])
    assert reason is not None and "could not reach http://127.0.0.1:9" in reason
    assert checks.look_up(account, ["someone.test"]) is None  # said once
    assert checks.unchecked("@someone.test", BLUESKY) == []
    assert checks.problems("@someone.test", BLUESKY) == []  # unknown is not wrong


def test_no_keyring_stops_the_lookups_with_a_short_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring.core

    no_backend = keyring.core.load_keyring("keyring.backends.fail.Keyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", no_backend)
    checks = MentionChecks(lambda network: [], mention_lookup)
    account = Account(network_named("mastodon"), "me@example.test", "https://example.test")
    assert checks.look_up(account, ["someone@example.test"]) == NO_KEYRING
    assert len(NO_KEYRING) < 80 < len(credentials.NO_BACKEND)  # the whole text is on Accounts


SECRETS = {
    "api_key": "consumer-key-TEST", "api_secret": "c-SECRET",
    "access_token": "a-TOKEN", "access_secret": "a-SECRET",
}  # fmt: skip


@pytest.fixture
def fake_x(memory_keyring: MemoryKeyring) -> Iterator[FakeX]:
    credentials.save("x", "campaigner", SECRETS)
    server = FakeX(consumer_key=SECRETS["api_key"], other_users={"nahtnews": "1500000000000000002"})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        server.install(mock)
        yield server


def test_x_usernames_are_looked_up_with_the_accounts_credentials(fake_x: FakeX) -> None:
    checks = MentionChecks(lambda network: [], mention_lookup)
    post = "Thanks @NAHTnews and @nahtnewz"
    assert (
        checks.look_up(Account(network_named("x"), "campaigner"), ["NAHTnews", "nahtnewz"]) is None
    )
    assert fake_x.looked_up == ["NAHTnews", "nahtnewz"]
    assert checks.problems(post, X) == ["@nahtnewz is not an X account"]
    assert all(SECRETS["api_secret"] not in header for header in fake_x.seen_authorization)


def test_an_x_plan_without_user_lookups_is_said_once(fake_x: FakeX) -> None:
    fake_x.lookups_forbidden = True
    checks = MentionChecks(lambda network: [], mention_lookup)
    reason = checks.look_up(Account(network_named("x"), "campaigner"), ["nahtnews"])
    assert reason is not None and reason.startswith("X refused to look up @nahtnews")
    assert SECRETS["access_secret"] not in reason
    assert checks.problems("Thanks @nahtnews", X) == []


def test_a_warning_about_several_posts_is_said_once_with_them() -> None:
    text = "\n\n---\n\n".join(f"Point {n} from @nahtnews, with thanks." for n in range(1, 4))
    thread = split_for(text, network_named("bluesky"), SplitOptions())
    lines = thread.said_once()
    assert len(lines) == 1
    assert lines[0].startswith("posts 1, 2 and 3: @nahtnews stays plain text")
