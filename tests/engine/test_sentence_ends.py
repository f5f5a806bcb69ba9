"""Sentence ends as a reader reads them: "!" or "?" inside an aside or a quotation,
and the abbreviations after which a sentence never ends (issue 21, point 6).

Each table row is a piece of campaign prose and the gap after one of its tokens.
"""

from __future__ import annotations

import pytest

from support.split import split
from threadsmith.threading.gaps import Break
from threadsmith.threading.markdown import Kind
from threadsmith.threading.segment import segment

NETWORKS = ["x", "bluesky", "mastodon"]

# (id, text, the token, the gap after it)
ASIDES = [
    # an aside opened inside a sentence: the sentence goes on after it
    (
        "issue example",
        "Even if I get the mainstream children through (Not going to happen!) I will "
        "still only have 82% L4!",
        "happen!)",
        Break.CLAUSE,
    ),
    ("question aside", "Our MP (who else?) Voted against it twice.", "else?)", Break.CLAUSE),
    ("square brackets", "The head [Really?] Told parents nothing.", "[Really?]", Break.CLAUSE),
    ("nested", "We waited (and waited (and waited!)) Then it came.", "waited!))", Break.CLAUSE),
    ("ellipsis", "It was (sort of…) True, in a way.", "of…)", Break.CLAUSE),
    ("inside a word", "The governor(s!) Sign off the budget.", "governor(s!)", Break.CLAUSE),
    ("over a line", "The trust\n(Can you believe it?)\nCut the budget.", "it?)", Break.CLAUSE),
    ("invisible", "the plans\u200b (no way!)\u200b Then more", "way!)\u200b", Break.CLAUSE),
    # not a sentence end, so the no-break space holds the words together
    ("no-break space", "the plans (no way!)\u00a0Then more", "way!)", Break.NONE),
    # an aside that is a sentence of its own ends it
    ("own sentence", "We asked. (Would they come?) They did not.", "come?)", Break.SENTENCE),
    ("opens the block", "(Would they come?) They did not.", "come?)", Break.SENTENCE),
    ("after a quote", "We asked. “(Will they?)” Nobody knew.", "they?)”", Break.SENTENCE),
    ("stray bracket", "Wow!) Next we go on.", "Wow!)", Break.SENTENCE),
    # lower case goes on, as before
    ("lower case", "We said no (twice!) and left.", "(twice!)", Break.WORD),
    # a quotation: the next word decides
    ("quote, lower case", 'He shouted "Stop!" and ran.', '"Stop!"', Break.WORD),
    ("quote, capital", '"Stop!" He ran.', '"Stop!"', Break.SENTENCE),
    ("sign", 'The sign said "Keep out!" Nobody did.', 'out!"', Break.SENTENCE),
    ("curly quote", "We chanted “Not in our name!” The police watched.", "name!”", Break.SENTENCE),
    ("single quotes", "‘Who pays?’ The council will not say.", "pays?’", Break.SENTENCE),
    ("dialogue tag, I", '"Why me?" I asked the head.', 'me?"', Break.CLAUSE),
    ("dialogue tag, name", "‘Why now?’ Sarah asked the head.", "now?’", Break.CLAUSE),
    ("dialogue tag, end", "‘Why now?’ Sarah said.", "now?’", Break.CLAUSE),
    ("not a tag", '"Stop!" I ran to the gate.', '"Stop!"', Break.SENTENCE),
    # plain sentence ends are untouched
    ("plain", "We won! Then we lost.", "won!", Break.SENTENCE),
    ("full stop in brackets", "We left (at last.) Then it rained.", "last.)", Break.SENTENCE),
]

# (id, text, the token, the gap after it): a sentence never ends after these
ABBREVIATIONS = [
    ("Mr.", "We met Mr. Smith at the gate.", "Mr.", Break.NONE),
    ("Mrs.", "Ask Mrs. Patel first.", "Mrs.", Break.NONE),
    ("Dr.", "The report by Dr. Jones is out.", "Dr.", Break.NONE),
    ("Prof.", "Ask Prof. Ng about it.", "Prof.", Break.NONE),
    ("Cllr.", "We wrote to Cllr. Evans twice.", "Cllr.", Break.NONE),
    ("St.", "They met at St. Mary's school.", "St.", Break.NONE),
    ("No.", "It is No. 10 that decides.", "No.", Break.NONE),
    ("e.g.", "Some towns, e.g. Leeds, lost most.", "e.g.", Break.WORD),
    ("e.g. capital", "Some costs, e.g. Transport, rise.", "e.g.", Break.WORD),
    ("i.e.", "The cut, i.e. Thirty posts, stands.", "i.e.", Break.WORD),
    ("cf.", "Compare the figures (cf. Table 2) with ours.", "(cf.", Break.WORD),
    ("vs.", "It was Leeds vs. Bradford again.", "vs.", Break.WORD),
    ("etc. and", "Pens, books etc. and more paper.", "etc.", Break.WORD),
    # "etc." ending a sentence does the full stop's work too: "etc. Then" is an end
    ("etc. Then", "Pens, books etc. Then the roof leaked.", "etc.", Break.SENTENCE),
]


