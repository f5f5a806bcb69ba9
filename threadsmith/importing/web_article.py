"""A web page → its article: title and main text as an HTML tree, without the page around it.

trafilatura finds the article and drops navigation, sidebars, comments, share,
like and subscription blocks, cookie banners and footers. Its XML keeps what a
thread needs (headings, paragraphs, lists with their kind, quotes, links,
emphasis, images with alt text), which is renamed here to HTML tags for the
Markdown writer. Two things it loses are put back from the page itself:

- a figure's caption (trafilatura drops `<figcaption>`, and keeps a classic WordPress
  caption, `<p class="wp-caption-text">`, as a paragraph of its own): placed under
  its image, or made its alt text when it has none (`figures`);
- which images are decoration: an image the page declares at most 100 × 100 px
  (an author's avatar, an icon) is left out.

The article's own title (og:title, <title> or the first heading, as trafilatura
finds it) leads the Markdown; a heading at the top of the text that repeats it
is dropped.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from threadsmith.errors import InputError
from threadsmith.importing.figures import captions_as_alt

MIN_ARTICLE_CHARS = 80  # less text than this is a menu or a footer, not an article
DECORATION_PX = 100  # an image declared no larger than this either way is an icon or avatar

_RENAMED = {"quote": "blockquote", "graphic": "img", "ref": "a", "lb": "br", "code": "pre"}
_EMPHASIS = {"#i": "em", "#b": "strong", "#t": "code"}  # other renditions keep the words only


@dataclass
class WebArticle:
    """What a page holds for a draft: `body` is an HTML tree (h1–h6, p, ul/ol/li,
    blockquote, figure/figcaption, img, a, em, strong, code, pre, br)."""

    title: str
    body: Any
    canonical_url: str | None = None  # the page's own address (canonical link or og:url)
    site: str | None = None  # the site's own name (og:site_name), when it gives one


def extract_article(page: str | bytes, url: str | None, name: str) -> WebArticle:
    """The article of an HTML page. `url` resolves relative links and images (None for
    a saved page with no address); `name` says which page in an error message."""
    import trafilatura

    tree = trafilatura.load_html(page)
    if tree is None:
        raise InputError(f"{name}: not an HTML page")
    figures = _figures(tree, url)
    document: Any = trafilatura.bare_extraction(
        copy.deepcopy(tree),  # it prunes the tree it is given
        url=url,
        include_images=True,
        include_links=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    body = getattr(document, "body", None)
    text = " ".join(" ".join(body.itertext()).split()) if body is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        # an empty shell filled in by JavaScript, a home page, an error page in disguise
        raise InputError(f"{name}: no article text found on the page")
    _as_html(body)
    title = " ".join((document.title or "").split())
    title = _drop_repeated_title(body, title) or title
    _restore_figures(body, figures)
    captions_as_alt(body)
    canonical = document.url if document.url and document.url != url else None
    return WebArticle(title, body, canonical, document.sitename or None)


@dataclass(frozen=True)
class _Figure:
    width: int | None
    height: int | None
    caption: str


def _figures(tree: Any, url: str | None) -> dict[str, _Figure]:
    """Each image of the page by every address it gives (src, lazy-load, srcset): its
    declared size and its figure's caption."""
    found: dict[str, _Figure] = {}
    for image in tree.iter("img"):
        facts = _Figure(_pixels(image.get("width")), _pixels(image.get("height")), _caption(image))
        for address in _addresses(image):
            found.setdefault(_absolute(address, url), facts)
    return found


def _caption(image: Any) -> str:
    """The caption of the figure `image` stands in: a `<figure>`'s `<figcaption>`, or a
    classic WordPress caption (`<div class="wp-caption">` … `class="wp-caption-text"`)."""
    for ancestor in image.iterancestors():
        if ancestor.tag == "figure":
            captions = list(ancestor.iter("figcaption"))
        elif "wp-caption" in (ancestor.get("class") or "").split():
            captions = [e for e in ancestor.iter() if _has_class(e, "wp-caption-text")]
        else:
            continue
        return " ".join(" ".join(c.text_content().split()) for c in captions).strip()
    return ""


