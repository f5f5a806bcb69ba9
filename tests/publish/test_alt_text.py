"""Alt text is never forgotten: an image without it is refused when a thread is planned,
unless the person says so (`--allow-missing-alt`, `allow_missing_alt: true`), and an alt
text longer than a network keeps is refused before anything is sent: X 1,000
characters, Bluesky 2,000 grapheme clusters (its app's limit), a Mastodon instance its
own `description_limit` (1,500 where it says none)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fake_x import SECRETS, FakeX
from support.images import png
from support.in_process import run
from support.memory_keyring import MemoryKeyring
from threadsmith import publish
from threadsmith.errors import InputError
from threadsmith.essay import SplitOptions
from threadsmith.network import network_named
from threadsmith.store import Store

FAMILY = "👨\u200d👩\u200d👧"  # one grapheme cluster of five code points


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    png(tmp_path / "chart.png")
    opened = Store(tmp_path / "threadsmith.db")
    for name, handle in (("x", "campaigner"), ("bluesky", "head.test"), ("mastodon", "a@m.test")):
        opened.add_account(network_named(name), handle)
    yield opened
    opened.close()


def essay(alt: str, front: str = "") -> str:
    settings = f"---\n{front}\n---\n" if front else ""
    return f"{settings}Funding per pupil has fallen.\n\n![{alt}](chart.png)\n"


def plan(store: Store, text: str, network: str, **options: bool) -> publish.Target:
    (account,) = [a for a in store.accounts() if a.network.name == network]
    base = Path(store.path).parent
    planned = publish.plan(
        store, text, draft_key="file:/essay.md", base=base, accounts=[account],
        options=SplitOptions(**options),  # type: ignore[arg-type]
    )  # fmt: skip
    (target,) = planned.targets
    return target


@pytest.mark.parametrize(("network", "name"), [("x", "X"), ("bluesky", "Bluesky"),
                                               ("mastodon", "Mastodon")])  # fmt: skip
def test_an_image_without_alt_text_is_refused_naming_the_image_and_its_post(
    store: Store, network: str, name: str
) -> None:
    with pytest.raises(InputError) as refused:
        plan(store, essay(""), network)
    said = str(refused.value)
    assert said.startswith(f"{name}, post 1: the image ") and "chart.png has no alt text" in said
    assert "--allow-missing-alt" in said and "allow_missing_alt: true" in said
    assert "\n" not in said


def test_the_person_may_publish_an_image_without_alt_text_and_the_run_keeps_that(
    store: Store,
) -> None:
    asked = plan(store, essay(""), "bluesky", missing_alt_allowed=True)
    assert asked.options[publish.MISSING_ALT] == "true"  # its checks before sending allow it
    written = plan(store, essay("", front="allow_missing_alt: true"), "x")
    assert written.options[publish.MISSING_ALT] == "true"
    with pytest.raises(InputError, match="no alt text"):  # the flag wins over the front matter
        plan(store, essay("", front="allow_missing_alt: true"), "x", missing_alt_allowed=False)
    with pytest.raises(InputError, match="`allow_missing_alt:` must be true or false"):
        plan(store, essay("", front="allow_missing_alt: sometimes"), "x")


def test_the_checks_before_sending_hold_a_run_to_what_it_allowed(store: Store) -> None:
    (account,) = [a for a in store.accounts() if a.network.name == "x"]
    posts = plan(store, essay(""), "x", missing_alt_allowed=True).posts
    publish.check_posts(account, posts, {publish.MISSING_ALT: "true"})
    with pytest.raises(InputError, match="no alt text"):
        publish.check_posts(account, posts, {})


@pytest.mark.parametrize(
    ("network", "fits", "too_long", "said"),
    [
        ("x", "a" * 1_000, "a" * 1_001, "is 1,001 characters; X takes 1,000"),
        (
            "bluesky",
            FAMILY * 2_000,
            FAMILY * 2_000 + "a",
            "is 2,001 graphemes; Bluesky takes 2,000",
        ),
        ("mastodon", "a" * 1_500, "a" * 1_501, "is 1,501 characters; Mastodon takes 1,500"),
    ],
)
def test_an_alt_text_longer_than_the_network_keeps_is_refused_before_anything_is_sent(
    store: Store, network: str, fits: str, too_long: str, said: str
) -> None:
    assert plan(store, essay(fits), network).posts[0].media[0].alt == fits
    with pytest.raises(InputError, match=said):
        plan(store, essay(too_long), network)


def test_a_mastodon_instance_s_own_alt_text_limit_is_the_one_checked(store: Store) -> None:
    (mastodon,) = [a for a in store.accounts() if a.network.name == "mastodon"]
    store.update_account_settings(mastodon, {"media": {"description_limit": 420}})
    plan(store, essay("a" * 420), "mastodon")
    with pytest.raises(InputError, match="is 421 characters; Mastodon takes 420"):
        plan(store, essay("a" * 421), "mastodon")


def test_thread_publish_refuses_an_image_without_alt_text_and_sends_nothing(
    fake_x: FakeX,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert run(monkeypatch, "login", "x", stdin="\n".join(SECRETS) + "\n") == 0
    png(tmp_path / "chart.png")
    source = tmp_path / "essay.md"
    source.write_text(essay(""))
    capsys.readouterr()
    assert run(monkeypatch, "publish", str(source), "--to", "x", "--yes") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "chart.png has no alt text" in err, err
    assert fake_x.tweets == []
    allowed = ("publish", str(source), "--to", "x", "--yes", "--allow-missing-alt")
    assert run(monkeypatch, *allowed) == 0
    assert len(fake_x.tweets) == 1
