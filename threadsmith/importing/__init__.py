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

How the article is found (bench/import_extractors.py, on the test pages of
tests/importing: WordPress, Substack, Medium and a union news page; text blocks
kept / boilerplate phrases left / structure kept, per page):

| extractor | text kept | boilerplate left | structure kept | ms/page |
| --- | --- | --- | --- | --- |
| trafilatura 2.3 XML + our writer (chosen) | 51/51 | 0 | 40/40 | 8–11 |
| trafilatura 2.3 Markdown output | 48/51 | 0 | 36/40 | 6–9 |
| readability-lxml 0.9 + markdownify | 49/51 | 2 | 35/40 | 6–10 |
| readabilipy 0.3 (Python mode) + markdownify | 51/51 | 51 | 26/40 | 48–69 |
| newspaper4k 0.9 (text only) | 47/51 | 1 | – | 17–33 |
| goose3 3.1 (text only) | 39/51 | 0 | – | 14–27 |
| boilerpy3 1.0 (text only) | 50/51 | 12 | – | 1–2 |
| resiliparse 2.0 (text only) | 38/51 | 15 | – | <1 |
| justext 3.0 (text only) | 23/51 | 3 | – | 3–6 |

trafilatura drops no article text and no boilerplate but loses figure captions
and the `>` of block quotes in its own Markdown, and turns ordered lists into
bullets in its HTML; its XML keeps lists' kinds and quotes, so the writer here
renders that XML, puts captions back under their images and leaves out images
the page declares icon-sized (an author's avatar).
"""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from threadsmith.importing.essay import ImportedEssay
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
READ_MORE = "Read the full post: {url}"  # the last post's extra for a page with an address
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
) -> ImportedEssay:
    """Imports `source` by what it is: an address, a saved page, or a Word document.

    Images are written into `images_dir` and named in the Markdown by absolute path,
    or relative to `paths_relative_to`. `read_more` is the last post's extra for a page
    with an address (`{url}` is replaced; None: none). `timeout` is in seconds per
    request (None: 20 s)."""
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
