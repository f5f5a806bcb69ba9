"""Importing a blog post or a news page by its URL: the article, all of it, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.import_site.articles import BY_NETWORK, IMAGES, NEWS, WORDPRESS
from support.import_site.checks import assert_article, front_matter, images_in, words
from support.import_site.pages import PAGES
from support.import_site.site_server import ARTICLE_PATHS, IMAGES_PATH, Site
from threadsmith.importing import import_html_file, import_source, import_url, is_import_source


@pytest.mark.parametrize("network", list(BY_NETWORK))
def test_each_network_gives_the_whole_article_and_none_of_the_page(
    site: Site, tmp_path: Path, network: str
) -> None:
    url = site.url(ARTICLE_PATHS[network])
    essay = import_url(url, tmp_path / "images")
    assert_article(essay, BY_NETWORK[network])
    assert essay.warnings == ()


def test_the_front_matter_says_where_the_draft_came_from(site: Site, tmp_path: Path) -> None:
    url = site.url(ARTICLE_PATHS["wordpress"])
    essay = import_url(url, tmp_path)
    assert front_matter(essay) == {
        "title": WORDPRESS.title,
        "source": url,
        "last": f"Read the full post: {url}",
    }
    assert essay.markdown == essay.markdown[: essay.markdown.index("# ")] + essay.body


def test_the_read_more_line_can_be_worded_or_left_out(site: Site, tmp_path: Path) -> None:
    url = site.url(ARTICLE_PATHS["news"])
    worded = import_url(url, tmp_path, read_more="The union's press release: {url}")
    assert front_matter(worded)["last"] == f"The union's press release: {url}"
    assert "last" not in front_matter(import_url(url, tmp_path, read_more=None))


def test_the_page_is_asked_for_as_a_browser_would(site: Site, tmp_path: Path) -> None:
    import_url(site.url(ARTICLE_PATHS["medium"]), tmp_path)
    _path, headers = next(r for r in site.requests if r[0] == ARTICLE_PATHS["medium"])
    assert headers["User-Agent"].startswith("Mozilla/5.0") and "Chrome/" in headers["User-Agent"]
    assert "text/html" in headers["Accept"]


def test_images_of_a_page_are_files_in_the_callers_folder(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "draft-7"
    essay = import_url(site.url(ARTICLE_PATHS["wordpress"]), folder)
    (image,) = essay.images
    assert image.path.parent == folder and image.kind == "png"
    assert (
        image.path.read_bytes() == site.image_bytes["/wp-content/uploads/2026/10/budget-chart.png"]
    )
    assert image.source == site.url("/wp-content/uploads/2026/10/budget-chart.png?w=1024")
    assert image.alt == WORDPRESS.images()[0][1]


def test_image_paths_can_be_relative_to_where_the_essay_is_written(
    site: Site, tmp_path: Path
) -> None:
    essay = import_url(
        site.url(ARTICLE_PATHS["substack"]), tmp_path / "essay-images", paths_relative_to=tmp_path
    )
    (image,) = essay.images
    assert images_in(essay.markdown) == [(image.alt, f"essay-images/{image.path.name}")]


def test_a_caption_stays_with_its_image(site: Site, tmp_path: Path) -> None:
    essay = import_url(site.url(ARTICLE_PATHS["medium"]), tmp_path)
    (image,) = essay.images
    assert f"![{image.alt}](" in essay.body
    after_image = essay.body.split(f"![{image.alt}](", 1)[1].split("\n", 2)
    assert after_image[1] == "The gap, in our budget for 2026–27."


def test_an_avatar_is_decoration_not_part_of_the_article(site: Site, tmp_path: Path) -> None:
    essay = import_url(site.url(ARTICLE_PATHS["medium"]), tmp_path)
    assert "Priya Shah" not in essay.body
    assert not any("avatar" in request for request, _ in site.requests)


def test_missing_and_fake_images_are_warnings_not_failures(site: Site, tmp_path: Path) -> None:
    essay = import_url(site.url(IMAGES_PATH), tmp_path)
    assert words(essay.body) == " ".join(IMAGES.texts()).split()
    kept = [(alt, Path(path).suffix) for alt, path in images_in(essay.body)]
    assert kept == [
        ("Line chart of average secondary class size, 2010 to 2026", ".png"),
        ("Teachers and pupils indexed to 2010", ".jpg"),
    ]
    missing, fake = essay.warnings
    assert site.url("/img/missing.png") in missing and "not found (HTTP 404)" in missing
    assert '"Posts lost by disadvantage quintile"' in missing
    assert site.url("/img/not-really.png") in fake and "an HTML page" in fake
    assert all("\n" not in warning for warning in essay.warnings)


def test_a_saved_page_imports_without_the_network(tmp_path: Path) -> None:
    render, article = PAGES["wordpress"]
    page = tmp_path / "post.html"
    page.write_text(render(), encoding="utf-8")
    essay = import_html_file(page, tmp_path / "images")
    settings = front_matter(essay)
    assert settings["source"] == str(page) and "last" not in settings  # no address: no link
    assert words(essay.body) == " ".join(article.texts()).split()
    # the page's image is addressed from its site's root, which a saved page lacks
    assert essay.images == ()
    assert essay.warnings == (
        "image /wp-content/uploads/2026/10/budget-chart.png?w=1024: not saved with the page; "
        "left out",
    )


def test_a_saved_page_brings_its_pictures_along(tmp_path: Path) -> None:
    from support.import_site.site_server import png

    (tmp_path / "post_files").mkdir()
    (tmp_path / "post_files" / "chart one.png").write_bytes(png(30, 20))
    page = tmp_path / "post.html"
    page.write_text(
        '<html><head><title>Charts</title><link rel="canonical" href="https://blog.example/charts">'
        "</head><body><article><h1>Charts</h1>"
        f"<p>{'A paragraph long enough to be the article and not a fragment of one. ' * 3}</p>"
        '<figure><img src="post_files/chart%20one.png" alt="The first chart"></figure>'
        f"<p>{'More of the article after its picture, so that it reads as text. ' * 3}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    essay = import_source(str(page), tmp_path / "images")
    (image,) = essay.images
    assert image.path.read_bytes() == (tmp_path / "post_files" / "chart one.png").read_bytes()
    assert images_in(essay.body) == [("The first chart", str(image.path))]
    assert front_matter(essay)["last"] == "Read the full post: https://blog.example/charts"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("https://blog.example/post", True),
        ("http://127.0.0.1:8000/", True),
        ("ftp://example.org/file", True),  # refused by the import, with a reason
        ("letter.docx", True),
        ("Saved Page.HTM", True),
        ("essay.md", False),
        ("-", False),
        ("notes.txt", False),
    ],
)
def test_what_counts_as_something_to_import(name: str, expected: bool) -> None:
    assert is_import_source(name) is expected


def test_import_source_takes_a_url(site: Site, tmp_path: Path) -> None:
    essay = import_source(site.url(ARTICLE_PATHS["news"]), tmp_path)
    assert essay.title == NEWS.title and essay.url == site.url(ARTICLE_PATHS["news"])


def test_a_title_with_markdown_characters_reads_back_as_written(tmp_path: Path) -> None:
    page = tmp_path / "post.html"
    page.write_text(
        "<html><head><title>[Updated] Pay *offer* rejected</title></head><body><article>"
        f"<p>{'The union rejected the offer after a ballot of its members. ' * 3}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    essay = import_html_file(page, tmp_path, download_images=False)
    assert essay.title == "[Updated] Pay *offer* rejected"
    assert essay.body.startswith("# \\[Updated\\] Pay \\*offer\\* rejected\n")
    assert words(essay.body)[:4] == ["[Updated]", "Pay", "*offer*", "rejected"]
