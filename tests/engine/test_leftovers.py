"""Blog page furniture left in a pasted essay: found line by line, warned about on its
post, removed by one call; the author's own sentences are never taken for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from threadsmith.threading.leftovers import (
    LEFTOVER,
    is_leftover,
    leftover_lines,
    leftover_warnings,
    without_leftovers,
)
from threadsmith.threading.models import Post

ROOT = Path(__file__).resolve().parents[2]
OPENING = "Our school budget is £3.1 million this year, and it buys less than it did in 2019."
CLOSING = "Write to your MP this week: the spending review is decided in November."

# Lines as they arrive pasted from WordPress, Jetpack, Substack, Medium and Blogger pages.
FURNITURE = [
    "you're reading…",
    "You’re reading Heads Up",
    "Continue reading",
    "Continue reading →",
    "Continue reading…",
    "Continue reading “The real-terms cut nobody voted for”",
    "Continue reading The real-terms cut nobody voted for →",
    "Continue reading on Medium »",
    "Read more",
    "Read More »",
    "Read the rest of this entry »",
    "Read the full post",
    "Keep reading",
    "(more…)",
    "[…]",
    "View original post 106 more words",
    "View original post",
    "1,204 more words",
    "Share this:",
    "SHARE THIS:",
    "Share",
    "Share this post",
    "Share this article",
    "Share on Facebook",
    "Share on X",
    "Share via Email",
    "Click to share on Twitter (Opens in new window)",
    "Click to share on LinkedIn (Opens in new window)",
    "Click to email a link to a friend (Opens in new window)",
    "Click to print (Opens in new window)",
    "Tweet",
    "Reblog",
    "Restack",
    "Copy link",
    "Report this content",
    "Like this:",
    "Like",
    "Like Loading…",
    "Like Loading...",
    "Loading...",
    "Be the first to like this.",
    "12 bloggers like this.",
    "Liked by 3 people",
    "Rate this:",
    "3 Comments",
    "1 Comment",
    "One comment",
    "No comments yet",
    "Comments (12)",
    "Comments are closed.",
    "3 thoughts on “The real-terms cut nobody voted for”",
    "One response to “Workload is a choice”",
    "Leave a Reply",
    "Leave a comment",
    "Leave a Reply Cancel reply",
    "Cancel reply",
    "Post Comment",
    "Log in to Reply",
    "Posted in Education",
    "Posted in Education, Funding",
    "Posted in Uncategorized | Leave a comment",
    "Posted in Education, Politics | Tagged ofsted, schools | 3 Comments",
    "Filed under: Funding",
    "Tagged budgets, Ofsted",
    "Tagged #edchat #ukedchat",
    "Tags: budgets, funding, MPs",
    "Categories: Campaigns",
    "Posted on 3 October 2026 by Jo Bloggs",
    "Posted on October 3, 2026",
    "Posted by Jo Bloggs",
    "Published 12/10/2026",
    "5 min read",
    "Subscribe",
    "Subscribed",
    "Subscribe now",
    "Subscribe for free",
    "Follow Blog via Email",
    "Join 32,090 other subscribers",
    "Thanks for reading The Staffroom! Subscribe for free to receive new posts and support "
    "my work.",
    "Discover more from Heads Up",
    "Type your email…",
    "Related",
    "Related posts",
    "Related:",
    "You may also like",
    "← Previous Post",
    "Next Post →",
    "Post navigation",
    "Older posts",
    "Advertisements",
    "Blog at WordPress.com.",
    "Create a website or blog at WordPress.com",
]

# The same lines, as Markdown written by hand or by an import.
FURNITURE_IN_MARKDOWN = [
    "**Share this:**",
    "*Like this:*",
    "_Posted in Education_",
    "### Related",
    "> Like this:",
    "- Share on Facebook",
    "1. Reblog",
    "[Continue reading →](https://headsup.example/2026/10/03/cut/)",
    "[View original post 106 more words](https://other.example/post/)",
    "**[Share on X](https://x.com/intent/tweet?url=https%3A%2F%2Fheadsup.example)**",
    "Continue reading \\[…\\]",
    "Share\u00a0this:",
    "   Share this:   ",
]

# The author's sentences, each alone on its line, that share words with furniture.
PROSE = [
    "Share these charts with your governors.",
    "Share this letter with your MP.",
    "Share this.",
    "Please share this thread with a governor.",
    "Our share of the budget fell again.",
    "Share on Facebook what you found, and tag your MP.",
    "Like this: schools that cut music first.",
    "Like this, every school loses a little.",
    "We like this plan.",
    "Liked by parents, ignored by ministers.",
    "Related to this, the union says the cut is deeper.",
    "Related reading for governors is below.",
    "Posted in 1998, the letter was ignored.",
    "Posted in the staffroom, the notice said nothing.",
    "Posted in haste in 1998.",
    "Posted in the post",
    "Posted by hand to every family",
    "Posted by a parent",
    "Posted by Jo Bloggs.",
    "Posted on Monday, the letter reached every parent.",
    "Posted on the staffroom wall",
    "Tagged as failing, the school lost its head.",
    "Tagged with a warning",
    "Tags matter less than the words.",
    "Filed under 'urgent', the letter sat for a month.",
    "Continue reading the minutes and you will see.",
    "Continue reading.",
    "Read more about the survey on the union's site.",
    "Read more: https://union.example/funding",
    "Read on.",
    "Keep reading the small print.",
    "You're reading a thread about school funding.",
    "You're reading this because you care",
    "View the original post on the council's website.",
    "12 more words would have said it.",
    "3 comments from parents stood out.",
    "One comment stood out:",
    "No comments were received.",
    "The comments section filled up within an hour.",
    "Comments (from parents) were kind.",
    "Leave a reply to the consultation by Friday.",
    "Leave a comment below and tell me how your school did it.",
    "Subscribe to the newsletter for updates.",
    "Subscribe, share, and write to your MP.",
    "Thanks for reading!",
    "Loading the minibus took an hour.",
    "Next post: what the governors decided",
    "Previous posts have covered the pay award.",
    "Be the first school in your area to say no.",
    "Join us at the rally on Saturday.",
    "Advertisements for teachers now run for months.",
    "## Three thoughts on the spending review",
    "## 3 thoughts on the spending review",
    "- Twitter",
    "- Email",
    "More",
    "Print",
    "Tweet the minister today.",
    "Click to see the full chart.",
    "Copy link to this page into your letter to the minister.",
    "Report this content to the exam board.",
]


def essay(*lines: str) -> str:
    return "\n\n".join([OPENING, *lines, CLOSING]) + "\n"


@pytest.mark.parametrize("line", FURNITURE + FURNITURE_IN_MARKDOWN)
def test_a_line_of_page_furniture_is_found_where_it_stands(line: str) -> None:
    text = essay(line)
    start = len(OPENING) + 2
    assert is_leftover(line)
    assert leftover_lines(text) == [(start, start + len(line), line)]


@pytest.mark.parametrize("line", PROSE)
def test_the_authors_own_sentence_is_not_furniture(line: str) -> None:
    assert not is_leftover(line)
    assert leftover_lines(essay(line)) == []
    assert without_leftovers(essay(line)) == essay(line)


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "tests/engine/essays").glob("*.md")), ROOT / "examples/essay.md"],
    ids=lambda path: path.name,
)
def test_no_line_of_the_corpus_essays_is_furniture(path: Path) -> None:
    assert leftover_lines(path.read_text(encoding="utf-8-sig")) == []


def test_a_share_buttons_name_is_furniture_only_in_a_run_of_it() -> None:
    buttons = ["Share this:", "Twitter", "Facebook", "", "Email", "Print", "More"]
    text = "\n".join([OPENING, "", *buttons, "", "Like this:", "Like Loading…", "", CLOSING])
    assert [line for _, _, line in leftover_lines(text)] == [
        *(button for button in buttons if button),
        "Like this:",
        "Like Loading…",
    ]
    own_list = "Where parents saw the letter:\n\n- Facebook\n- Email\n- Twitter\n"
    assert leftover_lines(essay(own_list)) == []


def test_share_buttons_written_as_a_markdown_list_of_links_go_with_their_heading() -> None:
    text = essay(
        "**Share this:**\n\n- [Twitter](https://headsup.example/?share=twitter)\n"
        "- [Facebook](https://headsup.example/?share=facebook)"
    )
    assert without_leftovers(text) == essay()


def test_a_sentence_wrapped_onto_a_line_that_reads_like_furniture_is_prose() -> None:
    text = "Once installed, you can load it in your application\nlike this:\n\nA list.\n"
    assert leftover_lines(text) == []
    assert leftover_lines("Like Loading…\nlike this:\n") == [
        (0, 13, "Like Loading…"),
        (14, 24, "like this:"),
    ]


def test_front_matter_and_fenced_code_are_never_touched() -> None:
    text = (
        "---\ntags: budgets, funding\ntitle: Related\n---\n"
        "```\nShare this:\nRelated\n```\n\n~~~~\nPosted in Education\n~~~~\n\nRelated\n"
    )
    ((start, end, line),) = leftover_lines(text)
    assert line == "Related" and text[start:end] == line and start == text.rindex("Related")
    assert without_leftovers(text) == text[: text.rindex("\n\nRelated") + 1]


def test_offsets_are_the_lines_own_with_windows_line_breaks() -> None:
    text = essay("Share this:", "Like Loading…").replace("\n", "\r\n")
    found = leftover_lines(text)
    assert [line for _, _, line in found] == ["Share this:", "Like Loading…"]
    assert all(text[start:end] == line for start, end, line in found)
    assert without_leftovers(text) == essay().replace("\n", "\r\n")


def test_an_essay_that_opens_with_furniture_is_found_from_its_first_line() -> None:
    assert leftover_lines("Continue reading →\n\nText.") == [(0, 18, "Continue reading →")]
    assert without_leftovers("Continue reading →\n\nText.") == "Text."


# --- removing them --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (essay("Share this:", "Like this:", "Like Loading…", "Related"), essay()),
        (essay("View original post 106 more words"), essay()),
        # a line inside a paragraph: its paragraph keeps its place
        (
            f"{OPENING}\nContinue reading →\n\n{CLOSING}\n",
            f"{OPENING}\n\n{CLOSING}\n",
        ),
        # at the end: the essay ends with its last words, and one line break
        (f"{OPENING}\n\n{CLOSING}\n\nShare this:\n\nLike this:\n", f"{OPENING}\n\n{CLOSING}\n"),
        (f"{OPENING}\n\nPosted in Education", f"{OPENING}\n"),
        # after the front matter
        ("---\nplatform: x\n---\nShare this:\n\nText.\n", "---\nplatform: x\n---\nText.\n"),
        # the author's own blank lines elsewhere stay as they are
        (f"{OPENING}\n\n\n\n{CLOSING}\n\nRelated\n", f"{OPENING}\n\n\n\n{CLOSING}\n"),
    ],
)
def test_removing_leftovers_leaves_the_paragraphs_one_blank_line_apart(
    before: str, after: str
) -> None:
    assert without_leftovers(before) == after
    assert without_leftovers(after) == after


def test_removing_leftovers_keeps_every_other_line_as_it_was() -> None:
    lines = [OPENING, *FURNITURE[:20], "Share these charts with your governors.", CLOSING]
    text = "\n\n".join(lines) + "\n"
    kept = without_leftovers(text)
    assert kept == f"{OPENING}\n\nShare these charts with your governors.\n\n{CLOSING}\n"


# --- warnings -------------------------------------------------------------------------


def posts_of(text: str, *bodies: str) -> list[Post]:
    """Posts whose spans are where each body stands in `text`."""
    posts = []
    for number, body in enumerate(bodies, 1):
        start = text.index(body)
        posts.append(Post(number, body, body, len(body), 280, (start, start + len(body))))
    return posts


def test_each_leftover_is_a_warning_on_the_post_that_publishes_it() -> None:
    text = essay("- Share on Facebook", "Like this:")
    posts = posts_of(text, OPENING, "Share on Facebook\n\nLike this:", CLOSING)
    warnings = leftover_warnings(text, posts)
    assert [(w.kind, w.post) for w in warnings] == [(LEFTOVER, 2), (LEFTOVER, 2)]
    assert warnings[0].message == (
        '"Share on Facebook" looks like blog page furniture, not your words: '
        "remove it (Ctrl+L in the app)"
    )
    assert warnings[1].message.startswith('"Like this:" looks like blog page furniture')


def test_a_leftover_no_post_publishes_is_warned_about_without_a_post() -> None:
    text = essay("Related")
    posts = posts_of(text, OPENING, CLOSING)
    (warning,) = leftover_warnings(text, posts, key="Alt+R")
    assert warning.post is None and warning.message.endswith("(Alt+R in the app)")
    assert leftover_warnings(essay(), posts_of(essay(), OPENING, CLOSING)) == []


def test_a_leftover_is_quoted_as_a_reader_sees_it() -> None:
    text = essay("[Continue reading →](https://headsup.example/2026/10/03/cut/)")
    (warning,) = leftover_warnings(text, [])
    assert warning.message.startswith('"Continue reading →" looks like')


def test_a_long_leftover_is_quoted_shortened() -> None:
    line = (
        "Thanks for reading The Staffroom, a newsletter about schools and the people who run "
        "them! Subscribe for free to receive new posts and support my work."
    )
    (warning,) = leftover_warnings(essay(line), [])
    assert warning.message.startswith(f'"{line[:77]}…" looks like')
