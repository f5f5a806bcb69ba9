"""A web page's images as the import sees them: every one is kept or named in a warning.

trafilatura silently drops an image whose address does not end like an image file
(`file:///etc/passwd`, `data:…`, `http://169.254.169.254/latest/meta-data/`, a CDN's
`/image?id=3`), and its caption with it. Before extraction each such image is given
a stand-in address that it keeps where it stands (`stand_ins`); after it, the
import names each by its own address, fetches what can be fetched and warns about
the rest. An image left out keeps its caption as a line of text (`captions_kept`).
An import keeps at most `ImportLimits.images` images; the rest are named in one
warning.
"""

from __future__ import annotations

import re
from typing import Any

STAND_IN = "https://threadsmith.invalid/image/{}.png"
_LAZY = ("data-src", "data-lazy-src", "data-original", "data-url", "src")
_IMAGE_FILE = re.compile(r"[^\s]+\.(avif|bmp|gif|hei[cf]|jpe?g|png|webp)(\b|$)", re.IGNORECASE)


def stand_ins(page: str | bytes) -> tuple[Any, dict[str, str]]:
    """The page's tree, each image trafilatura would drop given a stand-in address, and
    {stand-in: the image's own address}. (trafilatura's own test, in `image_src`: a
    `data-src` or `src` that looks like an image file's name.)"""
    import trafilatura

    tree = trafilatura.load_html(page)
    if tree is None:
        return page, {}
    originals: dict[str, str] = {}
    for image in tree.iter("img"):
        if any(_IMAGE_FILE.search(image.get(name) or "") for name in ("data-src", "src")):
            continue
        given = [(image.get(name) or "").strip() for name in _LAZY]
        given = [address for address in given if address]
        if not given:
            continue  # no address at all: nothing to fetch, nothing to name
        # a lazy-loading page's src is a data: placeholder; its real address is elsewhere
        address = next((a for a in given if not a.lower().startswith("data:")), given[0])
        stand_in = STAND_IN.format(len(originals))
        image.set("src", stand_in)
        for name in _LAZY[:-1]:
            image.attrib.pop(name, None)
        originals[stand_in] = address
    return tree, originals


def captions_kept(body: Any, kept: set[str]) -> None:
    """Each figure whose image is left out (its src not in `kept`) and that has no
    caption left (it became the image's alt text) gets it back as its caption."""
    for figure in body.iter("figure"):
        images = list(figure.iter("img"))
        if (
            len(images) != 1
            or images[0].get("src") in kept
            or next(figure.iter("figcaption"), None) is not None
        ):
            continue
        alt = " ".join((images[0].get("alt") or "").split())
        if alt:
            caption = figure.makeelement("figcaption", {})
            caption.text = alt
            figure.append(caption)
