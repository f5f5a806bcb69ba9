"""Imports where a campaigner meets them: `thread split URL`, `thread split letter.docx`,
and a draft imported from the app's library (in a worker, then opened)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from support.import_site.articles import WORDPRESS
from support.import_site.site_server import ARTICLE_PATHS, Site
from support.import_site.word_documents import letter
from support.waiting import until
from threadsmith.cli import main
from threadsmith.drafts import settings_of
from threadsmith.store import Store, open_store
from threadsmith.threading.short_url import to_short_url
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.editor import EditorScreen


def thread(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "XDG_DATA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "threadsmith", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_thread_split_takes_a_web_page_and_sends_readers_back_to_it(
    site: Site, tmp_path: Path
) -> None:
    url = site.url(ARTICLE_PATHS["wordpress"])
    result = thread("split", url, "--platform", "bluesky", "--format", "json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    posts = [post["text"] for post in json.loads(result.stdout)["posts"]]
    joined = " ".join(posts)
    assert WORDPRESS.title in joined and "Leave a Reply" not in joined
    # on Bluesky the link reads short, as its app shows it; the link itself goes whole
    assert f"Read the full post: {to_short_url(url)}" in posts[-1]
    images = [
        media["path"] for post in json.loads(result.stdout)["posts"] for media in post["media"]
    ]
    assert all(Path(path).is_file() for path in images)  # kept in the user's cache
    assert all(str(tmp_path / "cache") in path for path in images)


def test_thread_split_takes_a_word_document(tmp_path: Path) -> None:
    source = tmp_path / "letter.docx"
    source.write_bytes(letter())
    result = thread("split", str(source), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n---\n") >= 1 and "Read the full post" not in result.stdout


def test_a_broken_address_is_one_line(site: Site, tmp_path: Path) -> None:
    result = thread("split", site.url("/missing-page"), home=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "404" in result.stderr and "Traceback" not in result.stderr


async def test_the_library_imports_a_page_as_a_draft_and_opens_it(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = Store(tmp_path / "threadsmith.db")
    url = site.url(ARTICLE_PATHS["wordpress"])
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = url
        await pilot.press("enter")  # fetched and converted in a worker
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the draft opened")
        assert isinstance(app.screen, EditorScreen)
        essay = app.screen.query_one("#essay", TextArea).text
        assert WORDPRESS.title in essay and "Leave a Reply" not in essay
    (draft,) = store.drafts()
    assert draft.title == WORDPRESS.title
    assert draft.settings["source"] == url
    assert settings_of(draft).last == f"Read the full post: {url}"  # F4 can change it
    store.close()


@pytest.mark.parametrize("kind", ["web page", "Word document"])
def test_thread_draft_imports_the_document_then_opens_its_draft(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    opened: list[int | None] = []
    monkeypatch.setattr(ThreadsmithApp, "run", lambda app: opened.append(app.first_draft))
    monkeypatch.setattr("threadsmith.cli.draft.has_terminal", lambda: True)
    if kind == "web page":
        source = site.url(ARTICLE_PATHS["wordpress"])
    else:
        source = str(tmp_path / "letter.docx")
        Path(source).write_bytes(letter())
    assert main(["draft", source]) == 0
    (draft_id,) = opened  # the app opens on the imported draft
    assert draft_id is not None
    with closing(open_store()) as store:
        draft = store.draft(draft_id)
    assert draft.settings["source"] == source
    assert draft.body.strip() and "Leave a Reply" not in draft.body
