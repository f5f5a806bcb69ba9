"""An editor's `Splitter` redoes only what an edit changed: the stream is assembled
again around the edit, the breaker stops once it runs in step with its last run,
and unchanged posts are reused. Each gives exactly what a split from scratch gives,
to every field of every post; a split that goes stale stops and harms nothing."""

from __future__ import annotations

from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.split import rules_for, split
from threadsmith.threading import Splitter, Thread, break_memory
from threadsmith.threading.break_memory import BreakMemory, Budget
from threadsmith.threading.breaker import choose
from threadsmith.threading.gaps import Break
from threadsmith.threading.markdown import read_blocks
from threadsmith.threading.splitter import Abandoned
from threadsmith.threading.tokens import TokenStream, assemble, reassemble

ESSAYS = [
    path.read_bytes().decode("utf-8")
    for path in sorted((Path(__file__).parent / "essays").glob("0*.md"))
]
# what an author types, pastes or deletes: words, sentence and paragraph ends, breaks,
# images alone or inline, lists, headings, title lines, code, Windows line ends,
# a word too long for any post, links, mentions, a character X refuses, front matter
PIECES = [
    "x", ". ", "\n\n", "word ", "\n\n---\n\n", "\n\n![alt](a.png)\n\n", "![b](b.png)",
    "\n- item one\n- item two\n", "\n\n# Heading\n\n", "Title Line\n\n",
    "\n\n```\ncode\n```\n\n", "—", " ", "\n", "\r\n", "\r\n\r\n", "x" * 300,
    "https://example.com/a ", "@someone ", "\ufeff", "---\nnumbering: '{n}/{total}'\n---\n",
]  # fmt: skip
OPTIONS = [
    {},
    {"compact": True},
    {"numbering": "{n}/{total}"},
    {"first": "#EdChat", "last": "Please share."},
    {"numbering": "({n}/{total})", "position": "prefix"},
]

edits = st.lists(
    st.tuples(st.floats(0, 1), st.sampled_from([0, 0, 1, 2, 5, 40]), st.sampled_from(PIECES)),
    min_size=1,
    max_size=8,
)
excerpts = st.tuples(st.sampled_from(ESSAYS), st.floats(0, 0.5), st.integers(400, 7000)).map(
    lambda chosen: chosen[0][int(chosen[1] * len(chosen[0])) :][: chosen[2]]
)


def edited(text: str, where: float, removed: int, typed: str) -> str:
    at = int(where * len(text))
    return text[:at] + typed + text[at + removed :]


