"""The conformance suite: what every installed network must do, each against its own
server (its harness: tests/conformance/harness*.py). A new network passes it or does
not ship; a network that loses one of its capabilities fails here, named.

1. login: its secrets in the (real) keyring, never in the store
2. counting: every post the engine makes for it fits, as the network's own reference
   counts (twitter-text; the PDS's graphemes and bytes; the instance's own count), and
   the limit used is the server's
3. a three-post chain with an image and its alt text, as the server holds it
4. an answer lost after the server posted: no duplicate, in the run or on resuming
5. who may reply: applied where the server offers it, said where it does not
6. statistics: each post's counts, read back; a thread found from its first post's URL
7. mentions looked up on the server; a limit the server changes followed; what the API
   bills; publishing by hand — each where the server (the harness) says it has them
"""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, given, settings

from conformance.harness import BUILT_IN, LOSSES, Harness, ScriptedPrompt, without_harness
from conformance.publishing import (
    Died,
    LoseAnswer,
    Published,
    essay,
    plan,
    publish_essay,
    resume,
)
from support.images import png
from support.network_counts import NetworkCounter
from support.secret_service import assert_no_secret_in, secret_tool_lookup
from support.text_strategies import essays
from threadsmith import accounts, credentials, publish
from threadsmith.errors import AmbiguousResult, InputError
from threadsmith.network import (
    REPLIES,
    Account,
    MetricsAccess,
    Network,
    Publisher,
    networks,
)
from threadsmith.store import Store
from threadsmith.threading import split

ALT = "A bar chart: funding per pupil fell 9% in real terms between 2010 and 2024"
FIRST = "Schools in England are spending less per pupil than they did fifteen years ago."
SECOND = "The chart shows the fall year by year, once inflation is taken out."
THIRD = "Funding that follows need would close the gap within this parliament."


def test_every_installed_network_has_a_conformance_harness() -> None:
    missing = without_harness(network.name for network in networks())
    assert not missing, f"networks with no conformance harness (they do not ship): {missing}"


def test_threadsmiths_own_networks_are_installed_and_load() -> None:
    """A network that fails to load is not listed, so its tests would not run: X, Bluesky
    and Mastodon must be there (threadsmith ships them)."""
    installed = {network.name for network in networks()}
    assert set(BUILT_IN) <= installed, f"not installed or not loading: {set(BUILT_IN) - installed}"


# --- 1. login and the keyring -------------------------------------------------------


def test_login_keeps_the_secrets_in_the_keyring_and_never_in_the_store(
    live: Harness, network: Network, store: Store, secret_service: dict[str, str]
) -> None:
    login = live.new_login()
    account = accounts.login(store, network, ScriptedPrompt(login.answers, login.interactive))

    assert type(keyring.get_keyring()).__module__ == "keyring.backends.SecretService"
    assert [a.handle for a in store.accounts(network)] == [account.handle]
    kept = credentials.load(network, account.handle)  # every secret its network names
    assert set(network.secret_names) <= set(kept)
    # every secret the server gave is kept under a name its network says it needs
    assert {name for name, value in kept.items() if value in login.secrets} == set(
        network.secret_names
    )
    if shutil.which("secret-tool"):  # another client of the daemon (CI installs it)
        seen = secret_tool_lookup(secret_service, f"{network.name}:{account.handle}")
        assert all(secret in seen for secret in login.secrets)
    # neither what was given nor what the server gave back (a session) is in the store
    hidden = [value for value in kept.values() if value not in (account.service, account.handle)]
    store.close()
    assert_no_secret_in([store.path.parent], [*login.secrets, *hidden])


# --- 2. counting --------------------------------------------------------------------

MIXED = (
    "Read https://www.gov.uk/government/publications/school-funding-statistics-2024-to-2025 "
    "first. 👩‍🏫 Teachers 🇬🇧 said e\u0301cole and naïve; 教育は大切です。 @nahtnews "
)
LIST = "\n\n".join(f"{n}. Point {n} about funding, see www.naht.org.uk/{n}." for n in range(40))
TRICKY = (
    MIXED + "Funding per pupil fell again this year. " * 30,
    "👨‍👩‍👧‍👦" * 400,  # one grapheme, 7 code points, 25 UTF-8 bytes each
    "x" * 900 + " a long word, then https://example.com/" + "a" * 200,
    LIST,
)


@pytest.mark.parametrize("text", TRICKY, ids=["mixed", "families", "long-words", "list"])
def test_every_post_fits_as_the_network_itself_counts(
    live: Harness, network: Network, account: Account, counter: NetworkCounter, text: str
) -> None:
    posts = split(text, network.post_rules(account, None, {})).posts
    assert posts
    refused = {post.number: why for post in posts if (why := live.refused(post.text, counter))}
    assert not refused, refused


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=essays)
def test_every_post_of_any_essay_fits_as_the_network_itself_counts(
    live: Harness, network: Network, account: Account, counter: NetworkCounter, text: str
) -> None:
    for post in split(text, network.post_rules(account, None, {})).posts:
        assert live.refused(post.text, counter) is None, post.text


