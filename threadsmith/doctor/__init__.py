"""`thread doctor` and the app's "Check this computer": what works on this computer and
what does not, each finding with what to do about it.

Nothing here sends a post or prints a secret: a server is checked by asking it for its
front page's headers, a login by asking the network who the account is, and only the
network's verdict is shown. Every check catches its own failures, so one broken part
(a damaged database, no keyring) is one finding, never a traceback, and the others are
still made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict

from threadsmith.doctor.finding import Finding, State

__all__ = ["Check", "Finding", "State", "all_well", "as_json", "examine"]

Check = Callable[[], list[Finding]]


def default_checks() -> list[Check]:
    from threadsmith.doctor import checks, logins, machine, reachable

    return [checks.versions, checks.keyring, reachable.servers, logins.accounts, machine.timer,
            machine.database, checks.sleeping]  # fmt: skip


def examine(check_list: Sequence[Check] | None = None) -> list[Finding]:
    """Every check's findings, in order; a check that fails unexpectedly is a finding."""
    found: list[Finding] = []
    for check in default_checks() if check_list is None else check_list:
        try:
            found.extend(check())
        except Exception as error:  # noqa: BLE001 - a broken check is a line, not a traceback
            name = getattr(check, "__name__", "check")
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            found.append(
                Finding(name, "fix", f"could not be checked ({reason})",
                        "report this at the project's issue tracker with this line")
            )  # fmt: skip
    return found


def all_well(found: Sequence[Finding]) -> bool:
    return all(finding.state != "fix" for finding in found)


def as_json(found: Sequence[Finding]) -> dict[str, object]:
    return {"ok": all_well(found), "checks": [asdict(finding) for finding in found]}
