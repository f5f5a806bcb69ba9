"""Importing one source — a URL, a saved web page, a Word document — as an essay.

Each function fetches or reads the source, finds the text (trafilatura for a web
page, mammoth for a Word document), keeps the images in `images_dir`, and writes
the Markdown. Failures that stop the import raise `InputError` with one line
naming the source; an image that cannot be had is a warning.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from threadsmith.errors import InputError, printable
from threadsmith.importing.essay import READ_MORE, ImportedEssay, essay
from threadsmith.importing.fetching import (
    PAGE_LIMIT,
    TIMEOUT,
    Fetched,
    Fetcher,
    ImportLimits,
    Progress,
    check_url,
)
from threadsmith.importing.images import (
    IMAGE_ACCEPT,
    IMAGE_LIMIT,
    ImageFolder,
    _label,
    read_local,
    read_regular,
)

HTML_TYPES = ("text/html", "application/xhtml+xml")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WORD_SUFFIXES = (".docx",)


def import_url(
    url: str,
    images_dir: Path,
    *,
    read_more: str | None = READ_MORE,
    timeout: float = TIMEOUT,
    paths_relative_to: Path | None = None,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
) -> ImportedEssay:
    """The article at `url` (a web page, or a .docx served over http), its images
    downloaded into `images_dir`. `read_more` (with `{url}`) becomes the last post's
    extra; None leaves it out. Image paths in the Markdown are absolute, or relative
    to `paths_relative_to` when given. `progress` is told what is being fetched."""
    check_url(url)
    with Fetcher(timeout, home=urlsplit(url).hostname, limits=limits) as fetcher:
        if progress is not None:
            progress(f"fetching {url}")
        fetched = fetcher.get(url, PAGE_LIMIT)
        folder = ImageFolder(images_dir)
        if _is_word(fetched):
            title, body, warnings = _word_markdown(fetched.body, url, folder, paths_relative_to)
            return essay(title, url, body, fetched.url, read_more, folder.images, warnings)
        if not _is_html(fetched):
            shown = fetched.content_type or "no content type"
            raise InputError(f"{url}: not a web page ({shown})")
        return _page_essay(
            _decoded(fetched), url, fetched.url, folder, fetcher, read_more, paths_relative_to,
            progress=progress,
        )  # fmt: skip


def import_html_file(
    path: Path,
    images_dir: Path,
    *,
    read_more: str | None = READ_MORE,
    download_images: bool = True,
    timeout: float = TIMEOUT,
    paths_relative_to: Path | None = None,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
) -> ImportedEssay:
    """A saved web page. Its pictures saved beside it (relative addresses) are copied
    into `images_dir`; pictures on the web are downloaded unless `download_images` is
    False. When the page says its own address (canonical link), `read_more` links to it."""
    data = _read_file(path, PAGE_LIMIT)
    folder = ImageFolder(images_dir)
    if not download_images:
        return _page_essay(
            data, str(path), None, folder, None, read_more, paths_relative_to, path.parent
        )
    with Fetcher(timeout, limits=limits) as fetcher:  # a saved page: nothing local
        return _page_essay(
            data, str(path), None, folder, fetcher, read_more, paths_relative_to, path.parent,
            progress,
        )  # fmt: skip


def import_word_file(
    path: Path, images_dir: Path, *, paths_relative_to: Path | None = None
) -> ImportedEssay:
    """A Word document (.docx), its pictures written into `images_dir`."""
    folder = ImageFolder(images_dir)
    title, body, warnings = _word_markdown(
        _read_file(path, PAGE_LIMIT), str(path), folder, paths_relative_to
    )
    return essay(title or path.stem, str(path), body, None, None, folder.images, warnings)


def _page_essay(
    page: str | bytes,
    source: str,
    url: str | None,
    folder: ImageFolder,
    fetcher: Fetcher | None,
    read_more: str | None,
    paths_relative_to: Path | None,
    local_base: Path | None = None,
    progress: Progress | None = None,
) -> ImportedEssay:
    from threadsmith.importing.markdown_writer import render_markdown
    from threadsmith.importing.page_images import stand_ins
    from threadsmith.importing.web_article import extract_article, resolve_link

    tree, originals = stand_ins(page)
    article = extract_article(tree, url, source)
    paths = _page_images(
        article.body, originals, url, folder, fetcher, local_base, paths_relative_to, progress
    )
    base = url or article.canonical_url
    body = render_markdown(article.body, paths, resolve_link(base))
    return essay(
        article.title,
        source,
        body,
        url or article.canonical_url,
        read_more,
        folder.images,
        [printable(warning) for warning in folder.warnings],  # words and names from a page
    )


def _page_images(
    body: Any,
    originals: dict[str, str],
    url: str | None,
    folder: ImageFolder,
    fetcher: Fetcher | None,
    local_base: Path | None,
    relative_to: Path | None,
    progress: Progress | None,
) -> dict[str, str]:
    """{src in the article: the path it is kept at}, for at most the import's limit of
    images; the others are named in warnings, each figure left out keeping its caption."""
    from threadsmith.importing.page_images import captions_kept

    found: dict[str, str] = {}  # src -> alt, in order
    for image in body.iter("img"):
        src = image.get("src", "")
        if src and src not in found:
            found[src] = " ".join((image.get("alt") or "").split())
    most = (fetcher.limits if fetcher else ImportLimits()).images
    named = {src: _own_address(originals.get(src), src, url) for src in found}
    paths: dict[str, str] = {}
    for number, (src, alt) in enumerate(list(found.items())[:most], 1):
        if progress is not None:
            progress(f"image {number} of {min(len(found), most)}: {named[src]}")
        kept = _get_image(named[src], alt, folder, fetcher, local_base)
        if kept is not None:
            paths[src] = _shown_path(kept, relative_to)
    if len(found) > most:
        first = named[list(found)[most]]
        folder.warnings.append(
            f"{len(found) - most:,} more images left out (from {first}): an import keeps "
            f"at most {most}"
        )
    captions_kept(body, set(paths))
    return paths


def _own_address(original: str | None, src: str, url: str | None) -> str:
    if original is None:
        return src
    return urljoin(url, original) if url else original


def _get_image(
    src: str, alt: str, folder: ImageFolder, fetcher: Fetcher | None, local_base: Path | None
) -> Path | None:
    scheme = urlsplit(src).scheme.lower()
    if scheme in ("http", "https"):
        if fetcher is None:
            folder.warnings.append(f"image {src}: on the web, not downloaded; left out")
            return None
        client = fetcher
        kept = folder.fetch(src, alt, lambda: client.get(src, IMAGE_LIMIT, IMAGE_ACCEPT).body)
    elif not scheme and local_base is not None and not src.startswith("/"):
        local = local_base / unquote(urlsplit(src).path)
        kept = folder.fetch(src, alt, lambda: read_local(local))
    elif not scheme and local_base is not None:
        # "/wp-content/…" names the site's root, which a saved page does not have
        folder.warnings.append(f"image {src}: not saved with the page; left out")
        return None
    elif scheme == "file":
        folder.warnings.append(f"{_label(src, alt)}: a file on this computer, not read; left out")
        return None
    else:
        folder.warnings.append(
            f"{_label(src, alt)}: not an address threadsmith can fetch; left out"
        )
        return None
    return kept.path if kept is not None else None


def _word_markdown(
    data: bytes, source: str, folder: ImageFolder, paths_relative_to: Path | None
) -> tuple[str, str, list[str]]:
    """(title, Markdown body, warnings) of a Word document."""
    import lxml.html

    from threadsmith.importing.figures import captions_as_alt, word_figures
    from threadsmith.importing.markdown_writer import render_markdown
    from threadsmith.importing.web_article import resolve_link
    from threadsmith.importing.word import word_html

    html, declared_title, messages = word_html(data, source, folder)
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    word_figures(root)
    for path, alt in captions_as_alt(root).items():
        folder.describe(path, alt)
    title = _take_leading_title(root) or declared_title
    paths = {str(image.path): _shown_path(image.path, paths_relative_to) for image in folder.images}
    body = render_markdown(root, paths, resolve_link(None))
    if not body.strip() and not folder.images:
        raise InputError(f"{source}: the document has no text")
    return title, body, [printable(warning) for warning in messages + folder.warnings]


def _take_leading_title(root: Any) -> str:
    """The document's first paragraph when it is a Title or Heading 1 (removed from the body)."""
    first = next((child for child in root if isinstance(child.tag, str)), None)
    if first is None or first.tag != "h1" or (root.text or "").strip():
        return ""
    title = " ".join(first.text_content().split())
    if title:
        first.drop_tree()
    return title


def _is_html(fetched: Fetched) -> bool:
    if fetched.content_type in HTML_TYPES:
        return True
    if fetched.content_type not in ("", "text/plain", "application/octet-stream"):
        return False
    head = fetched.body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()  # a server that says nothing
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _is_word(fetched: Fetched) -> bool:
    if fetched.content_type == DOCX_TYPE:
        return True
    path = urlsplit(fetched.url).path.lower()
    return fetched.body.startswith(b"PK\x03\x04") and path.endswith(WORD_SUFFIXES)


def _decoded(fetched: Fetched) -> str | bytes:
    """The page as text when the server named a charset Python knows; else bytes, for
    trafilatura to decode from the page's own <meta charset> or by detection."""
    if fetched.charset:
        try:
            return fetched.body.decode(fetched.charset, errors="replace")
        except LookupError:
            pass
    return fetched.body


def _read_file(path: Path, limit: int) -> bytes:
    return read_regular(path, limit, "file", "a web page or a Word document")


def _shown_path(path: Path, relative_to: Path | None) -> str:
    if relative_to is None:
        return str(path.resolve())
    return os.path.relpath(path.resolve(), relative_to.resolve())
