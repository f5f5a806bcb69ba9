"""The tricky corpus: (id, essay, what must hold), in the manner of Harlequin's splitter tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from support.split import split
from threadsmith.errors import InputError, SplitError
from threadsmith.threading import Thread
from threadsmith.threading.measure import graphemes, utf8_bytes
from threadsmith.threading.xcount import weighted_length

SENTENCE = (
    "Schools have been asked to do more with less for a decade, and the cracks now show "
    "in every classroom we visit."
)


def essay(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def long_para(count: int, sentence: str = SENTENCE) -> str:
    return " ".join([sentence] * count)


def bodies(thread: Thread) -> list[str]:
    return [post.body for post in thread.posts]


def no_post_ends_with(*words: str) -> Callable[[Thread], None]:
    def check(thread: Thread) -> None:
        for post in thread.posts[:-1]:
            assert not post.body.endswith(words), post.body

    return check


def together(phrase: str) -> Callable[[Thread], None]:
    def check(thread: Thread) -> None:
        assert any(phrase in post.body for post in thread.posts), bodies(thread)

    return check


def filler(words: int) -> str:
    return " ".join(["campaign"] * words)


CORPUS: list[tuple[str, str, dict[str, object], Callable[[Thread], None]]] = [
    (
        "title-abbreviation-glued",
        filler(44) + " and Mr. Smith agreed with every word of it. " + long_para(3),
        {},
        together("Mr. Smith"),
    ),
    (
        "date-glued",
        filler(45) + " from 3 Sept. onwards the visits begin. " + long_para(3),
        {},
        together("3 Sept."),
    ),
    (
        "decimal-whole",
        filler(46) + " a rise of 82.5% in a year. " + long_para(3),
        {},
        together("82.5%"),
    ),
    (
        "url-whole",
        filler(40) + " https://www.gov.uk/government/news/ofsted-visits-to-schools " + long_para(3),
        {},
        together("https://www.gov.uk/government/news/ofsted-visits-to-schools"),
    ),
    (
        "no-sentence-break-after-eg",
        long_para(1) + " Some costs, e.g. Transport and meals, rise. " + long_para(4),
        {},
        no_post_ends_with("e.g."),
    ),
    (
        "initials-glued",
        filler(42) + " as J. K. Rowling wrote in her essay. " + long_para(3),
        {},
        together("J. K. Rowling"),
    ),
]


@pytest.mark.parametrize(
    ("text", "options", "check"),
    [pytest.param(text, options, check, id=name) for name, text, options, check in CORPUS],
)
@pytest.mark.parametrize("network", ["x", "bluesky"])
def test_tricky_corpus(
    text: str, options: dict[str, object], check: Callable[[Thread], None], network: str
) -> None:
    thread = split(text, network, **options)  # type: ignore[arg-type]
    assert len(thread.posts) > 1
    check(thread)


def test_prefers_sentence_and_paragraph_ends() -> None:
    text = essay(*(long_para(2) for _ in range(6)))
    thread = split(text, "x")
    for post in thread.posts:
        assert post.body.endswith("."), post.body
        assert "…" not in post.text


def test_cut_mark_only_inside_sentences() -> None:
    one_long_sentence = " ".join(["children"] * 120) + "."
    thread = split(one_long_sentence, "x")
    assert len(thread.posts) >= 3
    for post in thread.posts[:-1]:
        assert post.text.endswith("… " + f"{post.number}/"), post.text
    assert "…" not in thread.posts[-1].text


def test_balanced_no_orphan_last_post() -> None:
    # greedy filling would leave "and so on." alone in a last post
    sentences = [
        f"Point {i} is that the funding formula fails pupils in our area." for i in range(9)
    ]
    text = " ".join(sentences) + " And so on."
    thread = split(text, "x")
    assert len(thread.posts[-1].body.split()) > 5, bodies(thread)


def test_explicit_break_is_honoured() -> None:
    text = essay("First short point.", "---", "Second short point.")
    thread = split(text, "x")
    assert bodies(thread) == ["First short point.", "Second short point."]


def test_setext_dash_underline_is_a_break_not_a_heading() -> None:
    thread = split("First short point.\n---\nSecond short point.", "x")
    assert bodies(thread) == ["First short point.", "Second short point."]


@pytest.mark.parametrize(
    ("template", "position", "expected_first"),
    [
        ("{n}/", "suffix", "1/"),
        ("{n}/{total}", "suffix", "1/{total}"),
        ("({n}/{total})", "suffix", "(1/{total})"),
        ("🧵 {n}/{total}", "prefix", "🧵 1/{total}"),
    ],
)
def test_numbering_templates(template: str, position: str, expected_first: str) -> None:
    thread = split(essay(*(long_para(2) for _ in range(4))), "x", template, position)
    total = len(thread.posts)
    label = expected_first.format(total=total)
    first = thread.posts[0].text
    assert first.startswith(label + " ") if position == "prefix" else first.endswith(" " + label)
    assert [post.number for post in thread.posts] == list(range(1, total + 1))


def test_numbering_none_and_single_post() -> None:
    assert split("A short post.", "x").posts[0].text == "A short post."
    thread = split(essay(*(long_para(2) for _ in range(4))), "x", "none")
    assert all(post.text == post.body for post in thread.posts)


def test_numbering_width_for_ten_or_more_posts_is_solved_exactly() -> None:
    text = " ".join(["x" * 20] * 200)  # no sentence ends: posts are filled to the brim
    thread = split(text, "x", "{n}/{total}")
    assert len(thread.posts) >= 10
    assert all(post.length <= 280 for post in thread.posts)
    assert thread.posts[-1].text.endswith(f"{len(thread.posts)}/{len(thread.posts)}")


def test_extras_counted_on_first_and_last_posts() -> None:
    first, last = "#EdChat @nahtnews", "More: https://www.naht.org.uk/news"
    thread = split(essay(*(long_para(2) for _ in range(5))), "x", first=first, last=last)
    assert thread.posts[0].text.endswith(f"{first} 1/")
    assert thread.posts[-1].text.endswith(f"{last} {len(thread.posts)}/")
    assert all(weighted_length(post.text) == post.length <= 280 for post in thread.posts)


def test_front_matter_settings_and_cli_overrides() -> None:
    text = "---\nplatform: bluesky\nnumbering: '{n}/{total}'\nfirst: '#EdChat'\n---\n" + essay(
        *(long_para(2) for _ in range(4))
    )
    thread = split(text)
    assert thread.network == "bluesky" and thread.limit == 300
    assert thread.posts[0].text.endswith(f"#EdChat 1/{len(thread.posts)}")
    assert split(text, "x", numbering="{n}/").posts[0].text.endswith("#EdChat 1/")


def test_limit_override() -> None:
    thread = split(essay(*(long_para(3) for _ in range(3))), "x", limit=1000)
    assert thread.limit == 1000
    assert all(post.length <= 1000 for post in thread.posts)
    assert max(post.length for post in thread.posts) > 280


def test_bluesky_counts_graphemes_and_bytes() -> None:
    family = "👩‍👩‍👧‍👦"  # one grapheme, 25 UTF-8 bytes
    text = " ".join([family] * 400)
    thread = split(text, "bluesky")
    for post in thread.posts:
        assert graphemes(post.text) == post.length <= 300
        assert utf8_bytes(post.text) <= 3000
        assert family[:2] not in post.text.replace(family, "")  # no cluster broken


def test_x_counts_emoji_sequences_and_cjk() -> None:
    text = "🇬🇧 " * 100 + "教育は未来への投資です。" * 30
    thread = split(text, "x")
    assert all(weighted_length(post.text) == post.length <= 280 for post in thread.posts)


def test_cjk_breaks_after_sentence_marks() -> None:
    sentence = "学校の予算は十年間ほとんど増えていません。"
    thread = split(sentence * 40, "x")
    assert len(thread.posts) > 1
    for post in thread.posts[:-1]:
        assert post.body.endswith("。"), post.body
    assert "".join(bodies(thread)) == sentence * 40


def test_overlong_token_is_cut_at_graphemes_with_a_warning() -> None:
    word = "é" * 350 + "👍🏽" * 40
    thread = split(f"Look at this {word} now.", "bluesky")
    assert thread.warnings and thread.warnings[0].kind == "overlong-token"
    assert thread.warnings[0].post is not None
    assert "".join(post.body.replace(" ", "") for post in thread.posts) == f"Lookatthis{word}now."
    assert all(post.length <= 300 for post in thread.posts)


def test_markdown_rendering() -> None:
    text = essay(
        "# A heading",
        "Some **bold** and *italic* words with [a link](https://example.org/page) in them.",
        "- first item\n- second item",
        "> A quoted sentence stays.",
        "```\ncode  kept   verbatim\n```",
        "An image ![a chart of funding](images/chart.png) here.",
    )
    thread = split(text, "x", limit=2000)
    body = thread.posts[0].body
    assert body.startswith("A heading\n\n")
    assert "Some bold and italic words with a link https://example.org/page in them." in body
    assert "• first item\n• second item" in body
    assert "A quoted sentence stays." in body
    assert "code  kept   verbatim" in body
    assert "An image here." in body.replace("  ", " ")
    assert thread.posts[0].media[0].path == "images/chart.png"
    assert thread.posts[0].media[0].alt == "a chart of funding"


def test_image_attaches_to_the_post_where_it_stands() -> None:
    text = essay(long_para(2), "![first chart](a.png)", long_para(2), long_para(2))
    thread = split(text, "x")
    holders = [post.number for post in thread.posts if post.media]
    assert len(holders) == 1
    holder = thread.posts[holders[0] - 1]
    start = text.index("![first chart]")
    assert holder.span[0] >= start or holder.span[0] <= start <= holder.span[1]


def test_spans_point_at_the_words_in_the_source() -> None:
    text = "---\nfirst: '#x'\n---\n" + essay("Intro **words** here.", long_para(3), long_para(2))
    thread = split(text, "x")
    for post in thread.posts:
        start, end = post.span
        first_word, last_word = post.body.split()[0], post.body.split()[-1]
        assert text[start:].startswith(first_word), (text[start : start + 20], first_word)
        assert text[:end].endswith(last_word), (text[end - 20 : end], last_word)


def test_spans_survive_windows_line_endings() -> None:
    text = essay(long_para(2), long_para(2)).replace("\n", "\r\n")
    for post in split(text, "x").posts:
        assert text[post.span[0] :].startswith(post.body.split()[0])
        assert text[: post.span[1]].endswith(post.body.split()[-1])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"network": "myspace"}, InputError),
        ({"numbering": "{x}"}, InputError),
        ({"numbering": "no placeholder"}, InputError),
        ({"position": "middle"}, InputError),
        ({"first": "#tag " * 60}, SplitError),
    ],
)
def test_bad_options_raise_clear_errors(kwargs: dict[str, str], error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        split(long_para(3), **kwargs)
    assert "\n" not in str(caught.value)


def test_empty_essay_gives_no_posts() -> None:
    assert split("---\nfirst: x\n---\n", "x").posts == ()
    assert split("   \n\n", "bluesky").posts == ()