def newlines_as_split_reads_them(text: str) -> str:
    """Blocks are read from text whose line breaks are \n (pasted essays have \r\n, and
    an edit can leave a lone \r: `split` makes each a \n first)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def same_thread(got: Thread, want: Thread) -> None:
    assert got.posts == want.posts  # number, words, text, length, span, images, cut mark
    assert got.warnings == want.warnings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(excerpts, edits, st.sampled_from(["x", "bluesky", "mastodon"]), st.sampled_from(OPTIONS))
def test_every_post_is_what_a_split_from_scratch_gives_edit_after_edit(
    text: str, changes: list[tuple[float, int, str]], network: str, options: dict[str, object]
) -> None:
    splitter = Splitter()
    for where, removed, typed in [(0.0, 0, ""), *changes]:
        text = edited(text, where, removed, typed)
        try:
            want = split(text, network, **options)  # type: ignore[arg-type]
        except Exception as error:  # noqa: BLE001 (the splitter must raise the same)
            with pytest.raises(type(error)):
                splitter.split(text, rules_for(network), **options)  # type: ignore[arg-type]
            continue
        same_thread(splitter.split(text, rules_for(network), **options), want)  # type: ignore[arg-type]


def fields(stream: TokenStream) -> tuple[object, ...]:
    blocks = [id(block) for block in stream.blocks]
    return (
        stream.tokens, stream.joins, stream.breaks, blocks, stream.bases, stream.starts,
        stream.images, stream.wide_joins, stream.block_starts, stream.image_starts,
    )  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(excerpts, edits)
def test_a_stream_assembled_again_around_an_edit_is_the_stream_of_the_edited_essay(
    text: str, changes: list[tuple[float, int, str]]
) -> None:
    text = newlines_as_split_reads_them(text)
    blocks = read_blocks(text)
    stream = assemble(blocks)
    for where, removed, typed in changes:
        new_text = newlines_as_split_reads_them(edited(text, where, removed, typed))
        new_blocks = read_blocks(new_text)
        again, edit = reassemble(stream, blocks, new_blocks, len(new_text) - len(text))
        assert fields(again) == fields(assemble(new_blocks))
        for index in range(edit.head):  # before the edit: the same tokens, in the same place
            assert again.blocks[index] is stream.blocks[index]
            assert again.bases[index] == stream.bases[index]
        for index in range(edit.tail, len(again.tokens)):  # after it: moved along
            old = index - edit.shift
            assert again.tokens[index] == stream.tokens[old]
            assert again.blocks[index] is stream.blocks[old]
            assert again.bases[index] == stream.bases[old] + edit.chars
        text, blocks, stream = new_text, new_blocks, again


def long_essay() -> str:
    return "\n\n".join(ESSAYS[:4] * 3)  # ~10,000 words: hundreds of posts


def test_after_an_edit_the_breaker_stops_where_it_runs_in_step_with_its_last_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken: list[int] = []
    take_rest = break_memory.LastRun.take_rest

    def spy(run: break_memory.LastRun, best: list[float], back: list[int], at: int, d: float):  # type: ignore[no-untyped-def]
        taken.append(len(best) - at)
        take_rest(run, best, back, at, d)

    monkeypatch.setattr(break_memory.LastRun, "take_rest", spy)
    text = long_essay()
    splitter = Splitter()
    splitter.split(text, rules_for("x"))
    middle = text.index(". ", len(text) // 2) + 1
    for typed in ("q", "qq", " a few more words."):
        text = text[:middle] + typed + text[middle:]
        taken.clear()
        same_thread(splitter.split(text, rules_for("x")), split(text, "x"))
        # both runs (compact, clean) took over the last run's results for most tokens
        assert len(taken) == 2 and min(taken) > len(text.split()) // 3


def test_unchanged_posts_are_the_same_objects_and_moved_ones_keep_their_words() -> None:
    text = long_essay()
    splitter = Splitter()
    before = splitter.split(text, rules_for("x")).posts
    middle = text.index(". ", len(text) // 2) + 1
    after = splitter.split(text[:middle] + " Yes." + text[middle:], rules_for("x")).posts
    assert after[0] is before[0] and after[10] is before[10]
    moved = [
        new for new, old in zip(after[-50:], before[-50:], strict=True) if new.body is old.body
    ]
    assert len(moved) == 50  # the same words, not joined again
    assert all(
        new.span[0] == old.span[0] + 5 for new, old in zip(after[-50:], before[-50:], strict=True)
    )


def test_a_stale_split_stops_and_the_next_one_is_still_exact() -> None:
    text = long_essay()
    splitter = Splitter()
    splitter.split(text, rules_for("bluesky"))
    checks = 0

    def stale() -> bool:
        nonlocal checks
        checks += 1
        return checks > 3  # goes stale part way through

    edited_text = text.replace("schools", "academies", 1)
    with pytest.raises(Abandoned):
        splitter.until(stale).split(edited_text, rules_for("bluesky"))
    assert checks > 3
    same_thread(splitter.split(edited_text, rules_for("bluesky")), split(edited_text, "bluesky"))
    same_thread(
        splitter.until(lambda: False).split(text, rules_for("bluesky")), split(text, "bluesky")
    )


def test_the_post_at_an_offset_is_the_first_ending_after_it() -> None:
    thread = split(long_essay(), "x")
    for offset in range(0, len(long_essay()) + 5, 97):
        expected = next((post for post in thread.posts if offset < post.span[1]), thread.posts[-1])
        assert thread.post_at(offset) is expected
    assert split("", "x").post_at(0) is None


def test_the_breakers_memory_after_an_edit_holds_what_a_fresh_run_finds() -> None:
    # What the next keystroke resumes from must be exact too, not only this one's ends.
    random = Random(5)
    count = 3000
    gaps = [random.choice([Break.WORD] * 10 + [Break.CLAUSE, Break.SENTENCE]) for _ in range(count)]
    gaps[-1] = Break.END
    weights = [random.randint(2, 9) for _ in range(count)]
    joins = [0] + [1] * (count - 1)
    edited_weights = [*weights[:1500], 4, 7, 5, *weights[1500:]]
    edited_gaps = [*gaps[:1500], Break.WORD, Break.WORD, Break.WORD, *gaps[1500:]]
    edited_joins = joins + [1] * 3

    def budget(weights: list[int], joins: list[int]) -> Budget:
        return Budget(280, weights, joins, 4, 0, 0, 2)

    remembered, fresh = BreakMemory(), BreakMemory()
    old, new = budget(weights, joins), budget(edited_weights, edited_joins)
    assert choose(gaps, [old], remembered).ends == choose(gaps, [old]).ends
    assert choose(edited_gaps, [new], remembered).ends == choose(edited_gaps, [new], fresh).ends
    prefix = [0]
    for join, weight in zip(edited_joins, edited_weights, strict=True):
        prefix.append(prefix[-1] + join + weight)
    for mode in ("compact", "clean"):
        kept = remembered.resume(bytes(edited_gaps), [new], prefix, mode)
        found = fresh.resume(bytes(edited_gaps), [new], prefix, mode)
        assert kept[:2] == found[:2]  # every best cost and every post start


def test_an_unchanged_paragraph_keeps_its_blocks_however_long_the_essay() -> None:
    # The shared caches hold a few thousand chunks; a 5 MB essay has tens of thousands.
    from threadsmith.threading import markdown

    text = long_essay()
    memory = markdown.ReadMemory()
    before = markdown.read_blocks(text, 0, None, memory)
    markdown._chunk_blocks.cache_clear()  # as if a long essay had filled the cache
    edited_text = "A new first line.\n\n" + text
    after = markdown.read_blocks(edited_text, 0, None, memory)
    assert [block for block, _ in after[1:]] == [block for block, _ in before]  # the same objects
    fresh = markdown.read_blocks(edited_text)
    assert [(b.kind, b.text, b.line_map, base) for b, base in after] == [
        (b.kind, b.text, b.line_map, base) for b, base in fresh
    ]


@pytest.mark.parametrize("network", ["x", "bluesky"])
def test_an_edit_inside_a_heading_longer_than_a_post_splits_as_from_scratch(
    network: str,
) -> None:
    # A heading is cut only where nothing else fits: the starts just before an edit in
    # it choose among gaps after the edit, so what they found before it is stale too.
    rng = Random(1)
    opening = "Opening sentence here.\n\n"
    for _ in range(150):
        words = (
            rng.choice(["word", "campaign", "pupils", "a"]) for _ in range(rng.randint(40, 90))
        )
        heading = "# " + " ".join(words)
        essay = opening + heading + "\n\nThe body sentence follows it here."
        at = rng.randint(len(opening) + 2, len(opening) + len(heading))
        edited = (
            essay[:at] + rng.choice(["x", "日本", " word", ""]) + essay[at + rng.randint(0, 2) :]
        )
        splitter = Splitter()
        splitter.split(essay, rules_for(network))
        assert splitter.split(edited, rules_for(network)).posts == split(edited, network).posts
