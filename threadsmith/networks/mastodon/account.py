"""An instance's limits, logging in (app registration, out-of-band OAuth code), and
looking accounts up. No keyring and no store here: the caller keeps what it gets.

The login is the one toot uses: register threadsmith as an app on the instance
(`POST /api/v1/apps`), send the person to the authorisation page, exchange the
code they paste for a token (`POST /oauth/token`), check it with
`verify_credentials`. Handles are `user@host`, the host as given (with its port).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import mastodon

from threadsmith.errors import AuthError, InputError, ServiceError, printable
from threadsmith.networks.mastodon import client as mc
from threadsmith.networks.mastodon.instance import InstanceLimits, limits_of

SCOPES = ["read", "write:statuses", "write:media"]
OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob"
APP_NAME = "threadsmith"


def instance_limits(instance: str, timeout: float = mc.DEFAULT_TIMEOUT) -> InstanceLimits:
    """The instance's limits, from /api/v2/instance (or /api/v1/instance on servers
    before 4.0). One line for an unreachable host, a web page or a missing API."""
    base = mc.base_url(instance)
    where = mc.host(base)
    api = mc.client(base, timeout=timeout)
    try:
        info = _instance_v2(api)
        if info is None:
            info = api.instance_v1()
    except mastodon.MastodonNotFoundError:
        raise InputError(
            f"{where} has no Mastodon API (HTTP 404): is it a Mastodon server?"
        ) from None
    except mastodon.MastodonNetworkError as error:
        raise ServiceError(f"cannot reach {where} ({mc.network_reason(error)})") from None
    except mastodon.MastodonAPIError as error:
        if mc.status_of(error) is None:  # a 200 that is not JSON: a web page
            raise InputError(
                f"{where} is not a Mastodon server (it answers with a web page)"
            ) from None
        raise mc.refusal(error, where, "tell its limits") from None
    finally:
        api.session.close()
    if not isinstance(info, dict):
        raise InputError(f"{where} is not a Mastodon server (its instance API says nothing)")
    return limits_of(info)


def _instance_v2(api: Any) -> Any:
    try:
        return api.instance_v2()
    except mastodon.MastodonNotFoundError:
        return None  # before Mastodon 4.0


def register_app(instance: str, timeout: float = mc.DEFAULT_TIMEOUT) -> tuple[str, str]:
    """(client_id, client_secret) of threadsmith, registered on the instance."""
    base = mc.base_url(instance)
    where = mc.host(base)
    try:
        registered = mastodon.Mastodon.create_app(
            APP_NAME,
            scopes=SCOPES,
            redirect_uris=OUT_OF_BAND,
            api_base_url=base,
            request_timeout=timeout,
            user_agent=mc.USER_AGENT,
            session=mc.session(),
        )
    except mastodon.MastodonNetworkError as error:
        raise ServiceError(f"cannot register threadsmith on {where} "
                           f"({mc.network_reason(error)})") from None  # fmt: skip
    except (KeyError, TypeError):  # an error body instead of the credentials
        raise ServiceError(f"{where} refused to register threadsmith as an app") from None
    return str(registered[0]), str(registered[1])


def authorize_url(
    instance: str, client_id: str, client_secret: str, timeout: float = mc.DEFAULT_TIMEOUT
) -> str:
    """The page where the person approves threadsmith and gets a code to paste."""
    base = mc.base_url(instance)
    api = mc.client(base, client_id=client_id, client_secret=client_secret, timeout=timeout)
    try:
        url = mc.call(
            api,
            lambda: api.auth_request_url(
                redirect_uris=OUT_OF_BAND, scopes=SCOPES, allow_http=mc.allow_http(base)
            ),
            "find its authorisation page",
        )
    finally:
        api.session.close()
    return _without_unset(str(url))


def _without_unset(url: str) -> str:
    """`url` without the parameters Mastodon.py writes out unset (`force_login=False`,
    `state=None`, `lang=None`): noise in an address the person may have to copy."""
    parts = urlsplit(url)
    unset = {"force_login": "False", "state": "None", "lang": "None"}
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if unset.get(k) != v]  # fmt: skip
    return urlunsplit(parts._replace(query=urlencode(kept)))


def token_from_code(
    instance: str,
    client_id: str,
    client_secret: str,
    code: str,
    timeout: float = mc.DEFAULT_TIMEOUT,
) -> str:
    """The access token for the code the person pasted (one line if refused)."""
    base = mc.base_url(instance)
    where = mc.host(base)
    # a version given up front spares log_in its own look at the instance
    api = mastodon.Mastodon(
        client_id=client_id, client_secret=client_secret, api_base_url=base,
        ratelimit_method="throw", request_timeout=timeout, user_agent=mc.USER_AGENT,
        mastodon_version="4.0.0", version_check_mode="none", session=mc.session(),
    )  # fmt: skip
    try:
        token = api.log_in(
            code=code.strip(), redirect_uri=OUT_OF_BAND, scopes=SCOPES,
            allow_http=mc.allow_http(base),
        )  # fmt: skip
    except mastodon.MastodonIllegalArgumentError as error:
        cause = error.__context__
        if isinstance(cause, mastodon.MastodonNetworkError):
            raise ServiceError(f"cannot reach {where} ({mc.network_reason(cause)})") from None
        words = mc.server_words(cause) if isinstance(cause, mastodon.MastodonAPIError) else ""
        raise AuthError(
            f"{where} did not accept the code ({words or 'refused'}): copy it again from "
            "the authorisation page"
        ) from None
    except mastodon.MastodonAPIError:  # granted fewer scopes than asked for
        raise AuthError(f"{where} did not grant threadsmith what it asked for "
                        f"({' '.join(SCOPES)})") from None  # fmt: skip
    finally:
        api.session.close()
    return str(token)


def verify(instance: str, token: str, timeout: float = mc.DEFAULT_TIMEOUT) -> str:
    """The username the token belongs to (AuthError, in one line, when refused)."""
    base = mc.base_url(instance)
    api = mc.client(base, token, timeout=timeout)
    try:
        me = mc.call(api, api.account_verify_credentials, "check the access token")
    finally:
        api.session.close()
    return printable(str(me["username"]))  # shown as the account's name: the server's words


def handle(instance: str, username: str) -> str:
    """The account's handle, `user@host` (the host as given, with its port)."""
    return f"{username}@{mc.host(mc.base_url(instance))}"


def account_lookup(
    instance: str, token: str, timeout: float = mc.DEFAULT_TIMEOUT
) -> Callable[[str], bool]:
    """A function telling whether `user@domain` (or a local `user`) names an account,
    for checking @mentions: the instance resolves it (`/api/v2/search?resolve=true`).

    Search also returns near misses, so only an account whose acct is the one
    asked for counts; the instance's own accounts have no domain in theirs."""
    base = mc.base_url(instance)
    own = mc.host(base).lower()
    api = mc.client(base, token, timeout=timeout)

    def exists(name: str) -> bool:
        wanted = _local(name.lstrip("@").lower(), own)
        found = mc.call(
            api,
            lambda: api.search_v2("@" + name.lstrip("@"), resolve=True, result_type="accounts"),
            f"look up @{name.lstrip('@')}",
        )
        return any(_local(str(a.get("acct", "")).lower(), own) == wanted for a in found["accounts"])

    return exists


def _local(acct: str, own_host: str) -> str:
    user, _, domain = acct.partition("@")
    return user if domain in ("", own_host) else acct
