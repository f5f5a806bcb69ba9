"""X through tweepy's v2 Client (OAuth 1.0a user context).

X has no idempotency key, so a request that may or may not have created a post
(a timeout, a 5xx, a dropped connection) is followed by a look at the account's
recent posts before anything is resent; if that look fails too, the run stops
and says so rather than risk a duplicate. Images go through the v2 media
endpoints (tweepy 4.17 only wraps the deprecated v1.1 upload), signed with the
same OAuth 1.0a credentials tweepy uses. Every request has a timeout: a stalled
connection is a clear line, never a hang.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import requests
import requests.adapters
import tweepy

from threadsmith.errors import (
    AmbiguousResult,
    AuthError,
    ByHand,
    InputError,
    RateLimited,
    Refused,
    ServiceError,
    printable,
)
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import ImageRules
from threadsmith.networks import images
from threadsmith.networks.x.links import parse_status, status_url
from threadsmith.threading.models import Media

API = "https://api.x.com"
TIMEOUT = (10.0, 60.0)  # seconds to connect, and to wait for each answer
_LINK = re.compile(r"https?://\S+")
# `--replies` as X's `reply_settings`, set on each post; everyone is X's default (sent as
# nothing). X offers no way to limit replies to your followers, nor to nobody.
REPLY_SETTINGS = {"following": "following", "mentioned": "mentionedUsers"}


def verify(api_key: str, api_secret: str, access_token: str, access_secret: str) -> str:
    """The username the credentials belong to (raises AuthError when X refuses them)."""
    client = _client(api_key, api_secret, access_token, access_secret)
    me = _call(lambda: client.get_me(user_auth=True), "check the credentials")
    return printable(str(me.data.username))  # shown as the account's name: X's words


def user_lookup(
    api_key: str, api_secret: str, access_token: str, access_secret: str
) -> Callable[[str], bool]:
    """A function telling whether a username names an X account (for checking @mentions).

    X answers a lookup of nobody with 200 and a "resource-not-found" error, not a 404."""
    client = _client(api_key, api_secret, access_token, access_secret)

    def exists(username: str) -> bool:
        response = _call(
            lambda: client.get_user(username=username, user_auth=True), f"look up @{username}"
        )
        return response.data is not None

    return exists


class XPublisher:
    """One X account; implements `threadsmith.network.Publisher`."""

    def __init__(
        self,
        handle: str,
        api_key: str,
        api_secret: str,
        access_token: str,
        access_secret: str,
        images: ImageRules,
        replies: str = "everyone",
    ) -> None:
        self.handle = handle
        self._image_rules = images
        self._reply_settings = REPLY_SETTINGS.get(replies)
        self.warnings: list[str] = []
        self._client = _client(api_key, api_secret, access_token, access_secret)
        self._user_id: str | None = None

    def new_key(self) -> None:
        return None  # X has no client-chosen key: ambiguity is settled by looking

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        media_ids = self._upload(post.media, post.number) or None
        response = _call(
            lambda: self._client.create_tweet(
                text=post.text,
                in_reply_to_tweet_id=parent.id if parent else None,
                media_ids=media_ids,
                reply_settings=self._reply_settings,
                user_auth=True,
            ),
            f"publish post {post.number}",
            ambiguous=True,
        )
        return self._ref(str(response.data["id"]))

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        """Look through the account's recent posts for this one (same text, same parent).

        X rewrites links to t.co and escapes &, < and > in what it returns, so
        texts are compared with links blanked and entities unescaped."""
        try:
            response = self._client.get_users_tweets(
                self._me(),
                since_id=parent.id if parent else None,
                max_results=100,
                tweet_fields=["referenced_tweets", "conversation_id"],
                user_auth=True,
            )
        except (tweepy.TweepyException, requests.RequestException, ServiceError, AuthError):
            raise AmbiguousResult(
                f"could not tell whether post {post.number} reached X (its timeline could not "
                f"be read); nothing was resent: check https://x.com/{self.handle} and run the "
                "same command again to resume"
            ) from None
        wanted = _comparable(post.text)
        for tweet in response.data or []:
            replied = [r.id for r in tweet.referenced_tweets or [] if r.type == "replied_to"]
            same_parent = (str(replied[0]) if replied else None) == (parent.id if parent else None)
            if same_parent and _comparable(tweet.text) == wanted:
                return self._ref(str(tweet.id))
        return None

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        link = parse_status(url)
        if link is None:
            raise InputError(f"not an X post link: {url!r}")
        author, tweet_id = link.user or "i", link.id
        response = _call(
            lambda: self._client.get_tweet(
                tweet_id, tweet_fields=["conversation_id"], user_auth=True
            ),
            "find the post to reply to",
        )
        root_id = str(response.data.conversation_id or tweet_id)
        parent = PostRef(tweet_id, status_url(author, tweet_id))
        return PostRef(root_id, status_url(author, root_id)), parent

    def close(self) -> None:
        self._client.session.close()

    def _me(self) -> str:
        if self._user_id is None:
            me = _call(lambda: self._client.get_me(user_auth=True), "read your account")
            self._user_id = str(me.data.id)
        return self._user_id

    def _ref(self, tweet_id: str) -> PostRef:
        return PostRef(tweet_id, status_url(self.handle, tweet_id))

    def _upload(self, media: tuple[Media, ...], number: int) -> list[str]:
        images.check_count(len(media), self._image_rules, "X", number)
        ids = []
        for item in media:
            _, data = images.read(item.path, self._image_rules, "X")
            uploaded = self._media_request(
                "/2/media/upload",
                files={"media": (item.path.rsplit("/", 1)[-1], data)},
                data={"media_category": "tweet_image"},
            )
            media_id = str(uploaded["data"]["id"])
            if item.alt:
                alt = {"id": media_id, "metadata": {"alt_text": {"text": item.alt}}}
                self._media_request("/2/media/metadata", json=alt)
            ids.append(media_id)
        return ids

    def _media_request(self, route: str, **body: Any) -> dict[str, Any]:
        client = self._client
        auth = tweepy.OAuth1UserHandler(
            client.consumer_key, client.consumer_secret, client.access_token,
            client.access_token_secret,
        ).apply_auth()  # fmt: skip
        try:
            response = client.session.post(API + route, auth=auth, **body)
        except requests.RequestException as exc:
            raise ServiceError(_unreachable(exc, "upload an image")) from None
        if response.status_code == 429:
            raise RateLimited("X asked us to slow down", _reset(response.headers))
        if (by_hand := _by_hand(response)) is not None:
            raise ByHand(f"X refused the image upload: {_detail(response)} ({by_hand})")
        if response.status_code in (401, 403):
            raise AuthError(f"X refused the image upload: {_detail(response)}")
        if 400 <= response.status_code < 500:
            raise Refused(f"X refused the image: {_detail(response)}")
        if not response.ok:
            raise ServiceError(f"X could not take the image: {_detail(response)}")
        result: dict[str, Any] = response.json() if response.content else {}
        return result


def _client(api_key: str, api_secret: str, access_token: str, access_secret: str) -> Any:
    client = tweepy.Client(
        consumer_key=api_key,
        consumer_secret=api_secret,
        access_token=access_token,
        access_token_secret=access_secret,
    )
    adapter = _TimeoutAdapter()  # tweepy sets no timeout of its own
    client.session.mount("https://", adapter)
    client.session.mount("http://", adapter)
    return client


class _TimeoutAdapter(requests.adapters.HTTPAdapter):
    """Every request through it has `TIMEOUT`, unless it asks for its own."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = TIMEOUT
        return super().send(request, **kwargs)


