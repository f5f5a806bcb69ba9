"""What an import gives back: the draft's Markdown, with the front matter that says where
it came from, and the images and warnings that go with it.

Lines of blog page furniture the article still carries ("Share this:", "Continue
reading →", "View original post 106 more words"; `threading.leftovers` says which)
are left out, and one warning names them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from threadsmith.importing.defaults import READ_MORE
from threadsmith.importing.images import ImportedImage

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # furniture is named by its words, not its link

__all__ = ["READ_MORE", "ImportedEssay", "essay", "front_matter"]


@dataclass(frozen=True)
class ImportedEssay:
    """An imported document, ready to become a draft.

    `markdown` is the whole draft: YAML front matter (`title:`, `source:` and, for a
    page with an address, `last:` "Read the full post: URL") then `# title` and the
    text. `body` is the same without the front matter. `images` are the files written
    to the caller's folder, in the order they stand; `warnings` are one line each
    (an image left out, a part of the document that could not be read)."""

    markdown: str
    body: str
    title: str
    source: str
    url: str | None  # the page's address, when it has one (after redirects)
    images: tuple[ImportedImage, ...] = ()
    warnings: tuple[str, ...] = ()


def front_matter(title: str, source: str, last: str | None) -> str:
    """The `---` block that opens an imported draft."""
    import yaml

    settings: dict[str, str] = {"title": title, "source": source}
    if last:
        settings["last"] = last
    text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{text}---\n"


def essay(
    title: str,
    source: str,
    body: str,
    url: str | None,
    read_more: str | None,
    images: list[ImportedImage],
    warnings: list[str],
) -> ImportedEssay:
    """Puts the parts together; `read_more` is a template with `{url}` (None: no `last:`)."""
    from threadsmith.importing.markdown_writer import escape_text
    from threadsmith.threading.leftovers import leftover_lines, without_leftovers

    if furniture := [line for _, _, line in leftover_lines(body)]:
        body = without_leftovers(body)
        warnings = [*warnings, _furniture_left_out(furniture)]

    last = read_more.format(url=url) if read_more and url else None
    heading = f"# {escape_text(title)}\n\n" if title else ""
    full_body = heading + body
    return ImportedEssay(
        markdown=front_matter(title, source, last) + full_body,
        body=full_body,
        title=title,
        source=source,
        url=url,
        images=tuple(images),
        warnings=tuple(warnings),
    )


def _furniture_left_out(lines: list[str]) -> str:
    """One line naming the furniture left out (the first three lines of it)."""
    from threadsmith.wording import counted

    shown = ", ".join(f'"{_shortened(line)}"' for line in lines[:3])
    more = ", …" if len(lines) > 3 else ""
    return f"left out {counted(len(lines), 'line')} of blog page furniture: {shown}{more}"


def _shortened(line: str) -> str:
    words = _LINK.sub(r"\1", line).strip()
    return words if len(words) <= 60 else words[:59] + "…"
