"""An HTML tree (lxml) → the plain Markdown a threadsmith essay is written in.

Both import paths end here: the article trafilatura found on a web page (its XML
renamed to HTML tags first) and the HTML mammoth makes of a Word document. What
comes out is what the engine reads: `#` headings, paragraphs on one line, `-` and
`1.` lists, `>` quotes, `[text](url)` links, `*`/`**` emphasis, `![alt](path)`
images where they stood, fenced code, and `---` for a horizontal rule (the
engine's forced post break).

What the author meant, rather than what the page's markup says:

- a link on a handle to its profile is the mention alone (`profile_links`);
- a figure's caption is on the line under its image, in the image's block, and
  ends like a sentence (a full stop added when it has no closing punctuation): the
  engine reads a short line without one as a title, which opens the post of the
  text after it, away from its image.

Text is escaped so that the engine reads back the words the page showed: a `*`,
`_`, `[` or backtick in the text, or a `1.` or `#` opening a paragraph, is
backslash-escaped (the engine removes the backslash).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from threadsmith.importing.profile_links import profile_mention

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SKIPPED = frozenset(
    "script style noscript template head title meta link form button input select "  # noqa: SIM905
    "textarea iframe object embed svg canvas video audio map nav".split()
)
_BLOCKS = frozenset(
    "address article aside blockquote body center dd details div dl dt fieldset "  # noqa: SIM905
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
_EMPHASIS = {"em": "*", "i": "*", "cite": "*", "dfn": "*", "strong": "**", "b": "**"}
_CODE = frozenset({"code", "kbd", "samp", "tt"})

_ESCAPED = re.compile(r"[\\*`\[\]]|<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# A line the engine would read as the start of a block other than a paragraph.
_BLOCK_START = re.compile(
    r"(#{1,6}(?:\s|$)|>|[-+](?:\s|$)|-{2,}\s*$|=+\s*$|~~~)|(\d{1,9})([.)])(?:\s|$)"
)
_LIST_ITEM = re.compile(r"(?:- |\d{1,9}\. )")
# How the engine tells a sentence's or a clause's end from a title's (threading/tokens.py)
_ENDS_A_SENTENCE_OR_CLAUSE = frozenset(".!?…:;,—–。！？．、，；：")
_CLOSERS = "\"'”’»)]}*_\\"

ImageTarget = Callable[[str, str], str | None]  # (src, alt) -> the path to write, None to drop


class MarkdownWriter:
    """Renders one tree. `image_target` maps each image to the path the Markdown names
    (None leaves the image out); `link_target` resolves an href (None keeps the text only)."""

    def __init__(
        self,
        image_target: ImageTarget | None = None,
        link_target: Callable[[str], str | None] | None = None,
    ) -> None:
        self._image_target = image_target or (lambda src, alt: src)
        self._link_target = link_target or (lambda href: href or None)

    def render(self, root: Any) -> str:
        """The Markdown of everything under `root`, blocks separated by a blank line."""
        blocks = self._blocks(root)
        return "\n\n".join(blocks) + "\n" if blocks else ""

    # --- blocks -----------------------------------------------------------------------

    def _blocks(self, element: Any) -> list[str]:
        blocks: list[str] = []
        pending: list[str] = [_text(element.text)]  # inline content between blocks
        for child in element:
            tag = _tag(child)
            if tag in _BLOCKS or (tag == "img" and not "".join(pending).strip()):
                self._flush(pending, blocks)
                blocks.extend(self._block(child, tag))
                pending = [_text(child.tail)]
            else:
                pending.append(self._inline(child, tag))
                pending.append(_text(child.tail))
        self._flush(pending, blocks)
        return blocks

    def _flush(self, pending: list[str], blocks: list[str]) -> None:
        paragraph = _lines("".join(pending))
        if paragraph:
            blocks.append(_escape_line_starts(paragraph))
        pending.clear()

    def _block(self, element: Any, tag: str) -> list[str]:
        if tag in _HEADINGS:
            text = " ".join(_lines(self._inner(element)).split("\n"))
            return [f"{'#' * _HEADINGS[tag]} {text}"] if text else []
        if tag in ("ul", "ol"):
            return self._list(element, ordered=tag == "ol")
        if tag == "blockquote":
            inner = "\n\n".join(self._blocks(element))
            return [_prefix_lines(inner, "> ", ">")] if inner else []
        if tag == "pre":
            return [_fence("".join(element.itertext()))]
        if tag == "hr":
            return ["---"]
        if tag == "img":
            image = self._image(element)
            return [image] if image else []
        if tag == "figure":
            return self._figure(element)
        if tag == "table":
            return self._table(element)
        return self._blocks(element)

    def _list(self, element: Any, ordered: bool) -> list[str]:
        number = _start(element) if ordered else 0
        items: list[list[str]] = []
        for child in element:
            if _tag(child) != "li":
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            blocks = self._blocks(child)
            if not blocks:
                continue
            # a nested list stays tight under its item; a second paragraph needs a blank line
            body = blocks[0]
            for block in blocks[1:]:
                body += ("\n" if _LIST_ITEM.match(block) else "\n\n") + block
            items.append([marker + _indent(body, len(marker))])
        loose = any("\n\n" in item[0] for item in items)
        joined = ("\n\n" if loose else "\n").join(item[0] for item in items)
        return [joined] if joined else []

    def _figure(self, element: Any) -> list[str]:
        images = [self._image(img) for img in element.iter("img")]
        captions = [self._inner(caption) for caption in element.iter("figcaption")]
        lines = [image for image in images if image]
        caption = _lines(" ".join(captions)).replace("\n", " ")
        if caption:
            lines.append(_escape_line_starts(_as_sentence(caption)))
        return ["\n".join(lines)] if lines else []

    def _table(self, element: Any) -> list[str]:
        # Threads have no tables: each row becomes a list item, its cells separated by " | ".
        rows = []
        for row in element.iter("tr"):
            cells = [_lines(self._inner(cell)).replace("\n", " ") for cell in row]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                rows.append(f"- {text}")
        return ["\n".join(rows)] if rows else []

    # --- inline ----------------------------------------------------------------------

    def _inner(self, element: Any) -> str:
        parts = [_text(element.text)]
        for child in element:
            parts.append(self._inline(child, _tag(child)))
            parts.append(_text(child.tail))
        return "".join(parts)

    def _inline(self, element: Any, tag: str) -> str:
        if tag in _SKIPPED or not tag:
            return ""
        if tag == "br":
            return "\n"
        if tag == "img":
            return self._image(element)
        if tag == "a":
            return self._link(element)
        if tag in _EMPHASIS:
            return _wrap(self._inner(element), _EMPHASIS[tag])
        if tag in _CODE:
            return _code_span("".join(element.itertext()))
        inner = self._inner(element)
        return f" {inner} " if tag in _BLOCKS else inner  # a block inside a line: keep words apart

    def _link(self, element: Any) -> str:
        inner = self._inner(element)
        words = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", inner).strip()
        href = self._link_target((element.get("href") or "").strip())
        if not words or href is None:
            return inner  # an image-only link keeps the image; a dead link keeps its words
        leading = inner[: len(inner) - len(inner.lstrip())]
        trailing = inner[len(inner.rstrip()) :]
        mention = profile_mention("".join(element.itertext()), href)
        if mention is not None:
            return f"{leading}{escape_text(mention)}{trailing}"
        text = " ".join(inner.split()).replace("\n", " ")
        return f"{leading}[{text}]({_destination(href)}){trailing}"

    def _image(self, element: Any) -> str:
        src = (element.get("src") or "").strip()
        alt = " ".join((element.get("alt") or "").split())
        if not src:
            return ""
        target = self._image_target(src, alt)
        if target is None:
            return ""
        alt = alt.replace("[", "(").replace("]", ")").replace("\\", "\\\\")
        return f"![{alt}]({_destination(target)})"


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""  # comments and processing instructions


def escape_text(text: str) -> str:
    """Plain text as Markdown that reads back as the same words (spaces collapsed)."""
    return _text(text).strip()


def _text(text: str | None) -> str:
    if not text:
        return ""
    return _ESCAPED.sub(lambda m: "\\" + m.group(), re.sub(r"\s+", " ", text))


def _lines(text: str) -> str:
    """Inline text tidied: spaces collapsed, each line trimmed, empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _escape_line_starts(paragraph: str) -> str:
    return "\n".join(_escape_line_start(line) for line in paragraph.split("\n"))


