"""`thread schedule list` at 80 columns: one record a few lines (when, state; the title;
the accounts; why it waits), wrapped to the terminal with nothing over its width; piped,
each line whole (for grep)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from threadsmith.cli import main
from threadsmith.journal import Outgoing
from threadsmith.network import network_named
from threadsmith.store import Planned, open_store

TITLE = "For Parents' and carers: a fair funding settlement for every school in the county"
WHY = (
    "the Mastodon account @campaigner@mastodon.example.org is no longer logged in: run "
    "`thread login mastodon --instance https://mastodon.example.org` and move it"
)


@pytest.fixture
def booked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = open_store()
    try:
        posts = [Outgoing(1, "Our schools need a fair settlement. 1/")]
        planned = [
            Planned(network_named("bluesky"), "head.teacher.bsky.social", posts, {}),
            Planned(network_named("mastodon"), "campaigner@mastodon.example.org", posts, {}),
        ]
        schedule = store.create_schedule("draft:1", TITLE, time.time() + 7200, planned)
        store.hold(schedule.runs[1].id, WHY)
        rope = [Outgoing(1, "Hold on to it.")]
        again = Planned(network_named("bluesky"), "head.teacher.bsky.social", rope, {})
        store.create_schedule("draft:2", "The rope", time.time() + 90000, [again])
        return schedule.id
    finally:
        store.close()


def test_at_80_columns_each_record_fits_and_reads_in_order(
    booked: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["schedule", "list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 80, out
    first, second = out.split("\n\n")
    head, *rest = first.splitlines()
    assert head.startswith(f"{booked}  ") and head.endswith(
        "Bluesky scheduled, Mastodon needs you"
    ), head
    assert rest[:4] == [
        "   For Parents' and carers: a fair funding settlement for every school in the",
        "     county",
        "   to Bluesky @head.teacher.bsky.social, Mastodon",
        "     @campaigner@mastodon.example.org",
    ]
    said = " ".join(line.strip() for line in rest[4:])
    assert said == f"Mastodon @campaigner@mastodon.example.org: {WHY}"
    # the command and its address never cut: it can be copied from one line
    assert any(
        line.strip().startswith("`thread login mastodon --instance https://mastodon.example.org`")
        for line in rest[4:]
    ), rest
    assert second.splitlines()[1:] == ["   The rope", "   to Bluesky @head.teacher.bsky.social"]


def test_piped_each_line_is_whole(booked: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"   {TITLE}" in lines
    assert f"   Mastodon @campaigner@mastodon.example.org: {WHY}" in lines
