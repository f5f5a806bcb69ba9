"""Where an import may connect: the address the person gave, and the public internet.

A page on the web can point anywhere: a redirect to `http://127.0.0.1:8080/admin`,
an image at `http://169.254.169.254/latest/meta-data/` (a cloud's secrets), a
router's page on 192.168.1.1. Fetching those would carry what only this machine
can reach into a draft. So each connection is checked as it is made, on the
address it is about to use (not on a name resolved earlier, which a server could
change in between): a loopback, private, link-local, shared or reserved address
is reached only when the address the person gave is on that same host (a page
served on this machine may show its own images); any other host must be public.
A saved page gives no address, so nothing it names may be local.

httpx makes its connections through httpcore's network backend; `GuardedTransport`
gives it one that resolves the name itself, drops what is not allowed and
connects to an allowed address by number (TLS still checks the name).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from threadsmith.errors import InputError

if TYPE_CHECKING:
    import httpx

Resolve = Callable[[str, int], list[str]]  # (host, port) -> its addresses, as text
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class LocalAddress(InputError):
    """A connection refused because it would reach a local address (raised inside
    httpx's connection, which lets it through untouched; the fetcher names the URL)."""


def system_resolve(host: str, port: int) -> list[str]:
    """The host's addresses as the system resolves them (IP addresses as themselves)."""
    try:
        return [str(_parsed(host))]
    except ValueError:
        pass  # a name
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: Address) -> bool:
    """True for an address on the public internet (not loopback, private, link-local,
    shared, reserved, multicast or unspecified)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class AddressGuard:
    """Which addresses the connections of one import may reach (see the module)."""

    def __init__(self, home: str | None, resolve: Resolve = system_resolve) -> None:
        self._home_host = home
        self._home: frozenset[Address] | None = None
        self._resolve = resolve

    def allowed(self, host: str, port: int) -> list[str]:
        """The addresses of `host` a connection may use, in the resolver's order;
        raises `LocalAddress` when there is none, `OSError` when it cannot be resolved."""
        found = [_parsed(text) for text in self._resolve(_bare(host), port)]
        allowed = [a for a in found if is_public(a) or a in self._home_addresses(port)]
        if found and not allowed:
            named = _bare(host) != str(found[0])
            where = f"{host} is at {found[0]}," if named else f"{found[0]} is"
            raise LocalAddress(
                f"refused: {where} on this machine or a local network, and the address you "
                "gave is not on that host"
            )
        return [str(a) for a in allowed]

    def _home_addresses(self, port: int) -> frozenset[Address]:
        if self._home is None:
            home: Iterable[str] = ()
            if self._home_host:
                try:
                    home = self._resolve(_bare(self._home_host), port)
                except OSError:
                    home = ()
            self._home = frozenset(_parsed(text) for text in home)
        return self._home


def _bare(host: str) -> str:
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def _parsed(text: str) -> Address:
    return ipaddress.ip_address(text.split("%", 1)[0])  # fe80::1%eth0: its zone aside


def guarded_transport(guard: AddressGuard) -> httpx.HTTPTransport:
    """An httpx transport whose every connection `guard` allows (no proxy from the
    environment: a proxy would make the connections, unchecked)."""
    import httpcore
    import httpx

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Iterable[Any] | None = None,
        ) -> httpcore.NetworkStream:
            try:
                addresses = guard.allowed(host, port)
            except OSError as exc:  # no such host: as httpcore itself says it
                raise httpcore.ConnectError(str(exc)) from exc
            failure: httpcore.ConnectError | None = None
            for address in addresses:
                try:
                    return super().connect_tcp(
                        address, port, timeout, local_address, socket_options
                    )
                except httpcore.ConnectError as exc:
                    failure = exc
            raise failure or httpcore.ConnectError(f"{host} has no address")

    transport = httpx.HTTPTransport()
    # httpx builds its pool without a way to give the backend; the same pool, with it
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=GuardedBackend()
    )
    return transport
