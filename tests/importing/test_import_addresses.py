"""What an import may reach: the address the person gave, and the public internet.

Two test sites stand for two hosts: 127.0.0.1 (the fixture `site`) and 127.0.0.2
(`other`, a page "on the web" here). A page on one may not make the import fetch
from the other, by a redirect or an image; a page may show its own images; a file
on this computer or a link-local address is never fetched, and every image left
out is a warning with its caption kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.import_site.site_server import Route, Site, png
from threadsmith.errors import InputError
from threadsmith.importing import import_html_file, import_url
from threadsmith.importing.addresses import AddressGuard, LocalAddress

TEXT = "<p>" + "A sentence of the article that is long enough to count as one. " * 4 + "</p>"


def page(*figures: tuple[str, str, str]) -> bytes:
    """An article with a figure (src, alt, caption) between paragraphs."""
    parts = [TEXT]
    for src, alt, caption in figures:
        parts.append(
            f'<figure><img src="{src}" alt="{alt}" width="800"><figcaption>{caption}'
            f"</figcaption></figure>{TEXT}"
        )
    return f"<html><body><article>{''.join(parts)}</article></body></html>".encode()


@pytest.fixture(scope="module")
def other() -> Iterator[Site]:
    server = Site("127.0.0.2")
    yield server
    server.close()


def test_a_redirect_to_another_host_on_this_machine_is_refused(
    site: Site, other: Site, tmp_path: Path
) -> None:
    site.routes["/admin"] = Route(body=page())
    other.routes["/to-admin"] = Route(302, None, headers={"Location": site.url("/admin")})
    asked = other.url("/to-admin")
    with pytest.raises(InputError) as refused:
        import_url(asked, tmp_path)
    assert str(refused.value) == (
        f"{asked}: refused: 127.0.0.1 is on this machine or a local network, and the address "
        "you gave is not on that host"
    )
    assert "/admin" not in [path for path, _ in site.requests]  # not even asked


def test_a_redirect_within_the_host_given_is_followed(other: Site, tmp_path: Path) -> None:
    other.routes["/article"] = Route(body=page())
    other.routes["/short"] = Route(301, None, headers={"Location": "/article"})
    assert import_url(other.url("/short"), tmp_path).url == other.url("/article")


def test_an_image_on_another_local_host_is_left_out_with_its_caption_kept(
    site: Site, other: Site, tmp_path: Path
) -> None:
    site.add_image("/secret.png", png(9, 9))
    other.add_image("/own.png", png(7, 7))
    other.routes["/with-images"] = Route(
        body=page(
            (site.url("/secret.png"), "Secret", "The secret chart"),
            ("/own.png", "Own", "The page's own chart"),
        )
    )
    essay = import_url(other.url("/with-images"), tmp_path)
    assert "/secret.png" not in [path for path, _ in site.requests]
    assert [image.source for image in essay.images] == [other.url("/own.png")]
    assert "The secret chart" in essay.body and "The page's own chart" in essay.body
    assert essay.warnings == (
        f'image {site.url("/secret.png")} ("Secret"): refused: 127.0.0.1 is on this machine or '
        "a local network, and the address you gave is not on that host; left out",
    )


def test_files_and_link_local_images_are_warnings_with_their_captions(
    other: Site, tmp_path: Path
) -> None:
    (tmp_path / "secret.png").write_bytes(png())
    other.routes["/odd-images"] = Route(
        body=page(
            (f"file://{tmp_path}/secret.png", "A file", "Caption of the file"),
            ("file:///etc/passwd", "", "Caption of the password file"),
            ("http://169.254.169.254/latest/meta-data/", "Metadata", "Caption of the cloud"),
            ("http://[fe80::1]/x.png", "", "Caption of the link"),
        )
    )
    essay = import_url(other.url("/odd-images"), tmp_path / "images", timeout=5)
    assert essay.images == ()
    for caption in ("the file", "the password file", "the cloud", "the link"):
        assert f"Caption of {caption}" in essay.body
    assert essay.warnings == (
        f'image file://{tmp_path}/secret.png ("A file"): a file on this computer, not read; '
        "left out",
        'image file:///etc/passwd ("Caption of the password file"): a file on this computer, '
        "not read; left out",
        'image http://169.254.169.254/latest/meta-data/ ("Metadata"): refused: 169.254.169.254 '
        "is on this machine or a local network, and the address you gave is not on that host; "
        "left out",
        'image http://[fe80::1]/x.png ("Caption of the link"): refused: fe80::1 is on this '
        "machine or a local network, and the address you gave is not on that host; left out",
    )


def test_a_saved_page_may_make_nothing_local_be_fetched(site: Site, tmp_path: Path) -> None:
    site.add_image("/saved-secret.png", png(5, 5))
    saved = tmp_path / "post.html"
    saved.write_bytes(page((site.url("/saved-secret.png"), "Secret", "A caption")))
    essay = import_html_file(saved, tmp_path / "images")
    assert essay.images == () and "A caption" in essay.body
    assert "/saved-secret.png" not in [path for path, _ in site.requests]
    (warning,) = essay.warnings
    assert "refused: 127.0.0.1 is on this machine or a local network" in warning


@pytest.mark.parametrize(
    ("home", "host", "allowed"),
    [
        ("blog.example", "cdn.example", ["93.184.216.40"]),
        ("blog.example", "intranet.example", None),  # 10.0.0.5
        ("blog.example", "mapped.example", None),  # ::ffff:127.0.0.1
        ("blog.example", "shared.example", None),  # 100.64.0.1: a carrier's NAT
        ("blog.example", "both.example", ["93.184.216.41"]),  # its local address dropped
        ("nas.example", "nas.example", ["192.168.1.5"]),  # the host given, on a LAN
        ("nas.example", "router.example", None),  # 192.168.1.1: another host there
        (None, "intranet.example", None),  # a saved page has no host of its own
    ],
)
def test_which_addresses_a_connection_may_use(
    home: str | None, host: str, allowed: list[str] | None
) -> None:
    table = {
        "blog.example": ["93.184.216.34"],
        "cdn.example": ["93.184.216.40"],
        "intranet.example": ["10.0.0.5"],
        "mapped.example": ["::ffff:127.0.0.1"],
        "shared.example": ["100.64.0.1"],
        "both.example": ["127.0.0.1", "93.184.216.41"],
        "nas.example": ["192.168.1.5"],
        "router.example": ["192.168.1.1"],
    }
    guard = AddressGuard(home, lambda name, port: table[name])
    if allowed is None:
        with pytest.raises(LocalAddress, match=r"^refused: .* on this machine or a local network"):
            guard.allowed(host, 443)
    else:
        assert guard.allowed(host, 443) == allowed
