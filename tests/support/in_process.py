"""The `thread` command run in this process (so `responses` reaches tweepy's requests),
with what it reads on standard input."""

from __future__ import annotations

import io

import pytest

from threadsmith.cli import main


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))
