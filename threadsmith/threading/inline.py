"""Inline Markdown → plain post text, keeping a map back to the source.

markdown-it-py parses the block structure; this module does the inline part
itself because posts need (a) offsets back into the essay for every word and
(b) speed on every keystroke (markdown-it's inline pass costs ~120 ms on a
10,000-word essay; this one a few ms, and it is cached per paragraph).

What it does: emphasis markers dropped, `[text](url)` → `text url`,
`![alt](path)` removed and reported as an image at that point, code spans kept
verbatim without their backticks, autolinks unwrapped, escapes and entities
resolved (`&nbsp;` is a no-break space), hard line breaks (a backslash at the end
of a line, `<br>`) made line breaks, other HTML tags left out (their text kept: a
post is not a web page, and pasted text brings stray tags). Text is otherwise
untouched. `render_html` does the same for a whole HTML block.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from threadsmith.threading.models import Media

_SPECIAL = frozenset("*_`[]<\\&~!")

# CommonMark's raw HTML: an open or closing tag, a comment, a declaration.
_HTML_TAG = (
    r"<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>|<!--.*?-->|<![A-Za-z][^>]*>|<\?.*?\?>"
)
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*"""
_DEST = r"(?:<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+)(?P<codetext>.+?)(?<!`)(?P=ticks)(?!`))"
    rf"|(?P<image>!\[(?P<alt>[^\]]*)\]\((?P<src>{_DEST}){_TITLE}\))"
    rf"|(?P<link>\[(?P<text>[^\]]+)\]\((?P<href>{_DEST}){_TITLE}\))"
    r"|(?P<ref>\[(?P<rtext>[^\]]+)\](?:\[(?P<label>[^\]]*)\])?)"
    r"|(?P<auto><(?P<aurl>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>)"
    r"|(?P<hardbreak>\\(?=\n)|<[bB][rR]\s*/?>)"
    rf"|(?P<tag>{_HTML_TAG})"
    r"|(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<url>(?:https?|ftp)://[^\s<>]+)",
    re.DOTALL,
)
_DELIMS = re.compile(r"\*+|_+|~~+")

Edit = tuple[int, int, str, Media | None]  # (start, end, replacement, image removed here)


@dataclass(frozen=True, slots=True)
class Inline:
    """Rendered text of one inline run, with anchors (out_pos, content_pos) and images."""

    text: str
    anchors: tuple[tuple[int, int], ...]
    images: tuple[tuple[int, Media], ...] = ()
    html: bool = False  # HTML tags were left out
    table: bool = False  # a table's row, made a line of text

    def content_offset(self, out_pos: int) -> int:
        """The offset in the Markdown content that produced `text[out_pos]`."""
        index = bisect_right(self.anchors, (out_pos, 1 << 62)) - 1
        out_at, content_at = self.anchors[max(index, 0)]
        return content_at + (out_pos - out_at)


@lru_cache(maxsize=4096)
def render_inline(content: str, references: tuple[tuple[str, str], ...] = ()) -> Inline:
    """Render one paragraph's inline Markdown (cached: most paragraphs don't change per key)."""
    if _SPECIAL.isdisjoint(content):
        return Inline(content, ((0, 0),))
    edits: list[Edit] = []  # non-overlapping
    protected: list[tuple[int, int]] = []
    refs = dict(references)
    tags = False
    for match in _INLINE.finditer(content):
        start, end = match.span()
        kind = match.lastgroup
        if match.group("code") is not None:
            ticks = len(match.group("ticks"))
            edits += [(start, start + ticks, "", None), (end - ticks, end, "", None)]
            protected.append((start, end))
        elif match.group("image") is not None:
            alt = _plain(match.group("alt"))
            edits.append((start, end, "", Media(_unwrap(match.group("src")), alt)))
            protected.append((start, end))
        elif match.group("link") is not None:
            text_end = match.start("text") + len(match.group("text"))
            href_start, href_end = match.span("href")
            href = _unwrap(match.group("href"))
            if match.group("href").startswith("<"):
                href_start, href_end = href_start + 1, href_end - 1
            if not href:
                edits += [(start, start + 1, "", None), (text_end, end, "", None)]
            elif _plain(match.group("text")) in (href, _bare(href)):
                # the text already says the link: keep the URL once
                edits += [(start, href_start, "", None), (href_end, end, "", None)]
            else:
                edits += [
                    (start, start + 1, "", None),
                    (text_end, href_start, " ", None),
                    (href_end, end, "", None),
                ]
            protected += [(start, start + 1), (text_end, end)]
        elif kind == "ref":
            label = (match.group("label") or match.group("rtext")).strip().lower()
            url = refs.get(" ".join(label.split()))
            if url is None:
                continue  # plain brackets: leave them as written
            text_end = match.start("rtext") + len(match.group("rtext"))
            edits += [(start, start + 1, "", None), (text_end, end, " " + url, None)]
            protected += [(start, start + 1), (text_end, end)]
        elif kind == "auto":
            edits += [(start, start + 1, "", None), (end - 1, end, "", None)]
            protected.append((start, end))
        elif kind == "hardbreak":  # a line break (the post's text joins its lines)
            edits.append((start, end, "" if content[start] == "\\" else "\n", None))
            protected.append((start, end))
        elif kind == "tag":
            edits.append((start, end, "", None))
            protected.append((start, end))
            tags = True
        elif kind == "esc":
            edits.append((start, start + 1, "", None))
            protected.append((start, end))
        elif kind == "entity":
            import html  # here: most essays hold no entity, and `html` costs ~3 ms to load

            edits.append((start, end, html.unescape(match.group()), None))
            protected.append((start, end))
        else:  # a bare URL: its underscores and asterisks are not emphasis
            protected.append((start, end))
    protected.sort()
    edits += _emphasis_edits(content, protected)
    rendered = _apply(content, edits)
    return replace(rendered, html=True) if tags else rendered


