"""What an X login keeps: the app's API key and secret, and the account's access token
and secret (OAuth 1.0a user context), all four in the keyring."""

from __future__ import annotations

from threadsmith.network import Field, Secrets

FIELDS = (
    Field("api_key", "API key", secret=True),
    Field("api_secret", "API secret", secret=True),
    Field("access_token", "Access token", secret=True),
    Field("access_secret", "Access token secret", secret=True),
)


def api_keys(secrets: Secrets) -> tuple[str, str, str, str]:
    """The API key and secret, the access token and secret, as the keyring keeps them."""
    key, key_secret, token, token_secret = (secrets[field.name] for field in FIELDS)
    return key, key_secret, token, token_secret
