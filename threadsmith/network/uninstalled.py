"""A placeholder for the network of an account kept in the store that is not installed
any more (its package removed, or written by a newer threadsmith)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.network.base import Network

if TYPE_CHECKING:
    from threadsmith.network import core
    from threadsmith.threading.models import PostRules


class Uninstalled(Network):
    """The network of an account kept in the store that is not installed any more: the
    account is listed under its name, and anything asked of it says what to install."""

    handle_example = "name"
    no_account = "@{handle} is not known"
    login_fields = ()
    secret_names = ()

    def __init__(self, name: str) -> None:
        self.name = name  # type: ignore[misc]  # a ClassVar elsewhere: here, per instance
        self.display_name = f"{name} (not installed)"  # type: ignore[misc]

    def _missing(self) -> InputError:
        return InputError(
            f"the network {self.name!r} is not installed any more: install its package "
            "again to use this account"
        )

    def post_rules(
        self, account: core.Account | None, limit: int | None, options: core.Options
    ) -> PostRules:
        raise self._missing()

    def image_rules(self, account: core.Account | None) -> core.ImageRules:
        raise self._missing()

    def mentions(self, text: str) -> tuple[core.Mention, ...]:
        return ()

    def login(self, prompt: core.Prompt) -> core.LoggedIn:
        raise self._missing()

    def open_publisher(
        self,
        account: core.Account,
        secrets: core.Secrets,
        save: core.SaveSecrets,
        options: core.Options,
    ) -> core.Publisher:
        raise self._missing()

    def mention_lookup(
        self, account: core.Account, secrets: Callable[[], core.Secrets]
    ) -> Callable[[str], bool]:
        raise self._missing()

    def check_login(self, account: core.Account, secrets: core.Secrets) -> str | None:
        raise self._missing()