def test_posts_are_filled_to_the_servers_own_limit(
    live: Harness, network: Network, account: Account, counter: NetworkCounter
) -> None:
    text = "Funding fell. " * 400
    posts = split(text, network.post_rules(account, None, {})).posts
    longest = max(live.length(post.text, counter) for post in posts)
    assert 0.9 * live.limit <= longest <= live.limit, (longest, live.limit)


# --- 3. a chain with an image -------------------------------------------------------


def test_a_three_post_chain_with_an_image_and_its_alt_text(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path
) -> None:
    chart = png(tmp_path / "chart.png", 40, 30)
    path = essay(tmp_path, FIRST, f"{SECOND}\n\n![{ALT}]({live.image_source(chart)})", THIRD)
    done = publish_essay(store, account, path)

    assert done.first is not None
    held = live.thread(account, done.first)
    assert [post.text for post in held] == done.texts and len(held) == 3
    assert held[0].parent is None
    assert [post.parent for post in held[1:]] == [post.id for post in held[:2]]
    assert [post.id for post in held] == [live.id_of(ref) for ref in done.refs]
    assert [len(post.images) for post in held] == [0, 1, 0]
    (image,) = held[1].images
    assert image.alt == ALT
    assert image.size in (None, chart.stat().st_size)
    assert network.image_rules(account).max_images == live.max_images
    assert network.metrics is None or network.metrics.is_post_url(done.first.url)


def test_as_many_images_as_the_server_takes_on_one_post_and_no_more(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path
) -> None:
    assert network.image_rules(account).max_images == live.max_images
    most = live.max_images
    named = [live.image_source(png(tmp_path / f"{n}.png", 8 + n, 6)) for n in range(most + 1)]
    pictures = " ".join(f"![Picture {n}]({named[n]})" for n in range(most))
    done = publish_essay(store, account, essay(tmp_path, f"{FIRST}\n\n{pictures}", THIRD))
    assert done.first is not None
    held = live.thread(account, done.first)
    assert [image.alt for image in held[0].images] == [f"Picture {n}" for n in range(most)]

    too_many = " ".join(f"![Picture {n}]({named[n]})" for n in range(most + 1))
    with pytest.raises(InputError, match=f"post 1 has {most + 1} images; a {network.display_name}"):
        plan(store, account, essay(tmp_path, f"{SECOND}\n\n{too_many}", THIRD))


# --- 4. an ambiguous failure --------------------------------------------------------


@pytest.mark.parametrize("how", LOSSES)
def test_an_answer_lost_after_the_server_posted_is_not_posted_again(
    live: Harness, account: Account, store: Store, tmp_path: Path, how: str
) -> None:
    path = essay(tmp_path, FIRST, SECOND, THIRD)
    lost: list[LoseAnswer] = []

    def losing(publisher: Publisher) -> Publisher:
        lost.append(LoseAnswer(publisher, 2, lambda: live.lose_next_answer(how)))
        return lost[-1]

    done = publish_essay(store, account, path, wrap=losing)

    assert len(lost[0].lost) == 1 and isinstance(lost[0].lost[0], AmbiguousResult)
    assert done.first is not None
    assert [post.text for post in live.thread(account, done.first)] == done.texts
    assert [live.copies(account, text) for text in done.texts] == [1, 1, 1]


@pytest.mark.parametrize("how", LOSSES)
def test_a_run_stopped_by_a_lost_answer_resumes_without_a_duplicate(
    live: Harness, account: Account, store: Store, tmp_path: Path, how: str
) -> None:
    path = essay(tmp_path, FIRST, SECOND, THIRD)

    made: list[LoseAnswer] = []

    def dying(publisher: Publisher) -> Publisher:
        made.append(LoseAnswer(publisher, 2, lambda: live.lose_next_answer(how), die=True))
        return made[-1]

    with pytest.raises(Died):  # the answer to post 2 lost, then the process killed
        publish_essay(store, account, path, wrap=dying)
    (run,) = store.open_runs()
    states = [post.state.value for post in store.run_posts(run.id)]
    texts = [post.text for post in store.run_posts(run.id)]
    # a network that sends the thread whole (one request) has all of it out, or none
    whole = made[0].whole
    assert states == (["sending"] * 3 if whole else ["sent", "sending", "pending"])
    assert [live.copies(account, text) for text in texts] == ([1, 1, 1] if whole else [1, 1, 0])

    target = plan(store, account, path).targets[0]  # `thread publish` again: a resume
    assert target.unfinished is not None and target.unfinished.id == run.id
    done = Published(target, run.id)
    first = resume(store, account, done)

    assert [live.copies(account, text) for text in texts] == [1, 1, 1]
    assert [post.text for post in live.thread(account, first)] == texts
    assert [event.earlier for event in done.events if isinstance(event, publish.Sent)] == [
        True, True, whole,
    ]  # fmt: skip


