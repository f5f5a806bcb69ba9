"""A stateful fake of the X API v2 on `responses`: tweepy's own code runs end to end.

Answers as X does: 201 {"data": {"id", "text", "edit_history_tweet_ids"}} for a
new post, 429 with x-rate-limit-* headers, problem JSON for 401/403, 503 for
server errors. Requests must carry an OAuth 1.0a signature with the expected
consumer key. `script` scripts what each create-post request does.

Post look-ups by id (`GET /2/tweets?ids=…`, at most 100) answer with each post's
`public_metrics`: its replies counted from the fake's own posts (the thread's next
post included, as X counts it) plus what a test sets in `engagement`; a post in
`deleted` comes back in `errors`, as X answers for one it no longer has.
`lookup_script` scripts refusals ("401", "429") of the next look-ups.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import responses

API = "https://api.twitter.com"
MEDIA = "https://api.x.com"
# the four keys `thread login x` asks for, as the fake knows them (the consumer key first)
SECRETS = ("consumer-key-TEST", "consumer-SECRET-abc", "access-TOKEN-123", "access-SECRET-xyz")
# what the keyring keeps for such an account
KEPT = dict(zip(("api_key", "api_secret", "access_token", "access_secret"), SECRETS, strict=True))
PROBLEM = "https://api.twitter.com/2/problems/"
REPLY_SETTINGS = ("following", "mentionedUsers", "subscribers", "verified")  # as X's API takes

# Refusals of a new post that a person could get around by hand, as X words them
# (problem JSON). The reply restriction of February 2026: a reply to a post that
# neither is yours nor mentions you. 402: a pay-per-use balance spent. 403: an app
# whose plan has no access to the endpoint.
REFUSALS: dict[str, tuple[int, dict[str, Any]]] = {
    "403-restricted": (
        403,
        {
            "detail": "You can only reply to or quote posts where you are mentioned or are "
            "the author.",
            "title": "Authorization Error",
        },
    ),
    "402-credits": (
        402,
        {
            "account_id": 1500000000000000001,
            "title": "CreditsDepleted",
            "detail": "Your enrolled account [1500000000000000001] does not have any credits "
            "to fulfill this request.",
            "type": "https://api.twitter.com/2/problems/credits",
        },
    ),
    "403-plan": (
        403,
        {
            "title": "Client Forbidden",
            "detail": "When authenticating requests to the Twitter API v2 endpoints, you must "
            "use keys and tokens from a Twitter developer App that is attached to a Project. "
            "You can create a project via the developer portal.",
            "reason": "client-not-enrolled",
            "type": f"{PROBLEM}client-forbidden",
        },
    ),
}


@dataclass
class FakeX:
    consumer_key: str = "consumer-key-TEST"
    user_id: str = "1500000000000000001"
    username: str = "campaigner"
    script: deque[str] = field(default_factory=deque)  # per create: see `_create`
    timeline_fails: bool = False
    other_users: dict[str, str] = field(default_factory=dict)  # username -> id, for lookups
    lookups_forbidden: bool = False  # the Free tier: no user lookups
    looked_up: list[str] = field(default_factory=list)
    tweets: list[dict[str, Any]] = field(default_factory=list)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    seen_authorization: list[str] = field(default_factory=list)
    reset_at: int = 2_000_000_000
    engagement: dict[str, dict[str, int]] = field(default_factory=dict)  # id -> counts to add
    deleted: set[str] = field(default_factory=set)
    lookups: list[list[str]] = field(default_factory=list)  # the ids of each look-up asked
    lookup_script: deque[str] = field(default_factory=deque)
    _next_id: int = 1860000000000000000

    def install(self, mock: responses.RequestsMock) -> None:
        mock.add_callback("POST", f"{API}/2/tweets", self._create)
        mock.add_callback("GET", f"{API}/2/users/me", self._me)
        mock.add_callback("GET", re.compile(rf"{API}/2/users/by/username/\w+.*"), self._by_name)
        mock.add_callback("GET", re.compile(rf"{API}/2/users/\d+/tweets.*"), self._timeline)
        mock.add_callback("GET", re.compile(rf"{API}/2/tweets/\d+.*"), self._get)
        mock.add_callback("GET", re.compile(rf"{API}/2/tweets\?.*"), self._lookup)
        mock.add_callback("POST", f"{MEDIA}/2/media/upload", self._upload)
        mock.add_callback("POST", f"{MEDIA}/2/media/metadata", self._metadata)

    # --- endpoints ------------------------------------------------------------------

    def _create(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        outcome = self.script.popleft() if self.script else "ok"
        body = json.loads(request.body or b"{}")
        if outcome == "429":
            headers = {
                "x-rate-limit-limit": "200",
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(self.reset_at),
            }
            return 429, headers, _problem(429, "Too Many Requests", "Too Many Requests")
        if outcome == "401":
            return 401, {}, _problem(401, "Unauthorized", "Unauthorized")
        if outcome == "403-reply":
            detail = "You attempted to reply to a Tweet that is deleted or not visible to you."
            return 403, {}, _problem(403, "Forbidden", detail)
        if outcome in REFUSALS:
            status, problem = REFUSALS[outcome]
            return status, {"content-type": "application/problem+json"}, json.dumps(problem)
        if outcome == "drop-before-write":
            raise requests.ConnectionError("Connection aborted.")
        text = body["text"]
        if body.get("reply_settings", "following") not in REPLY_SETTINGS:
            detail = f"$.reply_settings: does not have a value in the enumeration {REPLY_SETTINGS}"
            return 400, {}, _problem(400, "Invalid Request", detail)
        if any(t["text"] == text for t in self.tweets):
            detail = "You are not allowed to create a Tweet with duplicate content."
            return 403, {}, _problem(403, "Forbidden", detail)
        tweet = self._store(body)
        if outcome == "503-after-write":
            return 503, {}, _problem(503, "Service Unavailable", "Service Unavailable")
        if outcome == "drop-after-write":
            raise requests.ConnectionError("Connection aborted.")
        data = {"id": tweet["id"], "text": text, "edit_history_tweet_ids": [tweet["id"]]}
        return 201, {"content-type": "application/json"}, json.dumps({"data": data})

    def _me(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        data = {"id": self.user_id, "name": "A Campaigner", "username": self.username}
        return 200, {}, json.dumps({"data": data})

    def _by_name(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        if self.lookups_forbidden:
            problem = {
                "title": "Client Forbidden",
                "detail": "When authenticating requests to the Twitter API v2 endpoints, you "
                "must use keys and tokens from a Twitter developer App that is attached to a "
                "Project. You can create a project via the developer portal.",
                "reason": "client-not-enrolled",
                "type": f"{PROBLEM}client-forbidden",
            }
            return 403, {}, json.dumps(problem)
        name = re.search(r"/by/username/(\w+)", request.url or "").group(1)  # type: ignore[union-attr]
        self.looked_up.append(name)
        users = {self.username: self.user_id, **self.other_users}
        for username, user_id in users.items():
            if username.lower() == name.lower():
                data = {"id": user_id, "name": username.title(), "username": username}
                return 200, {}, json.dumps({"data": data})
        error = {
            "value": name,
            "detail": f"Could not find user with username: [{name}].",
            "title": "Not Found Error",
            "resource_type": "user",
            "parameter": "username",
            "resource_id": name,
            "type": f"{PROBLEM}resource-not-found",
        }
        return 200, {}, json.dumps({"errors": [error]})

    def _timeline(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        if self.timeline_fails:
            return 503, {}, _problem(503, "Service Unavailable", "Service Unavailable")
        since = _query(request).get("since_id")
        newest_first = [t for t in reversed(self.tweets) if not since or int(t["id"]) > int(since)]
        data = [_tweet_json(t) for t in newest_first[:100]]
        meta = {"result_count": len(data)}
        return 200, {}, json.dumps({"data": data, "meta": meta} if data else {"meta": meta})

    def _get(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        tweet_id = re.search(r"/2/tweets/(\d+)", request.url or "").group(1)  # type: ignore[union-attr]
        for tweet in self.tweets:
            if tweet["id"] == tweet_id:
                return 200, {}, json.dumps({"data": _tweet_json(tweet)})
        detail = f"Could not find tweet with id: [{tweet_id}]."
        errors = [{"value": tweet_id, "detail": detail, "title": "Not Found Error"}]
        return 200, {}, json.dumps({"errors": errors})

    def _lookup(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        query = _query(request)
        ids = query.get("ids", "").split(",")
        self.lookups.append(ids)
        outcome = self.lookup_script.popleft() if self.lookup_script else "ok"
        if outcome == "401":
            return 401, {}, _problem(401, "Unauthorized", "Unauthorized")
        if outcome == "429":
            headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(self.reset_at)}
            return 429, headers, _problem(429, "Too Many Requests", "Too Many Requests")
        if not 1 <= len(ids) <= 100:
            message = (
                f"The number of values in the `ids` query parameter list [{len(ids)}] is not "
                "between 1 and 100"
            )
            problem = {
                "errors": [{"parameters": {"ids": ids}, "message": message}],
                "title": "Invalid Request",
                "detail": "One or more parameters to your request was invalid.",
                "type": f"{PROBLEM}invalid-request",
            }
            return 400, {}, json.dumps(problem)
        fields = query.get("tweet.fields", "").split(",")
        data, errors = [], []
        for tweet_id in ids:
            tweet = next((t for t in self.tweets if t["id"] == tweet_id), None)
            if tweet is None or tweet_id in self.deleted:
                errors.append(
                    {
                        "value": tweet_id,
                        "detail": f"Could not find tweet with ids: [{tweet_id}].",
                        "title": "Not Found Error",
                        "resource_type": "tweet",
                        "parameter": "ids",
                        "resource_id": tweet_id,
                        "type": f"{PROBLEM}resource-not-found",
                    }
                )
                continue
            found = _tweet_json(tweet)
            if "public_metrics" in fields:
                found["public_metrics"] = self._public_metrics(tweet_id)
            data.append(found)
        body: dict[str, Any] = {"data": data} if data else {}
        if errors:
            body["errors"] = errors
        return 200, {}, json.dumps(body)

    def _public_metrics(self, tweet_id: str) -> dict[str, int]:
        extra = self.engagement.get(tweet_id, {})
        replies = sum(
            1 for t in self.tweets if t["in_reply_to"] == tweet_id and t["id"] not in self.deleted
        )
        counts = {
            "retweet_count": 0, "reply_count": replies, "like_count": 0, "quote_count": 0,
            "bookmark_count": 0, "impression_count": 0,
        }  # fmt: skip
        for name, value in extra.items():
            counts[name] += value
        return counts

    def _upload(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        body = request.body if isinstance(request.body, bytes) else b""
        if b'name="media"' not in body or b"tweet_image" not in body:
            return 400, {}, _problem(400, "Invalid Request", "media is required")
        media_id = str(self._next_id + 500)
        self._next_id += 1
        self.media[media_id] = {"size": len(body), "alt": None}
        data = {"id": media_id, "media_key": f"3_{media_id}", "size": len(body)}
        return 200, {}, json.dumps({"data": {**data, "expires_after_secs": 86400}})

    def _metadata(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if (denied := self._check_auth(request)) is not None:
            return denied
        body = json.loads(request.body or b"{}")
        self.media[body["id"]]["alt"] = body["metadata"]["alt_text"]["text"]
        return 200, {}, json.dumps({"data": {"associated_metadata": True}})

    # --- helpers --------------------------------------------------------------------

    def _check_auth(
        self, request: requests.PreparedRequest
    ) -> tuple[int, dict[str, str], str] | None:
        header = str(request.headers.get("Authorization", ""))
        self.seen_authorization.append(header)
        if (
            not header.startswith("OAuth ")
            or f'oauth_consumer_key="{self.consumer_key}"' not in header
        ):
            return 401, {}, _problem(401, "Unauthorized", "Unauthorized")
        return None

    def _store(self, body: dict[str, Any]) -> dict[str, Any]:
        tweet_id = str(self._next_id)
        self._next_id += 1
        reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        parent = next((t for t in self.tweets if t["id"] == reply_to), None)
        tweet = {
            "id": tweet_id,
            "text": body["text"],
            "in_reply_to": reply_to,
            "conversation_id": parent["conversation_id"] if parent else tweet_id,
            "media_ids": (body.get("media") or {}).get("media_ids", []),
            "reply_settings": body.get("reply_settings", "everyone"),
        }
        self.tweets.append(tweet)
        return tweet


def _problem(status: int, title: str, detail: str) -> str:
    return json.dumps({"title": title, "detail": detail, "type": "about:blank", "status": status})


def _tweet_json(tweet: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": tweet["id"],
        "text": tweet["text"],
        "conversation_id": tweet["conversation_id"],
        "edit_history_tweet_ids": [tweet["id"]],
    }
    if tweet["in_reply_to"]:
        data["referenced_tweets"] = [{"type": "replied_to", "id": tweet["in_reply_to"]}]
    return data


def _query(request: requests.PreparedRequest) -> dict[str, str]:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(request.url or "").query))


@pytest.fixture
def fake_x() -> Iterator[FakeX]:
    """The fake X API, answering tweepy's requests in this process; requests to servers
    on 127.0.0.1 (a local PDS, the fake Mastodon) go through."""
    server = FakeX(consumer_key=SECRETS[0])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        server.install(mock)
        mock.add_passthru("http://127.0.0.1")
        yield server