def _has_class(element: Any, name: str) -> bool:
    return isinstance(element.tag, str) and name in (element.get("class") or "").split()


def _addresses(image: Any) -> list[str]:
    addresses = [
        image.get(name, "")
        for name in ("src", "data-src", "data-lazy-src", "data-original", "data-url")
    ]
    for name in ("srcset", "data-srcset"):
        addresses += [part.split()[0] for part in image.get(name, "").split(",") if part.strip()]
    return [address.strip() for address in addresses if address.strip()]


def _pixels(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+)(?:px)?\s*$", value or "")
    return int(match.group(1)) if match else None


def _absolute(address: str, base: str | None) -> str:
    return urljoin(base, address) if base else address


def _as_html(body: Any) -> None:
    """trafilatura's XML tags renamed in place to the HTML ones they stand for."""
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        rend = element.get("rend", "")
        if tag == "head":
            element.tag = rend if re.fullmatch(r"h[1-6]", rend) else "h2"
        elif tag == "list":
            element.tag = "ol" if rend == "ol" else "ul"
        elif tag == "item":
            element.tag = "li"
        elif tag == "hi":
            element.tag = _EMPHASIS.get(rend, "span")
        elif tag == "ref":
            element.tag = "a"
            element.set("href", element.get("target", ""))
        elif tag == "row":
            element.tag = "tr"
        elif tag == "cell":
            element.tag = "th" if element.get("role") == "head" else "td"
        elif tag in _RENAMED:
            element.tag = _RENAMED[tag]
        elif tag == "body":
            element.tag = "div"


def _drop_repeated_title(body: Any, title: str) -> str | None:
    """Drops the heading that opens the text when it is the title (returning the title);
    with no title known, that heading becomes it."""
    first = next((child for child in body if isinstance(child.tag, str)), None)
    if first is None or first.tag not in ("h1", "h2"):
        return None
    heading = " ".join("".join(first.itertext()).split())
    if title and _comparable(heading) != _comparable(title):
        return None
    _remove_keeping_tail(first)
    return heading


def _comparable(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _restore_figures(body: Any, figures: dict[str, _Figure]) -> None:
    for image in list(body.iter("img")):
        facts = figures.get(image.get("src", ""))
        if facts is None:
            continue
        if _is_decoration(facts):
            _remove_keeping_tail(image)
        elif facts.caption:
            kept_apart = _caption_after(image, facts.caption)
            if kept_apart is not None:  # a paragraph of its own would lead the next post
                _remove_keeping_tail(kept_apart)
            figure = image.makeelement("figure", {})
            caption = image.makeelement("figcaption", {})
            caption.text = facts.caption
            image.addprevious(figure)
            figure.tail, image.tail = image.tail, None
            figure.append(image)
            figure.append(caption)


def _is_decoration(facts: _Figure) -> bool:
    sizes = [size for size in (facts.width, facts.height) if size is not None]
    return bool(sizes) and max(sizes) <= DECORATION_PX


def _caption_after(image: Any, caption: str) -> Any:
    """The element after `image` (or after the paragraph it stands alone in) that is its
    caption, as trafilatura kept it; None when there is none."""
    following = image.getnext()
    parent = image.getparent()
    if following is None and parent is not None and parent.tag == "p":
        words = (parent.text or "") + "".join(child.tail or "" for child in parent)
        if len(parent) == 1 and not words.strip():
            following = parent.getnext()
    if following is None or not isinstance(following.tag, str):
        return None
    return following if _comparable("".join(following.itertext())) == _comparable(caption) else None


def _remove_keeping_tail(element: Any) -> None:
    parent = element.getparent()
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def resolve_link(base: str | None) -> Any:
    """A link resolver for the Markdown writer: absolute http(s) and mailto links are
    kept (relative ones resolved against `base`); page anchors and scripts keep their
    words only."""

    def target(href: str) -> str | None:
        if not href or href.startswith("#"):
            return None
        absolute = urljoin(base, href) if base else href
        scheme = urlsplit(absolute).scheme.lower()
        return absolute if scheme in ("http", "https", "mailto") else None

    return target