def gap_after(text: str, token: str) -> Break:
    found = segment(text, Kind.PARAGRAPH)
    matches = [b for t, b in zip(found.tokens, found.breaks, strict=True) if t == token]
    assert len(matches) == 1, (token, found.tokens)
    return matches[0]


@pytest.mark.parametrize(
    ("text", "token", "expected"),
    [row[1:] for row in ASIDES],
    ids=[row[0] for row in ASIDES],
)
def test_an_exclamation_or_question_closed_by_a_bracket_or_quote(
    text: str, token: str, expected: Break
) -> None:
    assert gap_after(text, token) == expected


@pytest.mark.parametrize(
    ("text", "token", "expected"),
    [row[1:] for row in ABBREVIATIONS],
    ids=[row[0] for row in ABBREVIATIONS],
)
def test_abbreviations_do_not_end_sentences(text: str, token: str, expected: Break) -> None:
    assert gap_after(text, token) == expected


# Essays of our own: a paragraph of three sentences, too long for two posts if each
# sentence is kept whole, where the middle one holds "!)", "?)" or "?]" with a capital
# after it. Reading that as a sentence end saves a post; a reader's reading keeps the
# middle sentence whole (it fits a post).
HEAD = (
    "The county has cut the budget for the third year running, and every school in it now "
    "feels the loss in its classrooms and its corridors."
)
TAIL = (
    "We will take the figures to the council meeting on Thursday, and we will ask every "
    "councillor there to say in public which way they voted."
)
ASIDE_SENTENCES = [
    (
        "issue example",
        "Even if I get all of the mainstream children in my class through the reading tests "
        "this summer (Not going to happen!) I will still only have 82% L4, and that is the "
        "figure the inspectors read first!",
    ),
    (
        "question aside",
        "The trust that runs our school and nine others across the whole of the county (who "
        "voted for that?) Still pays its chief executive more than the Prime Minister earns "
        "in a year.",
    ),
    (
        "brackets",
        "When the inspectors came back to our school for the second time in a single school "
        "year [Why again?] Parents were told nothing at all until the report was out, weeks "
        "later.",
    ),
]


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize(
    "sentence", [row[1] for row in ASIDE_SENTENCES], ids=[row[0] for row in ASIDE_SENTENCES]
)
def test_a_post_never_ends_inside_an_aside_sentence_that_fits(network: str, sentence: str) -> None:
    thread = split(f"{HEAD} {sentence} {TAIL}", network, limit=280)
    assert [post.body for post in thread.posts] == [HEAD, sentence, TAIL]
    assert not any(post.ends_mid_sentence for post in thread.posts)


ABBREVIATION_ESSAY = (
    "The report by Dr. Jones and Prof. Ng came out on 3 Sept. and was read by Mr. Smith, "
    "Mrs. Patel and Cllr. Evans, who chair the committee at St. Mary's. It said that some "
    "costs, e.g. Transport and meals, rise faster than the grant, i.e. Every school loses. "
    "Compare the figures (cf. Table 2 on p. 14) with ours, and the picture is worse. It "
    "was Leeds vs. Bradford again, as No. 10 wanted. We need pens, books etc. and we need "
    "staff. The head, Mr. Okafor, told us in writing. Dr. Lee agreed with him."
)
ABBREVIATED: tuple[str, ...] = (
    "Dr.", "Prof.", "Sept.", "Mr.", "Mrs.", "Cllr.", "St.", "e.g.", "i.e.", "cf.", "p.", "vs.",
    "No.", "etc.",
)  # fmt: skip


@pytest.mark.parametrize("network", NETWORKS)
def test_a_post_ends_at_an_abbreviation_only_marked_as_cut(network: str) -> None:
    for limit in range(60, 300, 11):
        for post in split(ABBREVIATION_ESSAY, network, limit=limit).posts[:-1]:
            if post.body.endswith(ABBREVIATED):
                assert post.ends_mid_sentence, (limit, post.text)
