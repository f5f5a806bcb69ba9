"""A network shipped as a package of its own (tests/plugin/threadsmith-example-network,
installed with uv into a folder of its own) is found through its entry point: it is in
`thread split --help`, `thread login` takes it, and the app's publish screen offers its
account and its declared option, with nothing changed outside its package. An account
whose network is then uninstalled is still listed, as not installed."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from textual.widgets import Checkbox

from support.in_process import run
from support.memory_keyring import MemoryKeyring
from support.uv_tool import uv, uv_environment
from support.waiting import until
from threadsmith.network import network_named, networks, rediscover
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen

pytestmark = pytest.mark.realparts
PACKAGE = Path(__file__).parent / "threadsmith-example-network"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example network's package, installed (not imported from this tree)."""
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [uv(), "pip", "install", "--no-deps", "--target", str(target), str(PACKAGE)],
        capture_output=True, text=True, env=uv_environment(Path.home()), timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(target.glob("threadsmith_example_network-*.dist-info/entry_points.txt"))
    return target


@pytest.fixture
def with_example(
    installed: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[None]:
    monkeypatch.syspath_prepend(str(installed))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    rediscover()
    yield
    monkeypatch.undo()
    rediscover()


def test_the_installed_network_is_in_split_help_and_splits(
    with_example: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    names = [network.name for network in networks()]
    assert names == ["x", "bluesky", "mastodon", "threads", "example"]
    with pytest.raises(SystemExit):
        run(monkeypatch, "split", "--help")
    assert "example" in capsys.readouterr().out
    essay = tmp_path / "essay.md"
    essay.write_text("Schools need a funding settlement that matches need. " * 12)
    assert run(monkeypatch, "split", str(essay), "--network", "example") == 0
    posts = capsys.readouterr().out.split("\n\n---\n\n")
    assert len(posts) > 1 and all(len(post) <= 200 for post in posts)


def test_thread_login_takes_the_installed_network(
    with_example: None,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(monkeypatch, "login", "example", "--handle", "alice", stdin="s3cret\n") == 0
    assert run(monkeypatch, "accounts") == 0
    out = capsys.readouterr().out
    assert "example   alice" in out and "s3cret" not in out
    assert "s3cret" in str(memory_keyring.entries)  # in the keyring, and only there


async def test_the_apps_publish_screen_offers_its_account_and_option(
    with_example: None, tmp_path: Path
) -> None:
    with closing(Store(tmp_path / "threadsmith.db")) as store:
        store.add_account(network_named("example"), "alice", "")
        draft_id = store.create_draft("Fair funding", "Schools need funding. " * 20).id
        app = ThreadsmithApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(PublishScreen(draft_id))
            await until(pilot, lambda: bool(app.screen.query(Checkbox)), "the accounts listed")
            boxes = [
                box for box in app.screen.query(Checkbox) if "Example @alice" in str(box.label)
            ]
            assert boxes, [str(box.label) for box in app.screen.query(Checkbox)]
            boxes[0].value = True  # ticked: its declared option is in the form
            mood = app.screen.query_one("#mood-row")
            await until(pilot, lambda: bool(mood.display), "Example's `mood` option shown")


def test_an_account_whose_network_is_uninstalled_is_listed_as_such(
    installed: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with monkeypatch.context() as installed_now:
        installed_now.syspath_prepend(str(installed))
        rediscover()
        from threadsmith.paths import database_path

        with closing(Store(database_path())) as store:
            store.add_account(network_named("example"), "alice", "")
    rediscover()  # the package is gone from the path
    assert "example" not in [network.name for network in networks()]
    assert run(monkeypatch, "accounts") == 0
    assert "example   alice  (its network is not installed any more)" in capsys.readouterr().out
