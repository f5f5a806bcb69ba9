"""Text as it comes from blogs, WordPress, Google Docs and email: no-break and other
Unicode spaces, zero-width characters, soft hyphens, inline bullets."""

from __future__ import annotations

import pytest

from support.split import split
from threadsmith.threading.gaps import Break
from threadsmith.threading.markdown import Kind, read_blocks
from threadsmith.threading.segment import segment
from threadsmith.threading.tokens import assemble
from threadsmith.threading.xcount import weighted_length

SENTENCE = (
    "Schools have been asked to do more with less for a decade, and the cracks now show "
    "in every classroom we visit"
)


def sentences(count: int, space: str) -> str:
    return space.join(f"{SENTENCE} number {i}." for i in range(count))


def gaps(text: str) -> list[tuple[str, Break]]:
    found = segment(text, Kind.PARAGRAPH)
    return list(zip(found.tokens, found.breaks, strict=True))


@pytest.mark.parametrize(
    "space", ["\u00a0", "\u00a0 ", " \u00a0", "\u2002", "\u2009", "\u202f", "\u205f", "\u3000"]
)
def test_every_unicode_space_after_a_full_stop_ends_a_sentence(space: str) -> None:
    assert gaps(f"We meet.{space}It is time.") == [
        ("We", Break.WORD),
        ("meet.", Break.SENTENCE),
        ("It", Break.WORD),
        ("is", Break.WORD),
        ("time.", Break.END),
    ]


@pytest.mark.parametrize("space", ["\u00a0", "\u00a0 ", "\u2002", "\u3000", "  ", "\n"])
def test_posts_break_at_sentence_ends_whatever_space_follows_them(space: str) -> None:
    thread = split(sentences(12, space), "x")
    assert len(thread.posts) > 2
    for post in thread.posts:
        assert post.body.endswith("."), post.body
        assert "…" not in post.text


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("a rise of 10\u00a0% this year", "10\u00a0%"),
        ("as Mr\u00a0Smith said", "Mr\u00a0Smith"),
        ("the sum of 1\u2007000 pounds", "1\u2007000"),
        ("un total de 40\u202f% en France", "40\u202f%"),
    ],
)
def test_no_break_spaces_inside_a_sentence_keep_their_words_in_one_post(
    text: str, together: str
) -> None:
    for filler_words in range(30, 50):
        essay = " ".join(["campaign"] * filler_words) + f" {text}. " + sentences(3, " ")
        assert any(together in post.body for post in split(essay, "x").posts)


def test_the_published_text_keeps_the_authors_spaces() -> None:
    text = "We meet.\u00a0 It is 10\u00a0% more.\u2003Thin\u2009space and ideo\u3000graphic."
    thread = split(text, "bluesky")
    assert thread.posts[0].body == text


def test_ascii_runs_of_spaces_are_one_space_as_markdown_renders_them() -> None:
    assert split("We meet.  It is\ntime.", "x").posts[0].body == "We meet. It is time."


def test_an_nbsp_entity_in_markdown_is_published_as_a_no_break_space() -> None:
    thread = split("We meet.&nbsp; It is 10&nbsp;% more &amp; more.", "x")
    assert thread.posts[0].body == "We meet.\u00a0 It is 10\u00a0% more & more."


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u200c", "\u200d", "\u2060", "\u00ad"])
def test_invisible_characters_are_neither_words_nor_breaks(invisible: str) -> None:
    plain = gaps("We meet. It is time, Mr. Smith.")
    for text in (
        f"We meet.{invisible} It is time, Mr. Smith.",
        f"We meet. {invisible}It is time,{invisible} Mr.{invisible} Smith.",
        f"We {invisible} meet. It is time, Mr. Smith.{invisible}",
        f"{invisible}We meet. It is ti{invisible}me, Mr. Smith.",
    ):
        found = gaps(text)
        assert [gap for _, gap in found] == [gap for _, gap in plain], text
        assert "".join(token for token, _ in found).replace(invisible, "") == "".join(
            token for token, _ in plain
        )


def test_invisible_characters_stay_in_the_published_text() -> None:
    text = "The cam\u00adpaign\u200b starts \u200b to\u2060day.\ufeff"
    assert split(text, "bluesky").posts[0].body == text


def test_wide_spaces_count_as_the_network_counts_them() -> None:
    # U+3000 weighs 2 on X: posts joined by it must still fit
    text = "\u3000".join(["word"] * 400)
    thread = split(text, "x")
    assert all(weighted_length(post.text) == post.length <= 280 for post in thread.posts)
    assert max(post.length for post in thread.posts) > 250


