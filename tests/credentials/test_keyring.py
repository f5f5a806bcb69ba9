"""Credentials in the keyring: an in-memory backend, the real Secret Service, and none."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support.memory_keyring import MemoryKeyring
from support.secret_service import secret_tool_lookup
from threadsmith import credentials
from threadsmith.errors import CredentialsError
from threadsmith.network import Secrets, network_named

X = {"api_key": "key-AAA", "api_secret": "secret-BBB", "access_token": "token-CCC",
     "access_secret": "token-secret-DDD"}  # fmt: skip


def test_round_trip_and_delete(memory_keyring: MemoryKeyring) -> None:
    credentials.save("x", "campaigner", X)
    assert credentials.load(network_named("x"), "campaigner") == X
    assert credentials.delete("x", "campaigner")
    assert not credentials.delete("x", "campaigner")
    with pytest.raises(CredentialsError, match="run `thread login x`"):
        credentials.load(network_named("x"), "campaigner")


def test_an_entry_missing_a_secret_is_damaged_not_a_crash(memory_keyring: MemoryKeyring) -> None:
    credentials.save("x", "campaigner", {"api_key": "key-AAA"})
    with pytest.raises(CredentialsError, match="is damaged"):
        credentials.load(network_named("x"), "campaigner")


def test_secrets_never_in_repr(memory_keyring: MemoryKeyring) -> None:
    bluesky = Secrets({"app_password": "app-pass-1234", "session": "session-XYZ"})
    for shown in (repr(Secrets(X)), str(Secrets(X)), repr(bluesky), f"{bluesky}"):
        assert not any(s in shown for s in ("AAA", "BBB", "CCC", "DDD", "1234", "XYZ"))


def test_an_existing_bluesky_entry_still_loads(memory_keyring: MemoryKeyring) -> None:
    # as threadsmith 0.1 wrote it: the same keys, a session that may be null
    kept = {"app_password": "pw", "service": "https://p", "session": None}
    memory_keyring.set_password("threadsmith", "bluesky:alice.test", json.dumps(kept))
    loaded = credentials.load(network_named("bluesky"), "alice.test")
    assert dict(loaded) == {"app_password": "pw", "service": "https://p"}


def test_real_secret_service_round_trip(secret_service: dict[str, str]) -> None:
    assert "SecretService" in credentials.backend_name() or "Secret" in credentials.backend_name()
    credentials.save("x", "real-account", X)
    stored = secret_tool_lookup(secret_service, "x:real-account")
    assert json.loads(stored)["api_key"] == "key-AAA"  # libsecret sees the same entry
    assert credentials.load(network_named("x"), "real-account") == X
    assert credentials.delete("x", "real-account")
    assert secret_tool_lookup(secret_service, "x:real-account") == ""


@pytest.mark.parametrize(
    "backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"]
)
def test_no_backend_is_one_clear_line(backend: str, tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "threadsmith", "accounts"],
        capture_output=True, text=True, env={**os.environ, "PYTHON_KEYRING_BACKEND": backend,
                                            "XDG_DATA_HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "no usable system keyring" in result.stderr
