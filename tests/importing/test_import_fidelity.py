"""Import keeps what the author meant: a handle linked to its profile is a mention, a
figure's caption stays with its image (or describes it), and the page furniture a
post still carries is left out."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import lxml.html
import pytest

from support.import_site.articles import Article
from support.import_site.checks import images_in
from support.import_site.pages import wordpress_page
from support.import_site.site_server import Route, Site, png
from support.split import split
from threadsmith.importing import ImportedEssay, import_url, import_word_file
from threadsmith.importing.markdown_writer import render_markdown
from threadsmith.importing.profile_links import profile_mention
from threadsmith.importing.web_article import resolve_link
from threadsmith.threading import Post

CAPTION = "Ofsted outcomes by region"
CHART_ALT = "Bar chart: good or outstanding schools by region, 2026"
BEFORE = "Schools in the north have lost more than any other region over ten years."
AFTER = (
    "The gap is not about effort because heads in the north tell the same story of posts "
    "they cannot fill and of inspectors who look at those posts first and then judge the "
    "whole school on them."
)  # one sentence with no clause in it: no clean break inside


def markdown(html: str) -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return render_markdown(root, link_target=resolve_link("https://blog.example/post/")).strip()


def import_page(site: Site, tmp_path: Path, path: str, article: Article) -> ImportedEssay:
    """`article` served as a WordPress post at `path` (its images too), imported."""
    site.routes[path] = Route(body=wordpress_page(article).encode())
    for number, (src, _alt) in enumerate(article.images()):
        site.add_image(src, png(300 + number, 200))
    return import_url(site.url(path), tmp_path / "images")


def post_with(posts: tuple[Post, ...], words: str) -> Post:
    return next(post for post in posts if words in post.body)


# --- a handle linked to its profile ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "href", "mention"),
    [
        ("@SDupp", "https://twitter.com/SDupp", "@SDupp"),
        ("@SDupp", "https://twitter.com/sdupp/", "@SDupp"),
        ("@SDupp", "https://mobile.twitter.com/SDupp?ref_src=twsrc%5Etfw", "@SDupp"),
        ("@nahtnews", "https://x.com/nahtnews?lang=en", "@nahtnews"),
        ("@naht.bsky.social", "https://bsky.app/profile/naht.bsky.social", "@naht.bsky.social"),
        ("@Gargron", "https://mastodon.social/@Gargron", "@Gargron@mastodon.social"),
        (
            "@Gargron@mastodon.social",
            "https://mastodon.social/@Gargron",
            "@Gargron@mastodon.social",
        ),
        ("@ed_union", "https://mastodon.scot/users/ed_union", "@ed_union@mastodon.scot"),
        # a remote account, linked through the author's own server
        ("@jo", "https://mastodon.social/@jo@schools.social", "@jo@schools.social"),
    ],
)
def test_a_link_on_a_handle_to_its_profile_is_the_mention_alone(
    text: str, href: str, mention: str
) -> None:
    assert profile_mention(text, href) == mention
    assert markdown(f'<p>As <a href="{href}">{text}</a> said.</p>') == f"As {mention} said."


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("Sarah Dupp", "https://twitter.com/SDupp"),  # not a handle: the link is the point
        ("SDupp", "https://twitter.com/SDupp"),
        ("@SDupp", "https://twitter.com/SDupp/status/1850000000000000000"),  # a post
        ("@SDupp", "https://twitter.com/someoneelse"),
        ("@naht", "https://bsky.app/profile/naht.bsky.social"),  # not the whole handle
        ("@naht.bsky.social", "https://bsky.app/profile/did:plc:abc123"),
        ("@priyashah", "https://medium.com/@priyashah"),  # /@name that is not Mastodon
        ("@teachertapp", "https://www.youtube.com/@teachertapp"),
        ("@zuck", "https://www.threads.net/@zuck"),
        ("@Gargron", "https://mastodon.social/@Gargron/112233445566"),
        ("@Gargron", "https://mastodon.social:8443/@Gargron"),
        ("@Gargron@other.example", "https://mastodon.social/@Gargron"),
        ("@SDupp", "mailto:sdupp@example.org"),
    ],
)
def test_any_other_link_stays_a_link(text: str, href: str) -> None:
    assert profile_mention(text, href) is None
    assert markdown(f'<p>See <a href="{href}">{text}</a> now.</p>') == f"See [{text}]({href}) now."


def test_an_imported_post_mentions_the_handles_it_linked(site: Site, tmp_path: Path) -> None:
    article = Article(
        title="Who said it first",
        blocks=(
            (
                "p",
                'As <a href="https://twitter.com/SDupp">@SDupp</a> put it, and '
                '<a href="https://bsky.app/profile/naht.bsky.social">@naht.bsky.social</a> '
                'and <a href="https://mastodon.social/@edunion">@edunion</a> agreed, the '
                "cut is deeper than anyone voted for, and it will be felt for years.",
            ),
            ("p", 'Read <a href="https://twitter.com/SDupp/status/1">the thread</a> too.'),
            ("p", AFTER),
            ("p", BEFORE),
        ),
        boilerplate=(),
    )
    essay = import_page(site, tmp_path, "/2026/11/02/who-said-it/", article)
    assert (
        "As @SDupp put it, and @naht.bsky.social and @edunion@mastodon.social agreed" in essay.body
    )
    assert "[the thread](https://twitter.com/SDupp/status/1)" in essay.body
    (first, *_) = split(essay.markdown, "x").posts
    assert first.body.startswith("Who said it first\n\nAs @SDupp put it,")
    assert "https://twitter.com/SDupp " not in first.text and "bsky.app" not in first.text


# --- a figure's caption ----------------------------------------------------------------


def captioned(alt: str, caption: str = CAPTION, title: str = "Outcomes by region") -> Article:
    return Article(
        title=title,
        blocks=(("p", BEFORE), ("img", "/img/outcomes.png", alt, caption), ("p", AFTER)),
        boilerplate=(),
    )


def test_a_caption_describes_an_image_that_has_no_alt_text(site: Site, tmp_path: Path) -> None:
    essay = import_page(site, tmp_path, "/2026/11/02/no-alt/", captioned(alt=""))
    (image,) = essay.images
    assert image.alt == CAPTION
    assert images_in(essay.body) == [(CAPTION, str(image.path))]
    assert essay.body.count(CAPTION) == 1  # in the image's description only
    posts = split(essay.markdown, "x").posts
    assert [media.alt for post in posts for media in post.media] == [CAPTION]
    assert not any(CAPTION in post.body for post in posts)


def test_a_caption_stays_under_its_image_and_never_leads_the_next_post(
    site: Site, tmp_path: Path
) -> None:
    essay = import_page(site, tmp_path, "/2026/11/02/with-alt/", captioned(alt=CHART_ALT))
    (image,) = essay.images
    assert image.alt == CHART_ALT
    assert f"![{CHART_ALT}]({image.path})\n{CAPTION}.\n\n" in essay.body
    posts = split(essay.markdown, "x").posts
    with_caption = post_with(posts, CAPTION)
    assert [media.alt for media in with_caption.media] == [CHART_ALT]
    assert BEFORE in with_caption.body  # the post before the next paragraph's
    assert post_with(posts, AFTER[:40]).body.startswith(AFTER[:40])


def test_a_classic_wordpress_caption_stays_with_its_image_too(site: Site, tmp_path: Path) -> None:
    # [caption] in a pre-block theme: no <figure>, the caption a paragraph of its own
    article = captioned(alt=CHART_ALT, title="Outcomes by region, classic")
    page = wordpress_page(article).replace(
        '<figure class="wp-block-image size-large">', '<div class="wp-caption aligncenter">'
    )
    page = page.replace('<figcaption class="wp-element-caption">', '<p class="wp-caption-text">')
    page = page.replace("</figcaption></figure>", "</p></div>")
    assert "<figure" not in page.split("entry-content", 1)[1].split("sharedaddy", 1)[0]
    site.routes["/2026/11/02/classic/"] = Route(body=page.encode())
    site.add_image("/img/outcomes.png", png(300, 200))
    essay = import_url(site.url("/2026/11/02/classic/"), tmp_path / "images")
    (image,) = essay.images
    assert f"![{CHART_ALT}]({image.path})\n{CAPTION}.\n\n{AFTER}" in essay.body
    assert essay.body.count(CAPTION) == 1


def test_a_caption_that_ends_a_sentence_is_kept_as_written(site: Site, tmp_path: Path) -> None:
    caption = "Good or outstanding, by region (Ofsted, 2026)?"
    essay = import_page(
        site, tmp_path, "/2026/11/02/asks/", captioned(alt=CHART_ALT, caption=caption)
    )
    assert f")\n{caption}\n\n" in essay.body


def word_document(*parts: tuple[str, str]) -> bytes:
    """A .docx of ("text" | "caption" | "picture" | "described picture", text) parts."""
    document = docx.Document()
    for kind, text in parts:
        if kind == "text":
            document.add_paragraph(text)
        elif kind == "caption":
            document.add_paragraph(text, style="Caption")
        else:
            document.add_picture(io.BytesIO(png(40 + len(document.inline_shapes), 30)))
            if kind == "described picture":
                document.inline_shapes[-1]._inline.docPr.set("descr", text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_caption_describes_its_picture_or_stays_under_it(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(
        word_document(
            ("text", BEFORE),
            ("picture", ""),
            ("caption", f"Figure 1: {CAPTION}"),
            ("text", AFTER),
            ("caption", "Figure 2: pupils per teacher"),  # Word lets a caption go above
            ("described picture", CHART_ALT),
            ("caption", "Table 1: vacancies by subject"),  # a table's: no picture by it
            ("text", "Write to your MP."),
        )
    )
    essay = import_word_file(path, tmp_path / "images")
    first, second = essay.images
    assert (first.alt, second.alt) == (f"Figure 1: {CAPTION}", CHART_ALT)
    assert images_in(essay.body) == [
        (f"Figure 1: {CAPTION}", str(first.path)),
        (CHART_ALT, str(second.path)),
    ]
    assert f"{BEFORE}\n\n![Figure 1: {CAPTION}]({first.path})\n\n{AFTER}" in essay.body
    assert f"![{CHART_ALT}]({second.path})\nFigure 2: pupils per teacher.\n\n" in essay.body
    assert "\n\nTable 1: vacancies by subject\n\nWrite to your MP." in essay.body
    assert essay.warnings == ()


# --- page furniture ------------------------------------------------------------------


FURNITURE = (
    "Share this:",
    "Like this:",
    "Like Loading…",
    "Continue reading →",
    "Posted in Education",
    "Tagged budgets, Ofsted",
)


def test_page_furniture_the_article_carries_is_left_out(site: Site, tmp_path: Path) -> None:
    # a reblog: the post quotes another, with WordPress's lines pasted along
    article = Article(
        title="Worth reading twice",
        blocks=(
            ("p", BEFORE),
            ("p", FURNITURE[0]),
            ("p", FURNITURE[1]),
            ("p", FURNITURE[2]),
            ("p", f"{FURNITURE[3]}"),
            (
                "p",
                '<a href="https://other.example/2026/10/cut/">View original post 106 more '
                "words</a>",
            ),
            ("p", "Share these charts with your governors."),
            ("p", f"{FURNITURE[4]}"),
            ("p", FURNITURE[5]),
            ("p", AFTER),
        ),
        boilerplate=(),
    )
    essay = import_page(site, tmp_path, "/2026/11/02/reblog/", article)
    assert essay.body == (
        f"# Worth reading twice\n\n{BEFORE}\n\nShare these charts with your governors.\n\n{AFTER}\n"
    )
    (warning,) = essay.warnings
    assert warning == (
        'left out 7 lines of blog page furniture: "Share this:", "Like this:", "Like Loading…", …'
    )


def test_a_word_document_pasted_from_a_blog_loses_its_furniture(tmp_path: Path) -> None:
    path = tmp_path / "pasted.docx"
    path.write_bytes(
        word_document(
            ("text", BEFORE), ("text", "View original post 106 more words"), ("text", AFTER)
        )
    )
    essay = import_word_file(path, tmp_path / "images")
    assert essay.body == f"# pasted\n\n{BEFORE}\n\n{AFTER}\n"
    assert essay.warnings == (
        'left out 1 line of blog page furniture: "View original post 106 more words"',
    )
