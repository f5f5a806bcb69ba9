"""Import, then split with the engine: every post valid where it is published, no word lost.

Validity is judged by the platforms' own counting code (twitter-text for X, the
PDS's grapheme and byte counters for Bluesky), run by Node: a real part.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.import_site.articles import BY_NETWORK, Article, plain
from support.import_site.site_server import ARTICLE_PATHS, Site
from support.import_site.word_documents import EXPECTED_WORDS, LINK, letter
from support.network_counts import NetworkCounter
from support.split import split
from threadsmith.importing import ImportedEssay, import_url, import_word_file
from threadsmith.threading import Thread

pytestmark = pytest.mark.realparts


def thread_words(thread: Thread) -> list[str]:
    """The words of the posts' bodies, without the list markers the engine adds."""
    text = "\n".join(post.body for post in thread.posts)
    return re.sub(r"(?m)^(?:•|\d+\.) ", "", text).split()


def article_thread_words(article: Article) -> list[str]:
    """The article's words as the engine writes them: a link is its text then its URL."""
    out = [article.title] + ([article.subtitle] if article.subtitle else [])
    for block in article.blocks:
        parts = (
            block[1] if block[0] in ("ul", "ol") else [block[3] if block[0] == "img" else block[1]]
        )
        for part in parts:
            out.append(plain(re.sub(r'<a href="([^"]+)">(.*?)</a>', r"\2 \1", part)))
    return " ".join(out).split()


def assert_valid_thread(essay: ImportedEssay, network: str, counter: NetworkCounter) -> Thread:
    thread = split(essay.markdown, network=network)
    assert len(thread.posts) > 1
    for post in thread.posts:
        counts = counter.count(post.text)
        if network == "x":
            assert counts.x_valid and counts.x <= 280, post.text
        else:
            assert counts.graphemes <= 300 and counts.bytes <= 3000, post.text
    # the draft's `last:` closes the thread, as a campaigner's thread does
    if essay.url:
        assert f"Read the full post: {essay.url}" in thread.posts[-1].text
    # attached, in order, each image once
    media = [item.path for post in thread.posts for item in post.media]
    assert media == [str(image.path) for image in essay.images]
    assert [item.alt for post in thread.posts for item in post.media] == [
        image.alt for image in essay.images
    ]
    # `source:` is not a key the engine knows yet: that is the one warning allowed
    assert all(w.kind == "front-matter" and "'source'" in w.message for w in thread.warnings), (
        thread.warnings
    )
    return thread


@pytest.mark.parametrize("network", ["x", "bluesky"])
@pytest.mark.parametrize("page", list(BY_NETWORK))
def test_an_imported_page_splits_into_valid_posts_with_every_word(
    site: Site, tmp_path: Path, counter: NetworkCounter, page: str, network: str
) -> None:
    essay = import_url(site.url(ARTICLE_PATHS[page]), tmp_path)
    thread = assert_valid_thread(essay, network, counter)
    assert thread_words(thread) == article_thread_words(BY_NETWORK[page])


@pytest.mark.parametrize("network", ["x", "bluesky"])
def test_an_imported_word_document_splits_into_valid_posts_with_every_word(
    tmp_path: Path, counter: NetworkCounter, network: str
) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(letter())
    essay = import_word_file(path, tmp_path / "images")
    thread = assert_valid_thread(essay, network, counter)
    at = EXPECTED_WORDS.index("document")  # the engine writes a link's URL after its text
    assert thread_words(thread) == [*EXPECTED_WORDS[: at + 1], LINK, *EXPECTED_WORDS[at + 1 :]]
