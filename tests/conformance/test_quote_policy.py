"""The conformance suite on who may quote a thread's posts: each network offers exactly
the quote policies its server can set (`Harness.quotes_offered`), sets the one asked on
every post of the thread there, and says where it cannot (`Target.not_offered`), leaving
the server's default untouched; `--no-quotes` (`quotes: false`) is nobody everywhere.

Every test here but the first logs in on the network's server (the real keyring:
`realparts`), as test_conformance.py's do."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.harness import Harness
from conformance.publishing import essay, plan, publish_essay
from threadsmith.network import Account, Network
from threadsmith.network.core import QUOTES, quote_policy
from threadsmith.store import Store

PARAGRAPHS = (
    "Schools need a fair funding settlement, and they need it this year.",
    "Heads have cut everything but teaching, and teaching is next.",
    "Write to your MP today: the letter takes two minutes.",
)


def test_the_network_offers_who_may_quote_exactly_as_its_server_does(
    harness_kind: type[Harness], network: Network
) -> None:
    option = next((o for o in network.publish_options if o.name == "quotes"), None)
    offered = {value for value in QUOTES[1:] if option is not None and option.offers(value)}
    assert offered == set(harness_kind.quotes_offered)


@pytest.mark.parametrize("quotes", [*QUOTES[1:], "false"])
def test_who_may_quote_is_set_on_every_post_where_offered_and_said_where_not(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path, quotes: str
) -> None:
    path = essay(tmp_path, *PARAGRAPHS)
    target = plan(store, account, path, {"quotes": quotes}).targets[0]
    done = publish_essay(store, account, path, {"quotes": quotes})
    wanted = "nobody" if quotes == "false" else quotes  # `quotes: false`, `--no-quotes`
    assert len(done.refs) == len(PARAGRAPHS)
    applied = [live.quote_rule(account, ref) for ref in done.refs]

    if wanted in live.quotes_offered:
        assert target.not_offered == ()
        assert quote_policy(done.target.options) == wanted
        assert applied == [wanted] * len(PARAGRAPHS)
    else:
        (said,) = target.not_offered
        assert network.display_name in said and "not applied" in said
        assert "quote" in said
        assert applied == ["everyone"] * len(PARAGRAPHS)  # nothing else restricted instead


def test_everyone_asked_restricts_nothing_and_says_nothing(
    live: Harness, account: Account, store: Store, tmp_path: Path
) -> None:
    path = essay(tmp_path, *PARAGRAPHS[:2])
    target = plan(store, account, path, {"quotes": "everyone"}).targets[0]
    done = publish_essay(store, account, path, {"quotes": "everyone"})
    assert target.not_offered == ()
    assert [live.quote_rule(account, ref) for ref in done.refs] == ["everyone", "everyone"]
