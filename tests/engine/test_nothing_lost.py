"""Text as pasted from the web and documents: nothing is lost, nothing is published as
markup. Deep nesting, tables and raw HTML keep their words (or refuse with a line)."""

from __future__ import annotations

import pytest

from support.split import split
from threadsmith.errors import InputError


def words(thread_text: str) -> list[str]:
    return thread_text.split()


def published(text: str) -> str:
    return " ".join(post.body for post in split(text, "bluesky").posts)


@pytest.mark.parametrize("depth", [10, 21, 49])
def test_deeply_nested_lists_keep_their_words(depth: int) -> None:
    items = "".join("  " * level + f"- item{level}\n" for level in range(depth))
    body = published("Intro.\n\n" + items + "\nAfter the list.")
    assert [f"item{level}" for level in range(depth)] == [
        word for word in words(body) if word.startswith("item")
    ]
    assert body.endswith("After the list.")  # nor is what follows in the same chunk lost


@pytest.mark.parametrize("depth", [20, 22, 99])
def test_deeply_nested_quotes_keep_their_words(depth: int) -> None:
    body = published("Intro.\n\n" + "> " * depth + "the deep words\n\n| a | b |\n|---|---|\n")
    assert "the deep words" in body


def test_nesting_deeper_than_read_is_refused_not_dropped() -> None:
    with pytest.raises(InputError, match="“too deep words” is nested too deep"):
        split("Intro.\n\n" + "> " * 150 + "too deep words", "x")


def test_a_table_is_published_as_lines_with_a_warning() -> None:
    text = (
        "Funding by year:\n\n| Year | Funding |\n| --- | --- |\n| 2020 | £4bn |\n| 2021 | £5bn |\n"
    )
    thread = split(text, "x")
    (post,) = thread.posts
    assert "Year · Funding\n2020 · £4bn\n2021 · £5bn" in post.text
    assert "|" not in post.text and "---" not in post.text
    assert [w.kind for w in thread.warnings] == ["table"]
    start, end = post.span  # the words map back to the essay
    assert text[start:end].startswith("Funding by year") and text[:end].endswith("| £5bn")


def test_html_tags_are_left_out_and_their_text_kept() -> None:
    text = (
        '<div class="entry">The <b>real-terms</b> cut&nbsp;is 9%.<script>track()</script></div>'
        '\n\nInline <span style="color:red">colour</span> and a <!-- note --> comment.'
    )
    thread = split(text, "x")
    body = " ".join(post.text for post in thread.posts)
    assert "<" not in body and "track()" not in body
    assert "The real-terms cut\u00a0is 9%." in body and "Inline colour and a comment." in body
    assert [w.kind for w in thread.warnings] == ["html"]


def test_less_than_in_prose_is_not_a_tag() -> None:
    thread = split("Class sizes < 30 and pay <3% are the asks.", "x")
    assert thread.posts[0].body == "Class sizes < 30 and pay <3% are the asks."
    assert thread.warnings == ()
