"""The one error hierarchy of threadsmith.

Every error carries a message a person can act on; the CLI prints it on one
line and exits non-zero, the UI shows it in a notification or a modal.

    ThreadsmithError
    ├── InputError          the essay or an option is unusable (exit 2)
    │   └── SplitError      the text cannot be made into posts as asked
    ├── CredentialsError    no keyring backend, no such account, bad secrets
    ├── StoreError          the database cannot be opened, is damaged or is locked
    │   └── RunBusy             another threadsmith is publishing this run
    └── PublishError        a service refused or failed a request
        ├── AuthError           401/403: wrong or insufficient credentials
        ├── ByHand              the API refused what a person may still do by hand
        ├── Refused             another 4xx: retrying the same request cannot help
        ├── RateLimited         429: carries the reset time
        ├── AmbiguousResult     a request may or may not have been applied
        ├── ServiceError        5xx, network drops, timeouts: worth retrying
        ├── Duplicate           these posts went out (or are going out) from another run
        └── Cancelled           the user stopped the run (it can be resumed)

Messages never contain secrets, and never a control character: a server's words
(an error text, a handle) reach a terminal, so every message is made `printable`
here, once, whoever raises it (an ESC]52 sequence in a refusal would otherwise
write the person's clipboard).
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the marks that reorder text as it is shown (bidi)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with each control character written as an escape (ESC as `\\x1b`), so
    that text from a server can be shown on a terminal, in the app or in a log."""
    return _CONTROLS.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class ThreadsmithError(Exception):
    """Base of every error threadsmith raises on purpose."""

    exit_code = 1

    def __init__(self, *args: object) -> None:
        super().__init__(*(printable(arg) if isinstance(arg, str) else arg for arg in args))


class InputError(ThreadsmithError):
    """The input (a file, an option, front matter) cannot be used."""

    exit_code = 2


class SplitError(InputError):
    """The text cannot be split as asked (e.g. the extras leave no room)."""


class CredentialsError(ThreadsmithError):
    """Credentials are missing, wrong, or there is no keyring to keep them in."""

    exit_code = 2


class NoKeyring(CredentialsError):
    """There is no usable system keyring to keep credentials in."""


class StoreError(ThreadsmithError):
    """The local database cannot be used."""


class RunBusy(StoreError):
    """A publish run is claimed by a process that is still running."""

    def __init__(self, message: str, pid: int, host: str) -> None:
        super().__init__(message)
        self.pid = pid
        self.host = host


class PublishError(ThreadsmithError):
    """Publishing failed; the journal says exactly how far it got."""


class AuthError(PublishError):
    """The service refused the credentials or the action (HTTP 401/403)."""


class ByHand(PublishError):
    """The network's API refused what a person may still do on the network's own site
    (X: a reply its API may not make, a plan that cannot post, no credits left): the
    rest of the thread can be published by hand, helped (`thread publish --assist`)."""


class Refused(PublishError):
    """The service refused the request for a reason a retry will not change (a 4xx
    other than 401, 403, 408 and 429): the same request is never sent again."""


class RateLimited(PublishError):
    """The service asked us to wait (HTTP 429) until `reset_at` (epoch seconds)."""

    def __init__(self, message: str, reset_at: float | None = None) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class AmbiguousResult(PublishError):
    """A request failed in a way that leaves unknown whether it took effect."""


class ServiceError(PublishError):
    """A server error, a dropped connection or an unexpected answer."""


class Duplicate(PublishError):
    """Sending would publish a thread twice: the same posts, from the same account, went
    out (or are going out, or wait for their time) in another run. Nothing was sent."""


class Cancelled(PublishError):
    """The user stopped publishing; the journal allows resuming."""

    exit_code = 130
