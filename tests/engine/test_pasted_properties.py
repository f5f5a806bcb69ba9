"""Properties of pasted text (hypothesis): a no-break space after a sentence end is
just a space to the breaker; invisible characters are neither words nor breaks."""

from __future__ import annotations

from random import Random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from support.split import split
from support.text_strategies import essays
from threadsmith.threading.gaps import INVISIBLE, Break
from threadsmith.threading.markdown import read_blocks
from threadsmith.threading.segment import visible
from threadsmith.threading.tokens import TokenStream, assemble

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def stream_of(text: str) -> TokenStream:
    return assemble(read_blocks(text))


def space_offsets_after_sentence_ends(text: str) -> list[int]:
    """Offsets in `text` of the single spaces that follow a sentence end, as the engine
    reads the text with plain spaces."""
    stream = stream_of(text)
    offsets = []
    for index, gap in enumerate(stream.breaks[:-1]):
        if gap == Break.SENTENCE and stream.joins[index + 1] == " ":
            block = stream.blocks[index + 1]
            start = block.source_offset(stream.starts[index + 1]) + stream.bases[index + 1]
            if text[start - 1] == " " and not text[start - 2].isspace():
                offsets.append(start - 1)
    return offsets


def posts_as_words(text: str, network: str, compact: bool) -> list[list[str]]:
    return [post.body.split() for post in split(text, network, compact=compact).posts]


@SETTINGS
@given(essays, st.sampled_from(["x", "bluesky"]), st.booleans(), st.randoms())
def test_a_no_break_space_after_a_sentence_end_never_moves_a_break(
    text: str, network: str, compact: bool, random: Random
) -> None:
    offsets = space_offsets_after_sentence_ends(text)
    chosen = [offset for offset in offsets if random.random() < 0.7]
    pasted = list(text)
    for offset in chosen:
        pasted[offset] = "\u00a0"
    with_nbsp = "".join(pasted)
    assert posts_as_words(with_nbsp, network, compact) == posts_as_words(text, network, compact)


# Where an invisible character may go: anywhere but between the two line breaks of
# a blank line (a line with a character on it is no longer blank: that is Markdown).
# After a space, it may come with a space of its own: "word \u200b word".
def insert_invisibles(text: str, random: Random, count: int) -> str:
    chars = list(text)
    for _ in range(count):
        at = random.randint(0, len(chars))
        if 0 < at < len(chars) and chars[at - 1] == "\n" and chars[at] == "\n":
            continue
        char = random.choice(INVISIBLE)
        alone = at > 0 and chars[at - 1] == " " and random.random() < 0.5
        chars[at:at] = [char, " "] if alone else [char]
    return "".join(chars)


@SETTINGS
@given(essays, st.integers(1, 30), st.randoms())
# a title line of 99 characters with "\u200b " put after a space: still a title line
@example(
    "AAAAA 3 https://www.gov.uk/government/news/ofsted-visits @educationgovuk "
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 AAAAAAAA 学校 Mr. 3 한국어",
    9,
    Random(10),
)
def test_invisible_characters_never_change_the_words_or_the_gaps(
    text: str, count: int, random: Random
) -> None:
    plain = stream_of(text)
    pasted = stream_of(insert_invisibles(text, random, count))
    assert len(pasted.tokens) == len(plain.tokens)
    assert pasted.breaks == plain.breaks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essays, st.integers(1, 30), st.randoms(), st.sampled_from(["x", "bluesky"]))
def test_invisible_characters_are_published_and_never_counted_as_words(
    text: str, count: int, random: Random, network: str
) -> None:
    pasted = insert_invisibles(text, random, count)
    bodies = "".join(post.body for post in split(pasted, network).posts)
    assert visible("".join(bodies.split())) == visible("".join(pasted.split()))
    # every invisible character inside a word is published (those alone in a gap
    # between two posts go with the gap)
    inside_words = sum(
        word.count(char) for word in pasted.split() for char in INVISIBLE if word.strip(INVISIBLE)
    )
    assert sum(bodies.count(char) for char in INVISIBLE) >= inside_words
