"""Images: told by their bytes, held to the networks' limits, kept once, warned about."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from support.import_site.site_server import Route, Site, jpeg, png
from threadsmith.importing import import_url
from threadsmith.importing.images import IMAGE_LIMIT, LIMITS, ImageFolder, sniff

ARTICLE_TEXT = "<p>" + "A sentence of the article that is long enough to count. " * 4 + "</p>"
MORE_TEXT = (
    "<p>" + "Another sentence, after the picture, that carries the argument on. " * 3 + "</p>"
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (png(), "png"),
        (jpeg(), "jpg"),
        (b"GIF89a" + bytes(20), "gif"),
        (b"GIF87a" + bytes(20), "gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20), "webp"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', None),
        (b"<!DOCTYPE html><html></html>", None),
        (b"BM" + bytes(60), None),
        (b"", None),
    ],
    ids=["png", "jpeg", "gif89", "gif87", "webp", "svg", "html", "bmp", "empty"],
)
def test_an_image_is_told_by_its_bytes(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


def test_the_same_image_twice_is_one_file(tmp_path: Path) -> None:
    folder = ImageFolder(tmp_path)
    first = folder.keep(png(), "https://a.example/1.png", "one")
    second = folder.keep(png(), "https://a.example/copy.png", "two")
    assert first is not None and second is not None
    assert first.path == second.path and list(tmp_path.iterdir()) == [first.path]
    assert folder.warnings == []


def test_an_image_over_blueskys_limit_is_kept_with_a_warning(tmp_path: Path) -> None:
    folder = ImageFolder(tmp_path)
    kept = folder.keep(png() + bytes(LIMITS["Bluesky"]), "https://a.example/big.png", "Big")
    assert kept is not None and kept.path.is_file()
    assert folder.warnings == [
        f'image https://a.example/big.png ("Big"): {kept.size:,} bytes; Bluesky takes images '
        "up to 1,000,000 bytes (Mastodon, Threads and X take it)"
    ]
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700  # nobody else's business
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o600


def test_an_image_over_xs_limit_is_kept_for_mastodon_with_a_warning(tmp_path: Path) -> None:
    folder = ImageFolder(tmp_path)
    kept = folder.keep(png() + bytes(LIMITS["X"]), "https://a.example/big.png", "")
    assert kept is not None
    assert folder.warnings == [
        f"image https://a.example/big.png: {kept.size:,} bytes; X takes images up to "
        "5,242,880 bytes, Bluesky takes images up to 1,000,000 bytes (Mastodon and Threads take it)"
    ]


def test_an_image_no_network_takes_is_left_out(tmp_path: Path) -> None:
    folder = ImageFolder(tmp_path)
    assert folder.keep(png() + bytes(IMAGE_LIMIT), "https://a.example/huge.png", "") is None
    assert list(tmp_path.iterdir()) == []
    (warning,) = folder.warnings
    assert warning.endswith("over Mastodon's 16,777,216; left out")


def test_an_svg_is_named_as_such(tmp_path: Path) -> None:
    folder = ImageFolder(tmp_path)
    assert folder.keep(b"<svg></svg>", "https://a.example/logo.svg", "Logo") is None
    assert folder.warnings == [
        'image https://a.example/logo.svg ("Logo"): an SVG drawing; left out (PNG, JPEG, GIF, WebP)'
    ]


def test_an_image_too_big_to_download_is_cut_short_and_left_out(site: Site, tmp_path: Path) -> None:
    site.routes["/photo.jpg"] = Route(
        content_type="image/jpeg", body=lambda: iter([jpeg()] + [bytes(1 << 20)] * 100)
    )
    site.routes["/with-photo"] = Route(
        body=(
            f"<html><body><article>{ARTICLE_TEXT}"
            f'<img src="/photo.jpg" alt="A photo" width="800">{MORE_TEXT}</article></body></html>'
        ).encode()
    )
    essay = import_url(site.url("/with-photo"), tmp_path)
    assert essay.images == () and "A photo" not in essay.body
    (warning,) = essay.warnings
    assert warning == (
        f'image {site.url("/photo.jpg")} ("A photo"): too big (over 16.8 MB; stopped reading); '
        "left out"
    )
