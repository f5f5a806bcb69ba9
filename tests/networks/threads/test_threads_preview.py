"""The app's publish preview says under its post that a local image cannot go to Threads
(the command line's preview: test_threads_cli.py)."""

from __future__ import annotations

from pathlib import Path

from support.images import png
from threadsmith import publish
from threadsmith.essay import SplitOptions
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.widgets.publish_preview import preview_text


def test_the_apps_preview_says_a_local_image_goes_as_text(tmp_path: Path) -> None:
    png(tmp_path / "chart.png", 20, 10)
    text = (
        "Funding per pupil fell again.\n\n![A chart](chart.png)\n\n---\n\nSee the table.\n\n"
        "![The table](https://images.example.org/table.png)\n"
    )
    store = Store(tmp_path / "threadsmith.db")
    account = store.add_account(network_named("threads"), "tester", "http://127.0.0.1:9/v1.0", {})
    made = publish.plan(
        store, text, draft_key="file:essay.md", base=tmp_path, accounts=[account],
        options=SplitOptions(),
    )  # fmt: skip

    shown = preview_text(store, made, lambda account: account.name)

    assert (
        f"🖼 {tmp_path / 'chart.png'} cannot go: Threads takes an image only by its public "
        "https:// address; this post goes as text"
    ) in shown
    assert "🖼 https://images.example.org/table.png — The table" in shown
    store.close()
