"""The engine stays pure: no UI, network, keyring or database code is loaded with it."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = (
    "textual",
    "tweepy",
    "atproto",
    "atproto_client",
    "keyring",
    "sqlite3",
    "requests",
    "httpx",
    "platformdirs",
    "threadsmith.store",
    "threadsmith.networks",
)


def test_engine_imports_nothing_impure() -> None:
    probe = (
        "import sys, threadsmith.threading as t; from threadsmith.threading import measure; "
        "t.split('Some words. More words.', measure.bluesky_rules(None)); "
        f"bad = [m for m in sys.modules if m in {FORBIDDEN!r} "
        f"or m.split('.')[0] in {FORBIDDEN!r}]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
