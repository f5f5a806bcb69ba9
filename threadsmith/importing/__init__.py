"""Importing an argument where it was written — a web page, a saved page, a Word
document — as the Markdown of a draft.

    import_source("https://blog.example/post", images_dir) -> ImportedEssay
    import_url(url, images_dir)          a page (or a .docx) over http(s)
    import_html_file(path, images_dir)   a saved web page
    import_word_file(path, images_dir)   a .docx
    is_import_source(name)               True for what `import_source` takes (no imports)

`ImportedEssay.markdown` is the draft: front matter (`title:`, `source:`, and for
a page with an address `last: "Read the full post: URL"`), `# title`, the text.
Images go into the folder the caller gives, checked (kind by magic bytes, size
against X's and Bluesky's limits) and named in the Markdown by their local path.
Failures raise `InputError` with one line naming the source; a missing image is a
warning in `ImportedEssay.warnings`.

This package is light to import: trafilatura, lxml, mammoth and httpx load
inside the functions, only when an import is asked for.

How the article is found: bench/import_extractors.py ran each extractor on the
test pages of tests/importing (written here in the shape of a WordPress.com post,
a Substack post, a Medium story and a union's news page; not downloaded pages).
Totals over the four pages: article text blocks kept in order (of 52),
boilerplate phrases left in (of 62 checked), structure kept as Markdown (of 40:
headings, list items, quotes, links, emphasis, images with alt), time per page on
this 2-core machine (noisy; median of 5):

| extractor | text kept | boilerplate left | structure kept | ms/page |
| --- | --- | --- | --- | --- |
| trafilatura 2.3.1 XML + markdown_writer (chosen) | 52 | 0 | 40 | 6–20 |
| trafilatura 2.3.1 own Markdown | 49 | 0 | 36 | 6–11 |
| readability-lxml 0.9 + markdownify 1.2 | 49 | 2 | 35 | 8–39 |
| readabilipy 0.3 (Python mode) + markdownify | 52 | 51 | 26 | 28–95 |
| boilerpy3 1.0.7 (text only) | 51 | 12 | – | 1–3 |
| newspaper4k 0.9.6 (text only) | 47 | 1 | – | 24–86 |
| goose3 3.1.22 (text only) | 39 | 0 | – | 22–39 |
| resiliparse 2.0.1 (text only) | 38 | 15 | – | <1 |
| justext 3.0.2 (text only) | 23 | 3 | – | 9–27 |

trafilatura is the only one that leaves no boilerplate and loses no article
text but figure captions; its own Markdown also drops the `>` of block quotes,
and its HTML output turns ordered lists into bullets. Its XML keeps both, so the
writer here renders that XML, puts captions back under their images and leaves
out images the page declares icon-sized (an author's avatar). readability-lxml
kept Jetpack's "Like this: Loading…" and a Substack "Share" button and lost
Substack's headings (they nest a <div>). trafilatura costs ~150–260 ms to import
(only when importing) and ~60 MB installed with lxml, babel and dateparser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.importing.defaults import READ_MORE

if TYPE_CHECKING:
    from threadsmith.importing.essay import ImportedEssay
    from threadsmith.importing.fetching import ImportLimits
    from threadsmith.importing.images import ImportedImage
    from threadsmith.importing.sources import import_html_file, import_url, import_word_file

__all__ = [
    "READ_MORE",
    "ImportedEssay",
    "ImportedImage",
    "import_html_file",
    "import_source",
    "import_url",
    "import_word_file",
    "is_import_source",
]

_LOADED_ON_USE = {
    "ImportedEssay": "essay",
    "ImportedImage": "images",
    "import_url": "sources",
    "import_html_file": "sources",
    "import_word_file": "sources",
}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_SUFFIXES = (".html", ".htm", ".xhtml", ".docx")


def is_import_source(name: str) -> bool:
    """True for an address (`https://…`; other schemes too, so that they are refused
    with a reason) or a file that is a saved page or a Word document, by its name."""
    return bool(_SCHEME.match(name)) or name.lower().endswith(_SUFFIXES)


def import_source(
    source: str,
    images_dir: Path,
    *,
    read_more: str | None = READ_MORE,
    timeout: float | None = None,
    paths_relative_to: Path | None = None,
    limits: ImportLimits | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportedEssay:
    """Imports `source` by what it is: an address, a saved page, or a Word document.

    Images are written into `images_dir` and named in the Markdown by absolute path,
    or relative to `paths_relative_to`. `read_more` is the last post's extra for a page
    with an address (`{url}` is replaced; None: none). `timeout` is in seconds per
    request (None: 20 s); `limits` bound the whole import (None: `ImportLimits()`:
    120 s, 100 MB, 100 images); `progress` is told what is being fetched."""
    from threadsmith.errors import InputError
    from threadsmith.importing import fetching, sources

    seconds = fetching.TIMEOUT if timeout is None else timeout
    if _SCHEME.match(source):
        return sources.import_url(
            source,
            images_dir,
            read_more=read_more,
            timeout=seconds,
            paths_relative_to=paths_relative_to,
            limits=limits,
            progress=progress,
        )
    path = Path(source).expanduser()
    suffix = path.suffix.lower()
    if suffix in sources.HTML_SUFFIXES:
        return sources.import_html_file(
            path,
            images_dir,
            read_more=read_more,
            timeout=seconds,
            paths_relative_to=paths_relative_to,
            limits=limits,
            progress=progress,
        )
    if suffix in sources.WORD_SUFFIXES:
        return sources.import_word_file(path, images_dir, paths_relative_to=paths_relative_to)
    raise InputError(f"{source}: not a web page (.html) or a Word document (.docx)")


def __getattr__(name: str) -> object:
    if name not in _LOADED_ON_USE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"threadsmith.importing.{_LOADED_ON_USE[name]}"), name)
    globals()[name] = value
    return value