@pytest.mark.parametrize("bullet", ["•", "‣", "▪", "◦", "·"])
def test_an_inline_bullet_between_sentences_is_a_sentence_break(bullet: str) -> None:
    assert gaps(f"make your voice heard {bullet} Over the month, please write") == [
        ("make", Break.WORD),
        ("your", Break.WORD),
        ("voice", Break.WORD),
        ("heard", Break.SENTENCE),
        (bullet, Break.NONE),
        ("Over", Break.WORD),
        ("the", Break.WORD),
        ("month,", Break.CLAUSE),
        ("please", Break.WORD),
        ("write", Break.END),
    ]


def test_a_post_breaks_before_an_inline_bullet_rather_than_at_the_comma_after_it() -> None:
    head = " ".join(["campaign"] * 24) + " and make your voice heard"  # 241 characters
    tail = "Over the next month, please write to your MP about the letter and the visits"
    thread = split(f"{head} • {tail}. " + sentences(2, " "), "x")
    assert thread.posts[0].body == head
    assert thread.posts[1].body.startswith("• Over the next month, please")


TITLES = [
    "Five Years On; We Seek Influence Not Credit",
    "National Baccalaureate for England: Join in; sign up with @natbacctrust",
    "# What the visits were meant to be",
    "## Join us 👇",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_line_never_ends_a_post(title: str) -> None:
    # A long sentence after the title tempts the breaker to end a post after it.
    shown = title.lstrip("# ")
    for before_words in range(4, 40, 3):
        for after_words in range(20, 45, 3):
            before = " ".join(["campaign"] * before_words) + " for the work it has done."
            after = " ".join(["pupils"] * after_words) + " in the end."
            essay = "\n\n".join([before, title, after, SENTENCE + "."])
            for network in ("x", "bluesky", "mastodon"):
                posts = split(essay, network).posts
                assert sum(shown in post.body for post in posts) == 1  # never cut
                for post in posts[:-1]:
                    # with what follows it, or alone when the sentence after it
                    # cannot share its post
                    assert not post.body.endswith(shown) or post.body == shown, post.body


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("compact", [False, True])
def test_a_title_is_never_cut_and_clean_breaks_keep_the_sentence_after_it_whole(
    title: str, compact: bool
) -> None:
    # The title and the sentence after it cannot share a post; each fits in one.
    shown = title.lstrip("# ")
    before = "The council has promised to meet the families again before the end of term."
    after = " ".join(["pupils"] * 38) + " in the end."  # 277 characters
    essay = "\n\n".join([before, title, after])
    bodies = [post.body for post in split(essay, "x", compact=compact).posts]
    assert sum(shown in body for body in bodies) == 1, bodies  # whole, in one post
    assert not any(body.endswith(shown) and body != shown for body in bodies), bodies
    if not compact:  # no sentence cut: the title stands alone
        assert bodies == [before, shown, after]


def test_a_title_line_ends_the_last_post() -> None:
    essay = sentences(3, " ") + "\n\nYours in solidarity"
    assert split(essay, "x").posts[-1].body.endswith("number 2.\n\nYours in solidarity")


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Five Years On; We Seek Influence Not Credit", True),
        ("Join us (Updated)", True),
        ("Thank you to everyone who signed.", False),
        ("Here is what we ask:", False),
        ("Why does it matter?", False),
        ("Five Years On\nWe Seek Influence", False),
        (" ".join(["word"] * 13), False),
    ],
)
def test_what_counts_as_a_title_line(line: str, title: bool) -> None:
    essay = f"{line}\n\n{SENTENCE}."
    stream = assemble(read_blocks(essay))
    assert (stream.breaks[len(line.split()) - 1] == Break.HEADING) is title


def test_x_gets_a_word_joiner_where_the_author_pasted_a_zero_width_no_break_space() -> None:
    # twitter-text refuses any post with U+FEFF; U+2060 means the same and weighs the same
    text = "\ufeffWe meet.\ufeff It is time\ufeff."
    x, bluesky = split(text, "x").posts[0], split(text, "bluesky").posts[0]
    assert x.body == text.replace("\ufeff", "\u2060")
    assert x.length == weighted_length(text) and x.span == bluesky.span == (0, len(text))
    assert bluesky.body == text


@pytest.mark.parametrize("line_break", ["\n", "  \n", "\\\n", "<br>", "<br/>", "<BR />"])
def test_a_line_break_after_a_full_stop_ends_a_sentence(line_break: str) -> None:
    thread = split(f"We meet.{line_break}It is time.", "x")
    assert thread.posts[0].body == "We meet. It is time."
    long = split(sentences(12, line_break), "bluesky")
    assert all(post.body.endswith(".") for post in long.posts)


def test_a_heading_longer_than_a_post_is_a_passage_broken_at_its_sentences() -> None:
    heading = "# " + "We walked through the town. " * 14 + "And then we came home"
    posts = split("Opening.\n\n" + heading + "\n\nThe body.", "x").posts
    assert len(posts) > 1
    assert not any(post.ends_mid_sentence for post in posts)  # at its own sentence ends
