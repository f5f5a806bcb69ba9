"""Whether each network's server answers: the server of every account (a Bluesky PDS,
a Mastodon instance, X's API), asked for its front page's headers, all at once, each
within a short timeout, so that one silent server costs the report seconds, not
minutes. Nothing is logged in and no secret is read: a server that answers at all
(any HTTP status) is reachable; the logins are the accounts lines' business."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from threadsmith.doctor.finding import Finding
from threadsmith.network import Account

TIMEOUT = 4.0  # seconds for the whole check, however many servers
TOPIC = "network"

# Where an account keeps no server of its own: the one its network has. The same
# addresses as networks/bluesky's DEFAULT_SERVICE and networks/x/publisher's API.
# Which address to check when there is no answer, by network
ADDRESS_OF = {"mastodon": "the instance's address", "bluesky": "your PDS's address"}


@dataclass(frozen=True, slots=True)
class Server:
    """A server to ask: `url` its address (scheme, host, port only), `shown` how the
    report names it ("mastodon.example", "127.0.0.1:8080"), `network` the network's
    name ("mastodon") and `display` as people know it ("Mastodon")."""

    url: str
    shown: str
    network: str
    display: str


def servers() -> list[Finding]:
    """One line per server of the accounts kept in the store (none without accounts:
    the accounts line says so)."""
    return reach(servers_of(_known_accounts()))


def _known_accounts() -> list[Account]:
    from threadsmith.errors import ThreadsmithError
    from threadsmith.paths import database_path

    if not database_path().exists():
        return []
    from threadsmith.store import open_store

    try:
        store = open_store()
    except ThreadsmithError:
        return []  # the database line says what is wrong
    try:
        return store.accounts()
    except ThreadsmithError:
        return []
    finally:
        store.close()


def servers_of(accounts: Sequence[Account]) -> list[Server]:
    """Each account's server, once each, in the accounts' order; an account whose
    server is not known (a network with no default, and none kept) is left out."""
    found: dict[str, Server] = {}
    for account in accounts:
        address = account.service or account.network.default_server
        server = _server(address, account.network.name, account.network.display_name)
        if server is not None:
            found.setdefault(server.url, server)
    return list(found.values())


def _server(address: str, network: str, display: str) -> Server | None:
    """The scheme, host and port of `address` alone (a user name, a password, a path
    or a query in it is never shown or sent); None when it names no host."""
    try:
        parts = urlsplit(address if "//" in address else f"https://{address}")
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or parts.scheme not in ("http", "https"):
        return None
    named = f"[{host}]" if ":" in host else host
    shown = named if port is None else f"{named}:{port}"
    return Server(f"{parts.scheme}://{shown}", shown, network, display)


def reach(servers: Sequence[Server], timeout: float = TIMEOUT) -> list[Finding]:
    """Asks every server at once; gives one line each, in order, within about
    `timeout` seconds in all (a server still silent then has not answered)."""
    verdicts: dict[int, Finding] = {}
    all_in = threading.Condition()

    def ask(index: int, server: Server) -> None:
        verdict = _verdict(server, timeout)
        with all_in:
            verdicts[index] = verdict
            all_in.notify()

    for index, server in enumerate(servers):
        # daemon: a name lookup the system will not cut short must not hold up the exit
        threading.Thread(target=ask, args=(index, server), daemon=True).start()
    with all_in:
        all_in.wait_for(lambda: len(verdicts) == len(servers), timeout=timeout)
        return [
            verdicts.get(index) or _silent(server, timeout) for index, server in enumerate(servers)
        ]


def _verdict(server: Server, timeout: float) -> Finding:
    """Asks `server` for its front page's headers: a line saying whether it answered."""
    parts = urlsplit(server.url)
    host, port = parts.hostname or "", parts.port
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        context = ssl.create_default_context()
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("HEAD", "/", headers={"User-Agent": "threadsmith doctor"})
        connection.getresponse().close()
    except socket.gaierror:
        return _unreached(server, f"{server.shown} is not found (its name does not resolve)")
    except ssl.SSLCertVerificationError as error:
        said = (
            f"{server.shown} answers, but its certificate is not trusted ({error.verify_message})"
        )
        return Finding(TOPIC, "fix", said, _certificate_todo())
    except TimeoutError:
        return _silent(server, timeout)
    except ConnectionRefusedError:
        return _unreached(server, f"no answer from {server.shown} (connection refused)")
    except (OSError, http.client.HTTPException) as error:
        return _unreached(server, f"no answer from {server.shown} ({_reason(error)})")
    finally:
        connection.close()
    return Finding(TOPIC, "ok", f"{server.shown} answers ({server.display})")


def _silent(server: Server, timeout: float) -> Finding:
    return _unreached(server, f"no answer from {server.shown} within {timeout:g} s")


def _unreached(server: Server, said: str) -> Finding:
    address = ADDRESS_OF.get(server.network)
    if address is None:  # X, and a network whose server is not the person's choice
        todo = f"check your internet connection, or whether {server.display} is down"
    else:
        todo = f"check your internet connection or {address}"
    return Finding(TOPIC, "fix", said, todo)


def _certificate_todo() -> str:
    return (
        "check this computer's date and time; on a public Wi-Fi, open a web page first "
        "(its sign-in page stands in for the server until then)"
    )


def _reason(error: BaseException) -> str:
    from threadsmith.errors import printable

    text = str(error).strip() or type(error).__name__
    return printable(text.splitlines()[0])
