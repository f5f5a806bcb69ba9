"""What an imported draft must hold, checked against the article it was made from."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from support.import_site.articles import Article, plain
from threadsmith.importing import ImportedEssay

_IMAGE = re.compile(r"!\[([^\]]*)\]\((<[^>]*>|[^)\s]*)\)")


def words(markdown: str) -> list[str]:
    """The words a reader sees: Markdown markers, link targets and images removed."""
    text = _IMAGE.sub(" ", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s*(?:#{1,6}|>|[-*+]|\d+[.)])\s+", " ", text)
    text = re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*+", "", text))
    return text.split()


def article_words(article: Article) -> list[str]:
    return " ".join(article.texts()).split()


def front_matter(essay: ImportedEssay) -> dict[str, str]:
    assert essay.markdown.startswith("---\n")
    block = essay.markdown[4 : essay.markdown.index("\n---\n", 4)]
    settings = yaml.safe_load(block)
    assert isinstance(settings, dict)
    return settings


def images_in(markdown: str) -> list[tuple[str, str]]:
    """(alt, path) of each image, in order."""
    return [(alt, path.strip("<>")) for alt, path in _IMAGE.findall(markdown)]


def assert_article(essay: ImportedEssay, article: Article) -> None:
    """Every text block in order, no boilerplate, the structure and the images in place."""
    body = essay.body
    assert essay.title == article.title
    assert body.startswith(f"# {article.title}\n")
    # the same words, in the same order, and nothing else
    assert words(body) == article_words(article)
    for phrase in article.boilerplate:
        assert phrase not in body, f"boilerplate {phrase!r} in the draft"
    flat = " ".join(words(body))
    positions = [flat.find(" ".join(text.split())) for text in article.texts()]
    assert -1 not in positions and positions == sorted(positions)
    for line in _structure(article):
        assert re.search(line, body), f"missing: {line}"
    for text, href in article.links():
        assert f"[{text}]({href})" in body
    _assert_images(essay, article)


def _structure(article: Article) -> list[str]:
    patterns = []
    for block in article.blocks:
        kind = block[0]
        if kind == "h2":
            patterns.append(rf"(?m)^## {re.escape(plain(block[1]))}$")
        elif kind in ("ul", "ol"):
            for number, item in enumerate(block[1], 1):
                mark = "- " if kind == "ul" else f"{number}. "
                patterns.append(rf"(?m)^{re.escape(mark + plain(item))}$")
        elif kind == "quote":
            patterns.append(rf"(?m)^> {re.escape(plain(block[1]))}$")
        elif kind == "p":
            for inner in re.findall(r"<em>(.*?)</em>", block[1]):
                patterns.append(re.escape(f"*{plain(inner)}*"))
            for inner in re.findall(r"<strong>(.*?)</strong>", block[1]):
                patterns.append(re.escape(f"**{plain(inner)}**"))
    return patterns


def _assert_images(essay: ImportedEssay, article: Article) -> None:
    """The article's images, and only those, each as a file, standing between the text
    that precedes it and the text that follows it on the page."""
    found = images_in(essay.body)
    assert [alt for alt, _ in found] == [alt for _, alt in article.images()]
    assert [Path(path) for _, path in found] == [image.path for image in essay.images]
    for alt, path in found:
        assert Path(path).is_file() and Path(path).is_absolute()
        before, _, after = essay.body.partition(f"![{alt}]")
        preceding, following = _neighbours(article, alt)
        if preceding:
            assert preceding in " ".join(words(before)), f"{alt!r} is not after {preceding!r}"
        if following:
            assert following in " ".join(words(after)), f"{alt!r} is not before {following!r}"
            assert following not in " ".join(words(before))


def _neighbours(article: Article, alt: str) -> tuple[str, str]:
    texts: list[str | None] = []
    for block in article.blocks:
        if block[0] == "img":
            texts.append(None if block[2] == alt else "")
            if block[3]:
                texts.append(plain(block[3]))
        elif block[0] in ("ul", "ol"):
            texts.extend(plain(item) for item in block[1])
        else:
            texts.append(plain(block[1]))
    at = texts.index(None)
    preceding = next((t for t in reversed(texts[:at]) if t), "")
    following = next((t for t in texts[at + 1 :] if t), "")
    return " ".join(preceding.split()), " ".join(following.split())
