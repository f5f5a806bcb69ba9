"""Fetching a page: redirects within a limit, and every failure one line naming the URL."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from support.import_site.articles import NEWS, WORDPRESS
from support.import_site.checks import front_matter, words
from support.import_site.site_server import ARTICLE_PATHS, Site
from threadsmith.errors import InputError
from threadsmith.importing import import_source, import_url


def failure(url: str, tmp_path: Path, timeout: float = 5.0) -> str:
    with pytest.raises(InputError) as caught:
        import_url(url, tmp_path, timeout=timeout)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{url}: ")
    assert caught.value.exit_code == 2
    return message.removeprefix(f"{url}: ")


def test_redirects_are_followed_to_the_article(site: Site, tmp_path: Path) -> None:
    asked = site.url("/short/abc")
    essay = import_url(asked, tmp_path)
    assert essay.title == WORDPRESS.title
    final = site.url(ARTICLE_PATHS["wordpress"])
    assert essay.url == final
    # the draft records what was asked for, and sends readers to where the article is
    assert front_matter(essay) == {
        "title": WORDPRESS.title,
        "source": asked,
        "last": f"Read the full post: {final}",
    }


def test_a_redirect_loop_is_named(site: Site, tmp_path: Path) -> None:
    assert (
        failure(site.url("/loop/a"), tmp_path) == f"redirect loop (back to {site.url('/loop/a')})"
    )


def test_redirects_stop_after_ten(site: Site, tmp_path: Path) -> None:
    assert failure(site.url("/hop/0"), tmp_path) == "more than 10 redirects"
    assert import_url(site.url("/hop/2"), tmp_path).title == NEWS.title  # ten hops are fine


def test_a_redirect_away_from_the_web_is_refused(site: Site, tmp_path: Path) -> None:
    assert failure(site.url("/to-ftp"), tmp_path) == (
        "redirected to ftp://127.0.0.1/file, which is not an http(s) address"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/no/such/post", "not found (HTTP 404)"),
        ("/private", "the site refused access (HTTP 403)"),
        ("/broken", "the site's server failed (HTTP 500)"),
        ("/report.pdf", "not a web page (application/pdf)"),
        ("/nothing-here", "no article text found on the page"),
    ],
)
def test_each_failure_is_one_line(site: Site, tmp_path: Path, path: str, expected: str) -> None:
    assert failure(site.url(path), tmp_path) == expected


def test_a_slow_server_times_out(site: Site, tmp_path: Path) -> None:
    started = time.monotonic()
    assert failure(site.url("/slow"), tmp_path, timeout=0.5) == "no answer within 0.5 s (timed out)"
    assert time.monotonic() - started < 2.5  # the server answers after 3 s


def test_a_page_that_trickles_in_times_out_as_a_whole(site: Site, tmp_path: Path) -> None:
    # a byte every 0.2 s never trips a 0.5 s wait for the next byte; the whole request does
    started = time.monotonic()
    message = failure(site.url("/trickle"), tmp_path, timeout=0.5)
    assert message == "not finished within the time limit (timed out)"
    assert time.monotonic() - started < 2.0  # the server would go on for 8 s


def test_a_page_declared_too_big_is_not_read(site: Site, tmp_path: Path) -> None:
    assert failure(site.url("/huge"), tmp_path) == "too big (52.4 MB; the limit is 10.5 MB)"


def test_a_page_without_end_is_cut_at_the_cap(site: Site, tmp_path: Path) -> None:
    started = time.monotonic()
    assert failure(site.url("/endless"), tmp_path) == "too big (over 10.5 MB; stopped reading)"
    assert time.monotonic() - started < 10  # the server has 50 MB to send


def test_an_unknown_host_is_a_dns_failure(tmp_path: Path) -> None:
    url = "https://no-such-blog.invalid/2026/10/post"
    assert failure(url, tmp_path) == "cannot find the server (DNS lookup failed)"


def test_a_closed_port_is_a_refused_connection(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert failure(f"http://127.0.0.1:{port}/post", tmp_path) == (
        "the server refused the connection"
    )


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/post.html", "file:///etc/passwd", "javascript://alert(1)"]
)
def test_only_web_addresses_are_fetched(tmp_path: Path, url: str) -> None:
    assert failure(url, tmp_path) == "only http:// and https:// addresses can be imported"


def test_a_page_served_without_a_content_type_is_read_when_it_is_html(
    site: Site, tmp_path: Path
) -> None:
    essay = import_url(site.url("/no-type"), tmp_path)
    assert words(essay.body) == " ".join(NEWS.texts()).split()


def test_a_missing_or_unknown_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"letter\.docx: cannot read the file \(No such file"):
        import_source(str(tmp_path / "letter.docx"), tmp_path)
    with pytest.raises(InputError, match=r"notes\.txt: not a web page \(\.html\) or a Word"):
        import_source(str(tmp_path / "notes.txt"), tmp_path)
