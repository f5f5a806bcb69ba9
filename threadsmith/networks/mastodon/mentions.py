"""How Mastodon reads the @mentions of a post, offline: `@user@server` is someone on any
server, a bare `@user` someone on the author's own instance."""

from __future__ import annotations

from threadsmith.network import Mention
from threadsmith.threading.mastodon_count import mention_accts


def mentions(text: str) -> tuple[Mention, ...]:
    found = []
    for acct in mention_accts(text):
        user, _, domain = acct.partition("@")
        if not domain and "." in user:
            problem = (
                f"@{acct} looks like a Bluesky handle: on Mastodon it reaches no one; "
                "write the person's Mastodon address (@name@their.server)"
            )
            found.append(Mention(acct, problem))
        elif not domain:
            problem = (
                f"@{acct} on Mastodon links whoever is called {user} on your own instance, "
                "if anyone: to reach someone elsewhere, write @name@their.server"
            )
            found.append(Mention(acct, problem))
        else:
            found.append(Mention(acct))
    return tuple(found)
