"""A real Bluesky PDS and PLC directory on 127.0.0.1 (tests/node/pds.js), for tests.

Skips on a machine without Node and the npm packages; CI requires it.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from atproto import Client, models

from support.realparts import NODE_DIR, node_package_available, require_real_part

REASON = "a local Bluesky PDS needs Node and `npm ci --prefix tests/node`"


@dataclass(frozen=True)
class PdsAccount:
    handle: str
    password: str  # an app password, as a user would give threadsmith
    did: str


class LocalPDS:
    """A running PDS; `create_account` makes a fresh account with an app password."""

    def __init__(self, rate_limits: bool = False) -> None:
        env = dict(os.environ, THREADSMITH_PDS_RATE_LIMITS="1" if rate_limits else "0")
        node = shutil.which("node")
        assert node is not None
        self._process = subprocess.Popen(
            [node, str(NODE_DIR / "pds.js")],
            cwd=NODE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            error = self._process.stderr.read() if self._process.stderr else ""
            raise RuntimeError(f"the local PDS did not start: {error[-2000:]}")
        urls = json.loads(line)
        self.url: str = urls["pds"]
        self.plc_url: str = urls["plc"]
        self._count = 0

    def create_account(self, name: str | None = None) -> PdsAccount:
        self._count += 1
        handle = f"{name or 'user'}{self._count}-{secrets.token_hex(3)}.test"
        password = secrets.token_urlsafe(16)
        client = Client(base_url=self.url)
        created = client.com.atproto.server.create_account(
            models.ComAtprotoServerCreateAccount.Data(
                handle=handle, email=f"{handle}@example.test", password=password
            )
        )
        client.login(handle, password, fetch_bsky_profile=False)
        app = client.com.atproto.server.create_app_password(
            models.ComAtprotoServerCreateAppPassword.Data(name="threadsmith-tests")
        )
        client.request.close()
        return PdsAccount(handle, app.password, created.did)

    def client(self, account: PdsAccount) -> Client:
        """An SDK client logged in as `account`, for reading back what was published."""
        client = Client(base_url=self.url)
        client.login(account.handle, account.password, fetch_bsky_profile=False)
        return client

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()


def pds_available() -> bool:
    return node_package_available("@atproto/pds") and node_package_available("@did-plc/server")


@pytest.fixture(scope="session")
def pds() -> Iterator[LocalPDS]:
    require_real_part(pds_available(), REASON)
    server = LocalPDS()
    yield server
    server.stop()


def read_thread(pds: LocalPDS, account: PdsAccount) -> list[dict[str, object]]:
    """Every post record of `account`, oldest first, as plain dicts."""
    client = pds.client(account)
    try:
        return _read_all(client, account)
    finally:
        client.request.close()


def records_of(pds: LocalPDS, account: PdsAccount, collection: str) -> list[Any]:
    """The account's records of `collection` (the first 100), as the SDK gives them."""
    client = pds.client(account)
    try:
        page = client.com.atproto.repo.list_records(
            models.ComAtprotoRepoListRecords.Params(
                repo=account.did, collection=collection, limit=100
            )
        )
    finally:
        client.request.close()
    return list(page.records)


def _read_all(client: Client, account: PdsAccount) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    cursor = None
    while True:
        page = client.com.atproto.repo.list_records(
            models.ComAtprotoRepoListRecords.Params(
                repo=account.did, collection="app.bsky.feed.post", limit=100, cursor=cursor
            )
        )
        for record in page.records:
            value = record.value.model_dump(by_alias=True, exclude_none=True)
            records.append({"uri": record.uri, "cid": record.cid, **value})
        cursor = page.cursor
        if not cursor or not page.records:
            break
    return sorted(records, key=lambda r: str(r["createdAt"]))


def blobs(pds: LocalPDS, account: PdsAccount) -> list[str]:
    """The CIDs of every blob (image) the account has uploaded to the PDS."""
    client = Client(base_url=pds.url)
    try:
        page = client.com.atproto.sync.list_blobs(
            models.ComAtprotoSyncListBlobs.Params(did=account.did, limit=1000)
        )
        return list(page.cids)
    finally:
        client.request.close()
