"""An instance that answers oddly: a Date header nobody can read, words carrying terminal
escapes. Each is a login and a thread as usual, or one line that shows no control character."""

from __future__ import annotations

from typing import Any

import pytest

from support.fake_mastodon import FakeMastodon
from support.fake_mastodon_http import Reply
from support.mastodon_run import assert_chain, make_publisher, send_thread
from threadsmith.errors import AuthError
from threadsmith.networks.mastodon import account as masto

CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # OSC 52: writes the terminal's clipboard


@pytest.mark.parametrize("date", ["not a date", "Mon, 99 Foo 2026 99:99:99 GMT", ""])
def test_an_unreadable_date_header_neither_stops_a_login_nor_a_thread(
    fake_mastodon: FakeMastodon, date: str
) -> None:
    fake_mastodon.date_header = date or "Tue, 07 Dec 99999 10:00:00 GMT"
    assert masto.instance_limits(fake_mastodon.url).max_characters == 500
    client_id, client_secret = masto.register_app(fake_mastodon.url)
    token = masto.token_from_code(fake_mastodon.url, client_id, client_secret, fake_mastodon.code)
    assert masto.verify(fake_mastodon.url, token) == "tester"
    publisher = make_publisher(fake_mastodon)
    try:
        send_thread(publisher, ["One 1/", "Two 2/"])
    finally:
        publisher.close()
    assert_chain(fake_mastodon, ["One 1/", "Two 2/"])


def test_a_refusal_carrying_terminal_escapes_is_shown_escaped(fake_mastodon: FakeMastodon) -> None:
    def refuse(request: Any) -> Any:
        raise Reply(401, {"error": f"The access token is invalid{CLIPBOARD}\x9b31m"})

    fake_mastodon.verify_credentials = refuse  # type: ignore[method-assign]
    with pytest.raises(AuthError) as refused:
        masto.verify(fake_mastodon.url, fake_mastodon.token)
    message = str(refused.value)
    assert "\x1b" not in message and "\x07" not in message and "\x9b" not in message
    assert "invalid\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x9b31m" in message


def test_a_username_carrying_terminal_escapes_is_kept_escaped(
    fake_mastodon: FakeMastodon,
) -> None:
    fake_mastodon.username = f"tester{CLIPBOARD}"
    name = masto.verify(fake_mastodon.url, fake_mastodon.token)
    assert name == "tester\\x1b]52;c;ZWNobyBwd25lZA==\\x07"
