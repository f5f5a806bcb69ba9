"""Each account's login, checked by asking its network who the account is (nothing is
sent): a refused login, a login missing from the keyring, a server that cannot be
reached, each a finding that says what to do."""

from __future__ import annotations

from threadsmith.doctor.finding import Finding
from threadsmith.errors import AuthError, NoKeyring, ServiceError, ThreadsmithError
from threadsmith.network import Account


def accounts() -> list[Finding]:
    from threadsmith.paths import database_path

    if not database_path().exists():
        return [Finding("accounts", "note", "none yet", "log in with `thread login NETWORK`")]
    from threadsmith.store import open_store

    try:
        store = open_store()
    except ThreadsmithError:
        return [Finding("accounts", "fix", "cannot be read", "see the database line")]
    try:
        known = store.accounts()
    except ThreadsmithError:
        return [Finding("accounts", "fix", "cannot be read", "see the database line")]
    finally:
        store.close()
    if not known:
        return [Finding("accounts", "note", "none yet", "log in with `thread login NETWORK`")]
    from threadsmith.doctor.checks import keyring_locked

    if keyring_locked():  # reading a login would ask for the keyring's password
        locked = "not checked: the keyring is locked"
        return [Finding(a.name, "fix", locked, "see the keyring line") for a in known]
    return [check_login(account) for account in known]


def check_login(account: Account) -> Finding:
    """One account's login, as its network answers now."""
    from threadsmith import accounts

    topic = account.name
    again = f"run `{account.network.login_command(account.handle)}` again"
    try:
        secrets = accounts.secrets_of(account)  # renewed where due (a Threads token)
    except NoKeyring:
        return Finding(topic, "fix", "not checked: no usable keyring", "see the keyring line")
    except ThreadsmithError as error:
        return Finding(topic, "fix", f"its login cannot be read ({error})", again)
    try:
        expires = account.network.check_login(account, secrets)
    except AuthError as error:
        return Finding(topic, "fix", f"the network refused its login ({error})", again)
    except ServiceError as error:
        return Finding(
            topic, "fix", f"the network could not be reached ({error})",
            "check this computer's connection, or the server's status, and try again",
        )  # fmt: skip
    except ThreadsmithError as error:
        return Finding(topic, "fix", str(error), again)
    lasts = f"it expires {expires}" if expires else "the login does not expire (until revoked)"
    return Finding(topic, "ok", f"logged in, {lasts}")