@cache
def _html_parts() -> re.Pattern[str]:
    """Tags, block tags and entities of an HTML block, compiled at the first one
    (~3 ms of start-up otherwise): most essays hold none."""
    return re.compile(
        r"(?P<drop><(?P<what>script|style)\b.*?</(?P=what)\s*>)"  # code, not words
        rf"|(?P<block></?(?:p|div|li|h[1-6]|tr|td|th|blockquote|section|article|br)\b[^>]*>)"
        rf"|(?P<tag>{_HTML_TAG})"
        r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
        re.DOTALL | re.IGNORECASE,
    )


@lru_cache(maxsize=1024)
def render_html(content: str) -> Inline:
    """An HTML block as its text: tags left out (block tags part words), entities
    resolved, scripts and styles dropped; mapped back to the source like any text."""
    edits: list[Edit] = []
    for match in _html_parts().finditer(content):
        start, end = match.span()
        if match.group("entity") is not None:
            import html

            edits.append((start, end, html.unescape(match.group()), None))
        else:
            edits.append((start, end, " " if match.group("block") else "", None))
    return replace(_apply(content, edits), html=True)


def _apply(content: str, edits: list[Edit]) -> Inline:
    out: list[str] = []
    anchors: list[tuple[int, int]] = [(0, 0)]
    placed: list[tuple[int, Media]] = []
    pos = out_pos = 0
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        start, end, replacement, media = edit
        if start < pos:
            continue  # overlapped by an earlier edit (malformed input): first one wins
        if start > pos:
            anchors.append((out_pos, pos))
            out.append(content[pos:start])
            out_pos += start - pos
        if media is not None:
            placed.append((out_pos, media))
        if replacement:
            anchors.append((out_pos, start))
            out.append(replacement)
            out_pos += len(replacement)
        pos = end
        anchors.append((out_pos, pos))
    out.append(content[pos:])
    return Inline("".join(out), tuple(anchors), tuple(placed))


def _emphasis_edits(content: str, protected: list[tuple[int, int]]) -> list[Edit]:
    """Delete matched emphasis delimiter runs (CommonMark flanking rules, simplified)."""
    openers: list[tuple[str, int, int]] = []  # (char, start, length)
    edits: list[Edit] = []
    starts = [start for start, _ in protected]
    for match in _DELIMS.finditer(content):
        start, end = match.span()
        index = bisect_right(starts, start) - 1
        if index >= 0 and protected[index][1] > start:
            continue
        char = content[start]
        before = content[start - 1] if start else " "
        after = content[end] if end < len(content) else " "
        left = not after.isspace() and (
            not _is_punct(after) or before.isspace() or _is_punct(before)
        )
        right = not before.isspace() and (
            not _is_punct(before) or after.isspace() or _is_punct(after)
        )
        if char == "_":
            can_open = left and (not right or _is_punct(before))
            can_close = right and (not left or _is_punct(after))
        else:
            can_open, can_close = left, right
        length = end - start
        if can_close:
            for depth in range(len(openers) - 1, -1, -1):
                o_char, o_start, o_len = openers[depth]
                if o_char == char:
                    used = min(o_len, length)
                    edits += [
                        (o_start + o_len - used, o_start + o_len, "", None),
                        (start, start + used, "", None),
                    ]
                    del openers[depth:]
                    length -= used
                    start += used
                    break
        if can_open and length:
            openers.append((char, start, length))
    return edits


def _is_punct(char: str) -> bool:
    if char.isascii():
        return not char.isalnum() and not char.isspace()
    return unicodedata.category(char)[0] in "PS"


def _unwrap(dest: str) -> str:
    return dest[1:-1] if dest.startswith("<") and dest.endswith(">") else dest


def _bare(url: str) -> str:
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme) :].rstrip("/")
    return url


def _plain(text: str) -> str:
    """Alt or link text without emphasis markers, for comparisons and alt text."""
    return render_inline(text).text.strip() if not _SPECIAL.isdisjoint(text) else text.strip()
