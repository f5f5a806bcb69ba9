"""The local web site the import tests fetch from (127.0.0.1 only, like every test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.import_site.site_server import Site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.close()