def _escape_line_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    if match.group(2) is not None:  # "2026. A year…": escape the dot, not the digits
        return f"{match.group(2)}\\{line[len(match.group(2)) :]}"
    return "\\" + line


def _as_sentence(caption: str) -> str:
    """`caption` ending as a sentence does (what `threading.tokens.is_title_line` reads)."""
    core = caption.rstrip(_CLOSERS) or caption
    return caption if core[-1] in _ENDS_A_SENTENCE_OR_CLAUSE else caption + "."


def _wrap(inner: str, marker: str) -> str:
    core = inner.strip()
    if not core or "\n" in core:
        return inner
    leading = inner[: len(inner) - len(inner.lstrip())]
    trailing = inner[len(inner.rstrip()) :]
    return f"{leading}{marker}{core}{marker}{trailing}"


def _code_span(code: str) -> str:
    code = " ".join(code.split())
    if not code:
        return ""
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


def _fence(code: str) -> str:
    code = code.strip("\n")
    fence = "`" * max(3, max((len(run) + 1 for run in re.findall(r"`{3,}", code)), default=3))
    return f"{fence}\n{code}\n{fence}" if code.strip() else ""


def _destination(target: str) -> str:
    """A link or image target as Markdown reads it: in <…> when it has spaces or brackets."""
    target = target.replace("<", "%3C").replace(">", "%3E").replace("\n", "")
    return f"<{target}>" if re.search(r"[\s()]", target) else target


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(
        line if index == 0 or not line else pad + line
        for index, line in enumerate(text.split("\n"))
    )


def _prefix_lines(text: str, prefix: str, blank: str) -> str:
    return "\n".join(prefix + line if line else blank for line in text.split("\n"))


def _start(element: Any) -> int:
    try:
        return max(int(element.get("start", "1")), 0)
    except ValueError:
        return 1


def render_markdown(
    root: Any,
    images: Mapping[str, str] | None = None,
    link_target: Callable[[str], str | None] | None = None,
) -> str:
    """`root` as Markdown; with `images`, each image's src becomes its mapped path
    and an image missing from the mapping is left out."""
    image_target: ImageTarget | None = None
    if images is not None:
        mapping = images
        image_target = lambda src, alt: mapping.get(src)  # noqa: E731
    return MarkdownWriter(image_target, link_target).render(root)
