"""Name resolution limited to this machine, for the tests and every `thread` process they
start (sitecustomize.py, beside this file): a name other than this machine's cannot be
resolved, so a slip (an account's real server, X's API without the fake, the page a link
card would read) fails loudly instead of reaching a real service."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

LOCAL = ("localhost", "127.0.0.1", "::1")


def only_this_machine(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """`resolve` (socket.getaddrinfo) refusing every name but this machine's."""

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and name not in LOCAL and not str(name).startswith("127."):
            raise socket.gaierror(socket.EAI_NONAME, f"tests stay on this machine, not {name}")
        return resolve(host, *args, **kwargs)

    return local_only