def _unreachable(exc: requests.RequestException, what: str) -> str:
    if isinstance(exc, requests.Timeout):
        return f"X did not answer within {TIMEOUT[1]:.0f} s while trying to {what}"
    return f"the connection to X failed while trying to {what} ({type(exc).__name__})"


def _comparable(text: str) -> str:
    return " ".join(_LINK.sub("<link>", html.unescape(text)).split())


def _reset(headers: Any) -> float | None:
    value = headers.get("x-rate-limit-reset") if headers is not None else None
    return float(value) if value and str(value).isdigit() else None


def _detail(response: requests.Response) -> str:
    """X's own words (problem JSON `detail`, or its v1-style messages), verbatim."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code} {response.reason}"
    if isinstance(body, dict):
        if body.get("detail"):
            return str(body["detail"])
        messages = [e.get("message") for e in body.get("errors", []) if isinstance(e, dict)]
        if any(messages):
            return "; ".join(m for m in messages if m)
        if body.get("title"):
            return str(body["title"])
    return f"HTTP {response.status_code}"


def _by_hand(response: requests.Response) -> str | None:
    """Why a person could still do on x.com what the API refused, or None. X's words
    (its problem JSON): the reply restriction of February 2026 (every paid plan but
    Enterprise), an app whose plan has no access to the endpoint (403
    `client-not-enrolled`), and 402 for a pay-per-use balance spent (`CreditsDepleted`)
    or capped (`UsageCapped`, `SpendCapReached`)."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    detail = str(body.get("detail", "")).lower()
    if response.status_code == 402:
        return "your X API account has no credits left for posting"
    if response.status_code == 403 and "only reply to or quote posts" in detail:
        return "X's API may not make this reply, but you may, on X itself"
    if response.status_code == 403 and (
        body.get("reason") == "client-not-enrolled"
        or str(body.get("type", "")).endswith("/client-forbidden")
    ):
        return "your X API plan does not allow posting"
    return None


def _call(action: Any, what: str, ambiguous: bool = False) -> Any:
    """One tweepy call, its errors turned into threadsmith's (never with a secret)."""
    try:
        return action()
    except tweepy.TooManyRequests as exc:
        raise RateLimited(
            f"X asked us to slow down ({what})", _reset(exc.response.headers)
        ) from None
    except (tweepy.Unauthorized, tweepy.Forbidden) as exc:
        detail = _detail(exc.response)
        if ambiguous and "duplicate content" in detail:
            # X refuses a second identical post: the first may be ours, sent already
            raise AmbiguousResult(f"X says post is a duplicate: {detail}") from None
        if (by_hand := _by_hand(exc.response)) is not None:
            raise ByHand(f"X refused to {what}: {detail} ({by_hand})") from None
        raise AuthError(f"X refused to {what}: {detail}") from None
    except tweepy.TwitterServerError as exc:
        message = f"X failed to {what}: {_detail(exc.response)}"
        raise (AmbiguousResult if ambiguous else ServiceError)(message) from None
    except tweepy.HTTPException as exc:  # another 4xx: the same request will fail the same way
        if (by_hand := _by_hand(exc.response)) is not None:
            raise ByHand(f"X refused to {what}: {_detail(exc.response)} ({by_hand})") from None
        raise Refused(f"X refused to {what}: {_detail(exc.response)}") from None
    except requests.RequestException as exc:
        message = _unreachable(exc, what)
        raise (AmbiguousResult if ambiguous else ServiceError)(message) from None
