"""A real Bluesky AppView on 127.0.0.1 (tests/node/appview.js), indexing the local PDS.

`appview` follows the session's `pds` firehose into a throwaway PostgreSQL cluster, so
`app.bsky.feed.getPosts` answers with the counts Bluesky's own AppView code computes.
It indexes in the background, as the real one does: after writing, call
`wait_until_indexed(...)` with the accounts that wrote before reading counts.
Skips without Node, the npm packages or PostgreSQL's server; CI requires them.
"""

from __future__ import annotations

import json
import os
import pwd
import select
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from atproto import Client, models

from support.pds import LocalPDS, PdsAccount, pds_available
from support.realparts import NODE_DIR, node_package_available, require_real_part

REASON = (
    "a local Bluesky AppView needs Node, `npm ci --prefix tests/node` and PostgreSQL's "
    "server (apt-get install postgresql)"
)
START_TIMEOUT = 60.0  # seconds; it starts in about 2 s


def postgres_bin() -> Path | None:
    """The folder holding PostgreSQL's `initdb` and `postgres`: THREADSMITH_PG_BIN,
    else Debian's newest /usr/lib/postgresql/N/bin, else wherever `initdb` is on PATH."""
    configured = os.environ.get("THREADSMITH_PG_BIN")
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    candidates = [Path(configured)] if configured else [*debian]
    if not configured and on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if all(os.access(folder / tool, os.X_OK) for tool in ("initdb", "postgres")):
            return folder
    return None


def _can_run_postgres() -> bool:
    """PostgreSQL will not run as root; appview.js then runs it as the `postgres` user."""
    if os.getuid() != 0:
        return True
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


def appview_available() -> bool:
    return (
        pds_available()
        and node_package_available("@atproto/bsky")
        and postgres_bin() is not None
        and _can_run_postgres()
    )


class LocalAppView:
    """A running AppView that indexes `pds`; `client()` reads from it without a login."""

    def __init__(self, pds: LocalPDS, pg_bin: Path, log: Path) -> None:
        node = shutil.which("node")
        assert node is not None
        self._pds = pds
        self._log = log
        env = dict(
            os.environ,
            THREADSMITH_PDS_URL=pds.url,
            THREADSMITH_PLC_URL=pds.plc_url,
            THREADSMITH_PG_BIN=str(pg_bin),
        )
        with log.open("w") as errors:  # the child keeps its own copy of the descriptor
            self._process = subprocess.Popen(
                [node, str(NODE_DIR / "appview.js")],
                cwd=NODE_DIR,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], START_TIMEOUT)
        line = self._process.stdout.readline() if ready else ""
        if not line:
            self.stop()
            raise RuntimeError(f"the local AppView did not start: {log.read_text()[-2000:]}")
        urls = json.loads(line)
        self.url: str = urls["appview"]
        self._control: str = urls["control"]

    def client(self) -> Client:
        return Client(base_url=self.url)

    def wait_until_indexed(self, *accounts: PdsAccount, timeout: float = 30.0) -> None:
        """Block until every write the PDS holds for `accounts` is indexed and counted.

        Raises AssertionError naming the account when `timeout` (seconds) runs out."""
        reader = Client(base_url=self._pds.url)
        try:
            for account in accounts:
                latest = reader.com.atproto.sync.get_latest_commit(
                    models.ComAtprotoSyncGetLatestCommit.Params(did=account.did)
                )
                self.wait_for_revision(account, latest.rev, timeout)
        finally:
            reader.request.close()

    def wait_for_revision(self, account: PdsAccount, rev: str, timeout: float = 30.0) -> None:
        """Block until `account`'s repo is indexed at revision `rev` (a TID) or later."""
        query = urllib.parse.urlencode(
            {"did": account.did, "rev": rev, "timeout": int(timeout * 1000)}
        )
        try:
            with urllib.request.urlopen(
                f"{self._control}/synced?{query}", timeout=timeout + 10
            ) as answer:
                json.load(answer)
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")
            raise AssertionError(f"the AppView did not index {account.handle}: {detail}") from None

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="session")
def appview(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalAppView]:
    pg_bin = postgres_bin()
    require_real_part(appview_available() and pg_bin is not None, REASON)
    assert pg_bin is not None
    pds: LocalPDS = request.getfixturevalue("pds")  # only once the AppView can run
    server = LocalAppView(pds, pg_bin, tmp_path_factory.mktemp("appview") / "appview.log")
    yield server
    server.stop()
