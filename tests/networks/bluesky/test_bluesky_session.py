"""A Bluesky session the server no longer accepts is replaced with the app password kept
in the keyring, once; a bad app password is then one line. Against a real PDS."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest
from atproto import Client
from atproto_client.client.session import Session

from support.pds import LocalPDS, PdsAccount, read_thread
from threadsmith import publish
from threadsmith.errors import AuthError
from threadsmith.journal import Outgoing
from threadsmith.network import network_named
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky import publisher as bluesky
from threadsmith.store import Store

pytestmark = pytest.mark.realparts


def _jwt(payload: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'ES256K', 'typ': 'at+jwt'})}.{part(payload)}.c2lnbmF0dXJl"


def revoked_session(pds: LocalPDS, account: PdsAccount) -> str:
    """A session as the keyring may hold one weeks later: its access token expired and its
    refresh token revoked on the server (the app password still works)."""
    session = Session.decode(bluesky.login(account.handle, account.password, pds.url))
    client = Client(base_url=pds.url)
    try:
        client.com.atproto.server.delete_session(
            headers={"Authorization": f"Bearer {session.refresh_jwt}"}
        )
    finally:
        client.request.close()
    expired = {"scope": "com.atproto.appPass", "sub": account.did, "exp": int(time.time()) - 60}
    session.access_jwt = _jwt(expired)
    return str(session.encode())


def test_a_revoked_session_is_replaced_with_the_app_password(pds: LocalPDS) -> None:
    account = pds.create_account("revoked")
    kept: list[str] = []
    sender = bluesky.BlueskyPublisher(
        account.handle, pds.url, account.password, revoked_session(pds, account), kept.append,
        IMAGES,
    )  # fmt: skip
    try:
        sender.send(Outgoing(1, "Still here."), key=sender.new_key(), root=None, parent=None)
    finally:
        sender.close()
    assert [str(r["text"]) for r in read_thread(pds, account)] == ["Still here."]
    assert kept and account.password not in kept[-1]  # the new session is kept, not the secret
    assert Session.decode(kept[-1]).refresh_jwt != ""


def test_a_revoked_session_and_a_revoked_app_password_are_one_line(pds: LocalPDS) -> None:
    account = pds.create_account("gone")
    sender = bluesky.BlueskyPublisher(
        account.handle, pds.url, "not-the-app-password", revoked_session(pds, account),
        lambda session: None, IMAGES,
    )  # fmt: skip
    try:
        with pytest.raises(AuthError) as refused:
            sender.send(Outgoing(1, "Never."), key=sender.new_key(), root=None, parent=None)
    finally:
        sender.close()
    message = str(refused.value)
    assert "thread login bluesky --handle" in message and "\n" not in message
    assert "not-the-app-password" not in message
    assert read_thread(pds, account) == []


def test_a_revoked_session_is_replaced_before_a_thread_goes_whole(
    pds: LocalPDS, tmp_path: Path
) -> None:
    """The thread's one commit is refused for the session, never applied: it is sent again
    once logged in afresh, and the thread is there once."""
    account = pds.create_account("whole")
    kept: list[str] = []
    sender = bluesky.BlueskyPublisher(
        account.handle, pds.url, account.password, revoked_session(pds, account), kept.append,
        IMAGES,
    )  # fmt: skip
    store = Store(tmp_path / "journal.db")
    texts = [f"Still here, post {n}/" for n in range(1, 4)]
    posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
    run_id = store.create_run("test", network_named("bluesky"), account.handle, posts).id
    events: list[publish.Event] = []
    try:
        publish.run(store, run_id, sender, on_event=events.append)
    finally:
        sender.close()
        store.close()
    assert [str(r["text"]) for r in read_thread(pds, account)] == texts
    assert [e for e in events if isinstance(e, publish.Committing)] == [publish.Committing(1, 3, 3)]
    assert kept and account.password not in kept[-1]
