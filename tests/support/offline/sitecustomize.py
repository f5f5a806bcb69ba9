"""Loaded first by every `thread` process the tests start (their PYTHONPATH, see
support/thread_cli.py): as in the tests' own process (tests/conftest.py), a name other
than this machine's cannot be resolved, so no command a test runs reaches a real site
(the page a link card would read, an account's real server)."""

from __future__ import annotations

import socket
from typing import Any

_LOCAL = ("localhost", "127.0.0.1", "::1")
_resolve = socket.getaddrinfo


def _this_machine_only(host: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and name not in _LOCAL and not str(name).startswith("127."):
        raise socket.gaierror(socket.EAI_NONAME, f"tests stay on this machine, not {name}")
    return _resolve(host, *args, **kwargs)


socket.getaddrinfo = _this_machine_only
