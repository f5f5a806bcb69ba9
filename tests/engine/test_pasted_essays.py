"""The pasted-style essays (tests/engine/essays/*-pasted-*.md): text as it comes from
WordPress, Google Docs, email and blogs, split as a campaigner would want it.

Every post valid by the platforms' own libraries, the author's words kept exactly,
no title line at the end of a post, and most breaks at sentence or paragraph ends
with posts well filled. `python bench/engine.py` prints the same figures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from support.network_counts import NetworkCounter
from support.split import split
from support.text_strategies import essays
from threadsmith.threading import Thread
from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.threading.markdown import Kind, read_blocks

ESSAYS = sorted((Path(__file__).parent / "essays").glob("*-pasted-*.md"))
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
NETWORKS = ["x", "bluesky"]


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # as written: CRLF and BOM kept


def words(text: str) -> list[str]:
    """Whitespace-separated words a reader sees (invisible characters alone are none)."""
    return [word for word in text.split() if word.strip(INVISIBLE)]


def rendered_words(text: str) -> list[str]:
    """The essay's words as its Markdown renders (entities resolved, markers dropped)."""
    source = text.replace("\r\n", "\n")
    found: list[str] = []
    for block, _ in read_blocks(source[read_front_matter(source).body_start :]):
        if block.kind != Kind.BREAK and words(block.text):
            found += [block.marker] * bool(block.marker) + words(block.text)
    return found


def title_lines(text: str) -> list[str]:
    """Headings, and paragraphs of one short line that do not end like a sentence or a
    clause, that have text after them."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))]
    titles = []
    for paragraph in [p for p in paragraphs if p][:-1]:
        line = paragraph.strip(INVISIBLE + " ")
        if "\n" in line or re.match(r"[-*+>]|\d+[.)] ", line):
            continue
        if line.startswith("#"):
            titles.append(line.lstrip("#").strip())
        elif len(line.split()) <= 12 and line.rstrip("\"'”’)")[-1] not in ".!?…:;,—–":
            titles.append(line)
    return titles


@pytest.fixture(scope="module", params=NETWORKS)
def threads(request: pytest.FixtureRequest) -> list[Thread]:
    return [split(read(path), request.param) for path in ESSAYS]


def test_the_corpus_has_what_pasted_text_has() -> None:
    everything = "".join(read(path) for path in ESSAYS)
    for what, mark in [
        ("no-break space after a full stop", ".\u00a0"),
        ("two spaces after a full stop", ".  "),
        ("&nbsp; entity", "&nbsp;"),
        ("inline bullet", " • "),
        ("curly quotes", "“"),
        ("CRLF line endings", "\r\n"),
        ("zero-width space", "\u200b"),
        ("soft hyphen", "\u00ad"),
        ("em space", "\u2003"),
    ]:
        assert mark in everything, what
    assert sum(len(title_lines(read(path))) for path in ESSAYS) >= 12


def test_the_authors_words_are_kept_exactly(threads: list[Thread]) -> None:
    for path, thread in zip(ESSAYS, threads, strict=True):
        published = [word for post in thread.posts for word in words(post.body)]
        expected = rendered_words(read(path))
        if thread.network == "x":  # X refuses U+FEFF: its successor U+2060 goes instead
            expected = [word.replace("\ufeff", "\u2060") for word in expected]
        assert published == expected, path.name
        assert "&nbsp;" not in "".join(post.text for post in thread.posts)


def test_no_title_line_ends_a_post(threads: list[Thread]) -> None:
    for path, thread in zip(ESSAYS, threads, strict=True):
        titles = title_lines(read(path))
        for post in thread.posts[:-1]:
            last_paragraph = post.body.rsplit("\n\n", 1)[-1].strip(INVISIBLE)
            assert last_paragraph not in titles, (path.name, post.number)


def test_breaks_are_at_sentence_ends_and_posts_are_well_filled(threads: list[Thread]) -> None:
    breaks = [post for thread in threads for post in thread.posts[:-1]]
    clean = sum(not post.ends_mid_sentence for post in breaks) / len(breaks)
    fill = sum(post.length / post.limit for post in breaks) / len(breaks)
    assert clean >= 0.95
    assert fill >= 0.75


@pytest.mark.realparts
@pytest.mark.parametrize("compact", [False, True])
def test_every_post_is_valid_for_the_networks_own_libraries(
    counter: NetworkCounter, compact: bool
) -> None:
    for path in ESSAYS:
        for post in split(read(path), "x", compact=compact).posts:
            counts = counter.count(post.text)
            assert counts.x == post.length and counts.x_valid, (path.name, post.text)
        thread = split(read(path), "bluesky", compact=compact)
        for post in thread.posts:
            posted = thread.rules.posted(post.text)  # links shortened, as the app posts them
            assert posted == counter.count(post.text).bluesky_posted, (path.name, post.text)
            counts = counter.count(posted)
            assert counts.graphemes == post.length <= 300, (path.name, posted)
            assert counts.bytes <= 3000


# What pasting puts in place of a plain space, or next to a word.
PASTED_SPACES = ["\u00a0", "\u00a0 ", "  ", "\u2003", "\u2009", "\u202f", "\u3000", " • ", " · "]
PASTED_MARKS = ["\u200b", "\ufeff", "\u00ad", "\u2060", "\u200c", "&nbsp;", "\ufffe"]


@st.composite
def pasted_essays(draw: st.DrawFn) -> str:
    text = draw(essays)
    spaces = [i for i, char in enumerate(text) if char == " "]
    chars = list(text)
    for at in draw(st.lists(st.sampled_from(spaces), max_size=40)) if spaces else []:
        chars[at] = draw(st.sampled_from(PASTED_SPACES))
    for _ in range(draw(st.integers(0, 20))):
        at = draw(st.integers(0, len(chars)))
        chars.insert(at, draw(st.sampled_from(PASTED_MARKS)))
    return "".join(chars).replace("\n\n", draw(st.sampled_from(["\n\n", "\r\n\r\n"])))


@pytest.mark.realparts
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(pasted_essays(), st.booleans())
# U+FEFF is a space to the official library (JavaScript's \s): no address after it
@example("A " + "x" * 60 + " A https://\ufeffwww.gov.uk/government/news/ofsted-visits A", False)
def test_pasted_text_gives_posts_valid_for_the_networks_own_libraries(
    counter: NetworkCounter, text: str, compact: bool
) -> None:
    for post in split(text, "x", compact=compact).posts:
        counts = counter.count(post.text)
        assert counts.x == post.length and counts.x_valid, post.text
    thread = split(text, "bluesky", compact=compact)
    for post in thread.posts:
        posted = thread.rules.posted(post.text)  # links shortened, as the app posts them
        assert posted == counter.count(post.text).bluesky_posted, post.text
        counts = counter.count(posted)
        assert counts.graphemes == post.length <= 300, posted
        assert counts.bytes <= 3000
