"""What X will bill, said before it is spent: links counted as twitter-text finds them,
the arithmetic against the price table, a person's own prices used once set (and
the published ones again once reset), in `thread publish`'s preview and `--dry-run`."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from support.fake_x import SECRETS, FakeX
from support.in_process import run
from support.memory_keyring import MemoryKeyring
from threadsmith import costs
from threadsmith.cli import main
from threadsmith.errors import InputError
from threadsmith.network import network_named
from threadsmith.networks.x.prices import PRICES
from threadsmith.store import Store

X = network_named("x")

# (text, whether twitter-text extracts a URL from it: checked against the official
# library, tests/node's twitter-text 3.1)
LINKS = [
    ("Read the letter: https://www.naht.org.uk/news 3/", True),
    ("More at naht.org.uk for members 4/", True),  # no protocol: still a link to X
    ("The notes are in file.md 5/", True),  # .md is a country's domain
    ("www.naht.org.uk 6/", True),
    ("e.g. this, as Mr. Smith said 1/", False),
    ("@naht and #EdChat agree 2/", False),
    ("http://localhost:8000 is not a link to X 7/", False),  # no public domain
    ("Plain words only 8/", False),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


def test_links_are_counted_as_twitter_text_extracts_them_and_priced_by_the_table(
    store: Store,
) -> None:
    texts = [text for text, _ in LINKS]
    cost = costs.publish_cost(X, texts, PRICES)
    assert cost.posts == 8
    assert cost.with_link == sum(linked for _, linked in LINKS) == 4
    assert cost.total == 4 * PRICES.post + 4 * PRICES.post_with_link
    assert cost.total == Decimal("0.86")  # 4 × $0.015 + 4 × $0.20, X's figures of 2026-11-26
    assert costs.prices(store, X) == PRICES
    assert costs.prices(store, network_named("bluesky")) is None  # Bluesky bills nothing


def test_a_price_set_by_the_person_is_used_until_reset(store: Store) -> None:
    costs.set_price(store, X, "post_with_link", "$0.25")
    table = costs.prices(store, X)
    assert table is not None
    assert table.post_with_link == Decimal("0.25") and table.post == PRICES.post
    assert table.overridden == {"post_with_link"}
    cost = costs.publish_cost(X, [text for text, _ in LINKS], table)
    assert cost.total == 4 * Decimal("0.015") + 4 * Decimal("0.25")
    assert costs.read_cost(table, 8) == 8 * PRICES.read
    costs.set_price(store, X, "read", "0.001")
    table = costs.prices(store, X)
    assert table is not None and costs.read_cost(table, 8) == Decimal("0.008")
    assert costs.reset_prices(store, X, "read").read == PRICES.read
    assert costs.reset_prices(store, X) == PRICES


@pytest.mark.parametrize("value", ["-1", "abc", "nan", "1e9", ""])
def test_a_price_that_cannot_be_is_refused(store: Store, value: str) -> None:
    with pytest.raises(InputError, match="a price is a number of US dollars"):
        costs.set_price(store, X, "post", value)
    assert costs.prices(store, X) == PRICES


def test_money_reads_as_dollars_and_cents() -> None:
    assert costs.dollars(Decimal("0.2")) == "$0.20"
    assert costs.dollars(Decimal("0.045")) == "$0.045"
    assert costs.dollars(Decimal("1.615")) == "$1.615"
    assert costs.dollars(Decimal(3)) == "$3.00"


@pytest.fixture
def x_account(
    fake_x: FakeX, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> FakeX:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert run(monkeypatch, "login", "x", stdin="\n".join(SECRETS) + "\n") == 0
    return fake_x


def test_publish_preview_and_dry_run_say_what_x_will_bill(
    x_account: FakeX, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(
        "Schools need a fair settlement.\n\n---\n\nRead the letter at naht.org.uk today.\n\n"
        "---\n\nAnd tell your MP.\n"
    )
    capsys.readouterr()
    assert main(["publish", str(essay), "--to", "x", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert (
        "X bills about $0.23 for this: 3 posts, 1 with a link (2 × $0.015 + 1 × $0.20; "
        "X's published prices of 2026-11-26: see `thread prices`)"
    ) in out
    assert x_account.tweets == []  # a dry run sends nothing
    assert main(["prices", "set", "x", "post_with_link", "0.30"]) == 0
    shown = capsys.readouterr().out
    assert "post_with_link     $0.30" in shown and "your own (published: $0.20)" in shown
    assert main(["publish", str(essay), "--to", "x", "--dry-run"]) == 0
    assert "X bills about $0.33 for this" in capsys.readouterr().out
    assert main(["prices", "reset", "x"]) == 0
    assert main(["publish", str(essay), "--to", "x", "--dry-run"]) == 0
    assert "X bills about $0.23 for this" in capsys.readouterr().out


def test_a_one_post_thread_is_one_post(
    x_account: FakeX, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("Schools need a fair settlement: read the letter at naht.org.uk\n")
    capsys.readouterr()
    assert main(["publish", str(essay), "--to", "x", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "X @" in out and ": 1 post\n" in out
    assert "for this: 1 post, 1 with a link" in out


def test_prices_lists_the_table_with_its_date_and_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["prices"]) == 0
    out = capsys.readouterr().out
    assert f"published on {PRICES.source}, taken 2026-11-26" in out
    assert "post              $0.015" in out and "read              $0.005" in out
    assert main(["prices", "set", "bluesky", "post", "1"]) == 2
    assert "Bluesky bills nothing" in capsys.readouterr().err
    assert main(["prices", "set", "x", "posts", "1"]) == 2
    assert "unknown price 'posts': use post, post_with_link, read" in capsys.readouterr().err