# --- 5. who may reply ---------------------------------------------------------------


def test_the_network_offers_who_may_reply_exactly_as_its_server_does(
    harness_kind: type[Harness], network: Network
) -> None:
    option = next((o for o in network.publish_options if o.name == "replies"), None)
    offered = {value for value in REPLIES[1:] if option is not None and option.offers(value)}
    assert offered == set(harness_kind.replies_offered)


@pytest.mark.parametrize("replies", REPLIES[1:])
def test_who_may_reply_is_applied_where_offered_and_said_where_not(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path, replies: str
) -> None:
    path = essay(tmp_path, FIRST, SECOND)
    target = plan(store, account, path, {"replies": replies}).targets[0]
    done = publish_essay(store, account, path, {"replies": replies})
    assert done.first is not None
    applied = live.replies_rule(account, done.first)

    if replies in live.replies_offered:
        assert target.not_offered == ()
        assert done.target.options.get("replies") == replies
        assert applied == replies
    else:
        (said,) = target.not_offered
        assert network.display_name in said and replies in said and "not applied" in said
        assert applied == "everyone"  # nothing else restricted instead


# --- 6. statistics ------------------------------------------------------------------


def test_statistics_read_each_posts_counts(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path
) -> None:
    assert network.metrics is not None, f"{network.name} cannot read its posts' counts"
    path = essay(tmp_path, FIRST, SECOND, THIRD)
    done = publish_essay(store, account, path)
    live.like(account, done.refs[0])
    live.counted(account)
    access = MetricsAccess(
        account, lambda: credentials.load(network, account.handle), live.metrics_settings()
    )

    read = network.metrics.read(access, done.refs)

    assert set(live.metrics_fields) <= set(network.metrics.fields)  # all the server gives
    assert len(read) == 3 and all(counts is not None for counts in read)
    first = read[0]
    assert first is not None and first.likes == 1
    replies = [counts.replies for counts in read if counts is not None]
    assert replies == [1, 1, 0]  # the thread's next post, as the network counts it
    for counts in read:
        assert all(getattr(counts, name) is not None for name in live.metrics_fields)


def test_a_thread_is_found_from_its_first_posts_address_where_the_server_can(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path
) -> None:
    assert network.metrics is not None
    if not live.finds_threads:
        return  # its server (X's API, as threadsmith uses it) finds no thread by URL
    assert network.metrics.thread_at is not None, f"{network.name} finds no thread by URL"
    done = publish_essay(store, account, essay(tmp_path, FIRST, SECOND, THIRD))
    assert done.first is not None
    live.counted(account)
    access = MetricsAccess(
        None, lambda: credentials.load(network, account.handle), live.metrics_settings()
    )

    found = network.metrics.thread_at(access, done.first.url)

    assert [live.id_of(post) for post in found.posts] == [live.id_of(r) for r in done.refs]


# --- 7. mentions, the server's own limits, what it bills, by hand -------------------


def test_mentions_are_read_as_the_network_does_and_looked_up_on_its_server(
    live: Harness, network: Network, account: Account
) -> None:
    known, unknown = live.mentionable(account)
    found = network.mentions(f"Thanks to @{known} and @{unknown} for reading.")
    assert [(m.handle, m.problem) for m in found] == [(known, None), (unknown, None)]
    exists = accounts.mention_lookup(account)
    assert exists(known)
    assert not exists(unknown)


def test_a_limit_the_server_changes_is_followed(
    live: Harness, network: Network, account: Account, store: Store, counter: NetworkCounter
) -> None:
    if not live.own_limits:
        assert accounts.refresh(store, account) == account  # nothing to follow
        return
    assert network.server_settings is not None, f"{network.name} cannot read its limits"
    wider = live.limit + 100
    with live.limit_set_to(wider):
        now = accounts.refresh(store, account)
        posts = split("Funding fell. " * 600, network.post_rules(now, None, {})).posts
        longest = max(live.length(post.text, counter) for post in posts)
        assert live.limit < longest <= wider
    (kept,) = store.accounts(network)  # the store keeps what the server said
    assert network.post_rules(kept, None, {}).limit == network.post_rules(now, None, {}).limit
    assert network.post_rules(account, None, {}).limit < network.post_rules(kept, None, {}).limit


def test_what_the_network_bills_is_known_where_its_api_bills(
    harness_kind: type[Harness], network: Network
) -> None:
    if not harness_kind.billed:
        assert network.billing is None
        return
    assert network.billing is not None, f"{network.name} bills, and says not what"
    billing = network.billing()
    assert billing.prices.post > 0 and billing.prices.read > 0
    assert billing.has_link("see https://example.com/report")
    assert not billing.has_link("no link here")


def test_publishing_by_hand_is_offered_where_the_network_allows_it(
    harness_kind: type[Harness], network: Network
) -> None:
    assert (network.assisted is not None) == harness_kind.by_hand
