"""Loaded first by every `thread` process the tests start (their PYTHONPATH, see
support/thread_cli.py): it resolves no name but this machine's, as the tests' own
process does (tests/conftest.py)."""

import socket

from this_machine import only_this_machine  # type: ignore[import-not-found]  # beside it

socket.getaddrinfo = only_this_machine(socket.getaddrinfo)
