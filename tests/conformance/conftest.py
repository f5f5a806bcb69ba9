"""The conformance suite's fixtures: each test runs once per installed network
(`networks()`), against that network's harness, started once per session.

Every test here uses the real Secret Service keyring (skipped without it on a person's
machine, required in CI as every real part is) and logs in through `accounts.login`,
as `thread login` does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.harness import Harness, ScriptedPrompt, harness_class
from support import network_counts
from support.network_counts import NetworkCounter
from support.realparts import require_real_part
from threadsmith import accounts
from threadsmith.network import Account, Network, network_named, networks
from threadsmith.store import Store


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`network_name` is every installed network's name, one harness per session each."""
    if "network_name" in metafunc.fixturenames:
        names = [network.name for network in networks()]
        metafunc.parametrize("network_name", names, ids=names, scope="session")


@pytest.fixture(scope="session")
def harness_kind(network_name: str) -> type[Harness]:
    """The network's harness class: what its server can do, without starting it."""
    found = harness_class(network_name)
    if found is None:
        pytest.fail(f"network {network_name!r} has no conformance harness: it does not ship")
    return found


@pytest.fixture(scope="session")
def harness(harness_kind: type[Harness], request: pytest.FixtureRequest) -> Iterator[Harness]:
    """The network's server, started once per session."""
    started = harness_kind.start(request)
    yield started
    started.stop()


@pytest.fixture
def network(network_name: str) -> Network:
    return network_named(network_name)


@pytest.fixture
def live(harness: Harness, secret_service: dict[str, str]) -> Iterator[Harness]:
    """The harness with what the network needs to reach it in place, and the real keyring."""
    with harness.active():
        yield harness


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "store" / "threadsmith.db")
    yield opened
    opened.close()


@pytest.fixture
def account(live: Harness, network: Network, store: Store) -> Account:
    """A fresh account on the network's server, logged in as `thread login` does."""
    login = live.new_login()
    return accounts.login(store, network, ScriptedPrompt(login.answers, login.interactive))


@pytest.fixture(scope="session")
def counter() -> Iterator[NetworkCounter]:
    """The official counting libraries (twitter-text, the PDS's counters), run by Node."""
    require_real_part(network_counts.available(), network_counts.REASON)
    with NetworkCounter() as running:
        yield running
