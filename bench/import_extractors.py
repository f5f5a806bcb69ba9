"""Article extractors compared on the test pages: what each keeps, drops and how fast.

For each page of tests/importing/pages.py (WordPress, Substack, Medium, a union's
news page) and each extractor, prints: the article's text blocks found, in order
(target: all), the boilerplate phrases left in (target: 0), the structure kept as
Markdown (headings, list items, quotes, links, emphasis, images with alt; target:
all), and the median time per page. Extractors that give plain text are scored on
text and boilerplate only. A measurement, not a test: libraries not installed are
skipped.

    pip install trafilatura lxml_html_clean readability-lxml markdownify readabilipy \
        goose3 newspaper4k resiliparse boilerpy3 justext
    python bench/import_extractors.py [--runs N]
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "importing"))

from articles import Article, plain  # noqa: E402
from pages import PAGES  # noqa: E402

URL = "http://127.0.0.1:8000/2026/10/03/post/"
Extractor = Callable[[str], str]


def _markdownify(html: str) -> str:
    from markdownify import markdownify

    return str(markdownify(html, heading_style="ATX", bullets="-"))


def trafilatura_markdown(html: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(
            html,
            url=URL,
            output_format="markdown",
            include_images=True,
            include_links=True,
            include_formatting=True,
            include_comments=False,
        )
        or ""
    )


def threadsmith_import(html: str) -> str:
    from threadsmith.importing.markdown_writer import render_markdown
    from threadsmith.importing.web_article import extract_article, resolve_link

    article = extract_article(html, URL, "bench")
    return f"# {article.title}\n\n" + render_markdown(article.body, link_target=resolve_link(URL))


def readability_lxml(html: str) -> str:
    from readability import Document

    document = Document(html)
    return f"# {document.short_title()}\n\n" + _markdownify(document.summary(html_partial=True))


def readabilipy_python(html: str) -> str:
    from readabilipy import simple_json_from_html_string

    article = simple_json_from_html_string(html, use_readability=False)
    return f"# {article['title']}\n\n" + _markdownify(article["content"] or "")


def goose3_text(html: str) -> str:
    from goose3 import Goose

    article = Goose().extract(raw_html=html)
    return f"{article.title}\n\n{article.cleaned_text}"


def newspaper4k_text(html: str) -> str:
    import newspaper

    article = newspaper.Article(URL)
    article.download(input_html=html)
    article.parse()
    return f"{article.title}\n\n{article.text}"


def resiliparse_text(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(html, main_content=True, alt_texts=True, links=False))


def boilerpy3_text(html: str) -> str:
    from boilerpy3 import extractors

    return str(extractors.ArticleExtractor().get_content(html))


def justext_text(html: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode(), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, tuple[str, Extractor, bool]] = {
    # name: (module to import, function, gives Markdown)
    "threadsmith (trafilatura XML + own renderer)": (
        "trafilatura",
        threadsmith_import,
        True,
    ),
    "trafilatura 'markdown'": ("trafilatura", trafilatura_markdown, True),
    "readability-lxml + markdownify": ("readability", readability_lxml, True),
    "readabilipy (python) + markdownify": ("readabilipy", readabilipy_python, True),
    "goose3 (text)": ("goose3", goose3_text, False),
    "newspaper4k (text)": ("newspaper", newspaper4k_text, False),
    "resiliparse (text)": ("resiliparse.extract.html2text", resiliparse_text, False),
    "boilerpy3 (text)": ("boilerpy3.extractors", boilerpy3_text, False),
    "justext (text)": ("justext", justext_text, False),
}


def _flat(text: str) -> str:
    """Markdown reduced to its words: markers, link targets and emphasis removed."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s*(?:#{1,6}|>|[-*+]|\d+[.)])\s+", "", text)
    text = text.replace("**", "").replace("*", "").replace("\\", "")
    return " ".join(text.split())


def score(article: Article, output: str, markdown: bool) -> dict[str, str]:
    flat = _flat(output)
    texts = [" ".join(t.split()) for t in article.texts()[1:]]
    found = [flat.find(t) for t in texts]
    kept = sum(pos >= 0 for pos in found)
    positions = [pos for pos in found if pos >= 0]
    in_order = positions == sorted(positions)
    left = [phrase for phrase in article.boilerplate if phrase in flat]
    row = {
        "text": f"{kept}/{len(texts)}{'' if in_order else ' (order!)'}",
        "boilerplate": f"{len(left)}" + (f" ({', '.join(left[:3])})" if left else ""),
    }
    if markdown:
        row["structure"] = _structure(article, output)
    return row


def _structure(article: Article, output: str) -> str:
    wanted = []
    for block in article.blocks:
        kind = block[0]
        if kind == "h2":
            wanted.append(re.escape(f"## {plain(block[1])}"))
        elif kind in ("ul", "ol"):
            mark = r"[-*+]" if kind == "ul" else r"\d+[.)]"
            wanted += [rf"(?m)^{mark} +{re.escape(plain(item))}" for item in block[1]]
        elif kind == "quote":
            wanted.append(rf"(?m)^> +{re.escape(plain(block[1])[:30])}")
        elif kind == "img":
            wanted.append(re.escape(f"![{block[2]}]("))
    wanted += [rf"\[{re.escape(text)}\]\({re.escape(href)}\)" for text, href in article.links()]
    for block in article.blocks:
        if block[0] == "p":
            for tag, mark in (("em", r"[*_]"), ("strong", r"(?:\*\*|__)")):
                for inner in re.findall(rf"<{tag}>(.*?)</{tag}>", block[1]):
                    wanted.append(mark + re.escape(plain(inner)) + mark)
    kept = sum(bool(re.search(pattern, output)) for pattern in wanted)
    return f"{kept}/{len(wanted)}"


def import_time(module: str) -> float:
    """Seconds to import `module` in a fresh interpreter (best of 3)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
        for _ in range(3)
    ]
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pages = {name: (render(), article) for name, (render, article) in PAGES.items()}
    for name, (module, extract, markdown) in EXTRACTORS.items():
        try:
            importlib.import_module(module)
        except ImportError:
            print(f"{name}: not installed, skipped")
            continue
        print(f"\n{name}  (import {import_time(module) * 1000:.0f} ms)")
        for page, (html, article) in pages.items():
            try:
                output = extract(html)
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    extract(html)
                    times.append(time.perf_counter() - start)
            except Exception as exc:  # noqa: BLE001 - a library failing is a result here
                print(f"  {page:10} failed: {type(exc).__name__}: {exc}")
                continue
            row = score(article, output, markdown)
            cells = "  ".join(f"{key} {value}" for key, value in row.items())
            print(f"  {page:10} {cells}  {statistics.median(times) * 1000:.1f} ms")
    print("\ntargets: text all, in order; boilerplate 0; structure all")


if __name__ == "__main__":
    main()
