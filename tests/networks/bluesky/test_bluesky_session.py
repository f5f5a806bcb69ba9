"""A Bluesky session the server no longer accepts is replaced with the app password kept
in the keyring, once; a bad app password is then one line. Against a real PDS."""

from __future__ import annotations

import base64
import json
import time

import pytest
from atproto import Client
from atproto_client.client.session import Session

from support.pds import LocalPDS, PdsAccount, read_thread
from threadsmith.errors import AuthError
from threadsmith.journal import Outgoing
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky import publisher as bluesky

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
