"""The accounts index (network, handle, server; never a secret) and the app's preferences."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping

from threadsmith.errors import InputError
from threadsmith.network import Account, Network, Uninstalled, network_named, networks
from threadsmith.store.database import Database


class Accounts(Database):
    def add_account(
        self,
        network: Network,
        handle: str,
        service: str = "",
        settings: Mapping[str, object] | None = None,
    ) -> Account:
        with self._write() as db:
            db.execute(
                "INSERT INTO accounts (platform, handle, service, added, settings) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, handle) DO UPDATE SET "
                "service = excluded.service, settings = excluded.settings",
                (network.name, handle, service, time.time(), json.dumps(dict(settings or {}))),
            )
        return Account(network, handle, service, dict(settings or {}))

    def update_account_settings(self, account: Account, settings: Mapping[str, object]) -> Account:
        """Keep what was learnt from the account's server (refreshed before a publish)."""
        with self._write() as db:
            db.execute(
                "UPDATE accounts SET settings = ? WHERE platform = ? AND handle = ?",
                (json.dumps(dict(settings)), account.network.name, account.handle),
            )
        return Account(account.network, account.handle, account.service, dict(settings))

    def remove_account(self, network: Network, handle: str) -> bool:
        with self._write() as db:
            cursor = db.execute(
                "DELETE FROM accounts WHERE platform = ? AND handle = ?", (network.name, handle)
            )
        return cursor.rowcount > 0

    def accounts(self, network: Network | None = None) -> list[Account]:
        """The accounts, network by network (in the order they are registered), each
        network's in the order they were added."""
        name = network.name if network is not None else None
        rows = self._rows(
            "SELECT platform, handle, service, settings FROM accounts "
            "WHERE ? IS NULL OR platform = ? ORDER BY added, handle",
            (name, name),
        )
        found = [
            Account(
                network_of(row["platform"]), row["handle"], row["service"],
                json.loads(row["settings"] or "{}"),
            )
            for row in rows
        ]  # fmt: skip
        order = {network.name: index for index, network in enumerate(networks())}
        # the networks' order, then those no longer installed
        return sorted(found, key=lambda account: order.get(account.network.name, len(order)))

    # --- preferences --------------------------------------------------------------

    def preference(self, name: str) -> str | None:
        row = self._row("SELECT value FROM preferences WHERE name = ?", (name,))
        return None if row is None else str(row["value"])

    def set_preference(self, name: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO preferences (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def delete_preference(self, name: str) -> bool:
        with self._write() as db:
            cursor = db.execute("DELETE FROM preferences WHERE name = ?", (name,))
        return cursor.rowcount > 0


def network_of(name: str) -> Network:
    """The network a row names; one no longer installed (its package removed, or a
    newer threadsmith's) is listed under its name and says so when used."""
    try:
        return network_named(name)
    except InputError:
        return Uninstalled(name)
