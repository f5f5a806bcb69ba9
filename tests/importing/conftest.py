"""The local web site the import tests fetch from (127.0.0.1 only, like every test)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # articles, pages and site sit beside the tests

from site_server import Site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.close()
