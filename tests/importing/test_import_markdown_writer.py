"""HTML → Markdown, case by case; and the engine reads back exactly the words the page showed."""

from __future__ import annotations

import lxml.html
import pytest

from support.split import split
from threadsmith.importing.markdown_writer import render_markdown
from threadsmith.importing.web_article import resolve_link


def markdown(html: str, base: str | None = "https://blog.example/post/") -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return render_markdown(root, link_target=resolve_link(base)).rstrip("\n")


CORPUS = [
    # (id, HTML, Markdown)
    ("paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
    ("whitespace", "<p>  Spread\n   over\tlines  </p>", "Spread over lines"),
    ("heading", "<h2>Title <em>here</em></h2>", "## Title *here*"),
    ("emphasis", "<p><em> spaced </em>word and <b>bold</b></p>", "*spaced* word and **bold**"),
    ("literal-star", "<p>5 * 3 = 15</p>", "5 \\* 3 = 15"),
    ("underscores", "<p>snake_case and _under_</p>", "snake_case and \\_under\\_"),
    ("brackets", "<p>[citation needed]</p>", "\\[citation needed\\]"),
    ("year-dot", "<p>2026. A year to remember.</p>", "2026\\. A year to remember."),
    ("hash", "<p># not a heading</p>", "\\# not a heading"),
    ("dash", "<p>- not a list</p>", "\\- not a list"),
    ("angle", "<p>&gt; not a quote</p>", "\\> not a quote"),
    ("entity", "<p>AT&amp;T &amp;amp; co</p>", "AT&T \\&amp; co"),
    ("html-like", "<p>&lt;b&gt; is a tag</p>", "\\<b> is a tag"),
    ("break", "<p>Line one<br>Line two</p>", "Line one\nLine two"),
    ("ul", "<ul><li>One</li><li>Two</li></ul>", "- One\n- Two"),
    ("ol-start", '<ol start="3"><li>c</li><li>d</li></ol>', "3. c\n4. d"),
    (
        "nested",
        "<ul><li>One<ul><li>Inner</li></ul></li><li>Two</li></ul>",
        "- One\n  - Inner\n- Two",
    ),
    ("item-paragraphs", "<ol><li><p>A</p><p>B</p></li></ol>", "1. A\n\n   B"),
    ("quote", "<blockquote><p>One</p><p>Two</p></blockquote>", "> One\n>\n> Two"),
    (
        "link",
        '<p>See <a href="/pay">the pay page</a>.</p>',
        "See [the pay page](https://blog.example/pay).",
    ),
    (
        "link-parens",
        '<p><a href="https://en.wikipedia.org/wiki/Pay_(economics)">pay</a></p>',
        "[pay](<https://en.wikipedia.org/wiki/Pay_(economics)>)",
    ),
    ("anchor-link", '<p><a href="#top">Back</a> up</p>', "Back up"),
    ("script-link", '<p><a href="javascript:void(0)">click</a></p>', "click"),
    (
        "mail-link",
        '<p><a href="mailto:mp@example.org">write</a></p>',
        "[write](mailto:mp@example.org)",
    ),
    (
        "image-link",
        '<p><a href="/big.png"><img src="/small.png" alt="Chart"></a></p>',
        "![Chart](/small.png)",
    ),
    (
        "figure",
        '<figure><img src="a b.png" alt="A [chart]"><figcaption>Source: DfE</figcaption></figure>',
        "![A (chart)](<a b.png>)\nSource: DfE.",  # a sentence under its image, not a title
    ),
    (
        "image-between",
        '<p>Before</p><img src="c.png" alt="C"><p>After</p>',
        "Before\n\n![C](c.png)\n\nAfter",
    ),
    ("code-span", "<p>Use <code>a*b</code> here</p>", "Use `a*b` here"),
    ("code-block", "<pre><code>x = 1\n*y*</code></pre>", "```\nx = 1\n*y*\n```"),
    (
        "table",
        "<table><tr><th>Year</th><th>Pay</th></tr><tr><td>2025</td><td>£1</td></tr></table>",
        "- Year | Pay\n- 2025 | £1",
    ),
    ("rule", "<p>Part one.</p><hr><p>Part two.</p>", "Part one.\n\n---\n\nPart two."),
    ("loose-text", "<div>loose text <p>para</p> tail</div>", "loose text\n\npara\n\ntail"),
    (
        "hidden",
        "<p><script>var x;</script>Visible<style>p{}</style></p><form>Email</form>",
        "Visible",
    ),
]


@pytest.mark.parametrize(
    ("html", "expected"), [row[1:] for row in CORPUS], ids=[row[0] for row in CORPUS]
)
def test_html_becomes_the_markdown_the_engine_reads(html: str, expected: str) -> None:
    assert markdown(html) == expected


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>5 * 3 = 15 and snake_case and _under_</p>", "5 * 3 = 15 and snake_case and _under_"),
        ("<p>2026. A year</p>", "2026. A year"),
        ("<p># one</p><p>- two</p><p>&gt; three</p>", "# one - two > three"),
        ("<p>[a] `b` AT&amp;T &amp;amp; &lt;c&gt; ~d~</p>", "[a] `b` AT&T &amp; <c> ~d~"),
        ("<p><em>x</em>_y_ *z*</p>", "x_y_ *z*"),
    ],
)
def test_the_engine_reads_back_the_words_the_page_showed(html: str, words: str) -> None:
    thread = split(markdown(html), network="bluesky", numbering="none")
    assert " ".join(post.body for post in thread.posts).split() == words.split()


def test_images_are_renamed_to_their_files_or_left_out() -> None:
    root = lxml.html.fragment_fromstring(
        '<p>A <img src="https://x.example/a.png" alt="kept"> B '
        '<img src="https://x.example/b.png" alt="gone"></p>',
        create_parent="div",
    )
    out = render_markdown(root, {"https://x.example/a.png": "/data/drafts/3/1f2e.png"})
    assert out == "A ![kept](/data/drafts/3/1f2e.png) B\n"
