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

X = credentials.XSecrets("key-AAA", "secret-BBB", "token-CCC", "token-secret-DDD")


def test_round_trip_and_delete(memory_keyring: MemoryKeyring) -> None:
    credentials.save("x", "campaigner", X)
    assert credentials.load("x", "campaigner") == X
    assert credentials.delete("x", "campaigner")
    assert not credentials.delete("x", "campaigner")
    with pytest.raises(CredentialsError, match="run `thread login x`"):
        credentials.load("x", "campaigner")


def test_secrets_never_in_repr(memory_keyring: MemoryKeyring) -> None:
    bluesky = credentials.BlueskySecrets("app-pass-1234", "https://pds.example", "session-XYZ")
    for shown in (repr(X), str(X), repr(bluesky)):
        assert not any(s in shown for s in ("AAA", "BBB", "CCC", "DDD", "1234", "XYZ"))


def test_session_update_keeps_the_password(memory_keyring: MemoryKeyring) -> None:
    credentials.save("bluesky", "alice.test", credentials.BlueskySecrets("pw", "https://p", None))
    credentials.update_session("alice.test", "new-session")
    loaded = credentials.load("bluesky", "alice.test")
    assert loaded == credentials.BlueskySecrets("pw", "https://p", "new-session")


def test_real_secret_service_round_trip(secret_service: dict[str, str]) -> None:
    assert "SecretService" in credentials.backend_name() or "Secret" in credentials.backend_name()
    credentials.save("x", "real-account", X)
    stored = secret_tool_lookup(secret_service, "x:real-account")
    assert json.loads(stored)["api_key"] == "key-AAA"  # libsecret sees the same entry
    assert credentials.load("x", "real-account") == X
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
