"""The engine's values: what a thread is made of. Frozen, so they can be cached and shared."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Meter:
    """One way a network measures text, with the limit it enforces.

    `measure` gives a whole post's length; `measure_token` a single token's (a run
    of non-space characters), never less than its share of the whole: the breaker
    sums token weights, and every post is measured whole at the end.
    `ascii_is_length`: an ASCII token weighs its number of characters (a fast path).
    `shortens_links`: links count as the network posts them, shortened
    (`bluesky_links.shorten_links`: `measure` and `measure_token` shorten them), so
    `ascii_is_length` holds only for a token without "://"."""

    name: str
    limit: int
    measure: Callable[[str], int]
    measure_token: Callable[[str], int]
    ascii_is_length: bool = False
    shortens_links: bool = False


@dataclass(frozen=True, slots=True)
class PostRules:
    """What one network accepts in a post: every meter within its limit (the first is
    the length the network shows), and at most `max_images` images.

    `substitutes`: (character, what is published instead) for the characters the
    network refuses in any post, each replaced by one it accepts with the same
    meaning and the same length (X refuses U+FEFF, the zero-width no-break space
    pasted text carries, and publishes U+2060 WORD JOINER, its successor)."""

    network: str  # its name, as `thread split --network` and the JSON output say it
    meters: tuple[Meter, ...]
    max_images: int = 4
    substitutes: tuple[tuple[str, str], ...] = ()

    def publishable(self, text: str) -> str:
        """`text` with the characters the network refuses replaced (same offsets)."""
        for refused, instead in self.substitutes:
            if refused in text:
                text = text.replace(refused, instead)
        return text

    def posted(self, text: str) -> str:
        """`text` as the network is sent it and shows it: `publishable`, and each link
        shortened where the network's meters count it so (Bluesky: "www.naht.org.uk/
        news/latest..." as the official app posts it). A post's `text` stays the
        essay's own words, its `length` that of this text."""
        text = self.publishable(text)
        if any(meter.shortens_links for meter in self.meters):
            from threadsmith.threading.bluesky_links import shorten_links

            text = shorten_links(text)
        return text

    @property
    def limit(self) -> int:
        return self.meters[0].limit

    def with_limit(self, limit: int | None) -> PostRules:
        """These rules with another limit for the main meter (X Premium, an instance's own)."""
        if limit is None or limit == self.limit:
            return self
        return replace(self, meters=(replace(self.meters[0], limit=limit), *self.meters[1:]))


class Position(StrEnum):
    """Where the numbering goes in each post."""

    SUFFIX = "suffix"
    PREFIX = "prefix"


@dataclass(frozen=True, slots=True)
class Media:
    """An image from the essay (`![alt](path)`), attached to the post where it stands."""

    path: str
    alt: str


@dataclass(frozen=True, slots=True)
class ThreadWarning:
    """Something the author should look at; the thread is still valid."""

    kind: str  # "overlong-token", "too-many-images", ...
    message: str
    post: int | None = None  # 1-based post number, when it concerns one post
    over: int = 0  # for a post the writer made ("pin"): by how much it is over the limit


@dataclass(frozen=True, slots=True)
class Post:
    """One post of a thread.

    `body` is the author's words; `text` is exactly what gets published (body,
    extras, the `…` cut mark and the numbering), in the essay's own words:
    `PostRules.posted(text)` is the same text as the network is sent it (Bluesky's
    links shortened); `length` is that measured as the network counts it, never
    more than `limit`. `span` is the (start, end)
    offsets of the body's words in the source essay. `ends_mid_sentence`: the post
    stops inside a sentence (its text has the `…` cut mark).
    """

    number: int
    body: str
    text: str
    length: int
    limit: int
    span: tuple[int, int]
    media: tuple[Media, ...] = ()
    ends_mid_sentence: bool = False


@dataclass(frozen=True, slots=True)
class Trade:
    """What clean breaks cost against compact ones, for the same essay and settings:
    posts, and how many of them end inside a sentence, each way."""

    clean_posts: int
    clean_cut: int
    compact_posts: int
    compact_cut: int

    def describe(self) -> str:
        """One line for the writer: "clean: 30 posts, none cut · compact: 28 posts, 4 cut
        mid-sentence"."""
        return (
            f"clean: {_posts(self.clean_posts)}, {_cut(self.clean_cut)} · "
            f"compact: {_posts(self.compact_posts)}, {_cut(self.compact_cut)}"
        )

    @property
    def differs(self) -> bool:
        """Whether the two ways give different threads worth a choice."""
        return (self.clean_posts, self.clean_cut) != (self.compact_posts, self.compact_cut)


def _posts(count: int) -> str:
    return f"{count} post" if count == 1 else f"{count} posts"


def _cut(count: int) -> str:
    return "none cut" if count == 0 else f"{count} cut mid-sentence"


@dataclass(frozen=True, slots=True)
class Thread:
    """A split essay: the posts, in order, for one network, and what clean breaks cost
    against compact ones (`trade`; None for an empty essay)."""

    rules: PostRules
    limit: int
    posts: tuple[Post, ...]
    warnings: tuple[ThreadWarning, ...] = ()
    trade: Trade | None = None

    @property
    def network(self) -> str:
        """The network's name ("x", "bluesky", …)."""
        return self.rules.network

    def said_once(self) -> list[str]:
        """The warnings as lines to show, each said once with the posts it is about
        ("posts 2, 5 and 9: @nahtnews stays plain text …"), not once a post."""
        posts: dict[tuple[str, str], list[int]] = {}
        for warning in self.warnings:
            posts.setdefault((warning.kind, warning.message), [])
            if warning.post is not None:
                posts[warning.kind, warning.message].append(warning.post)
        return [f"{_which(numbers)}{message}" for (_, message), numbers in posts.items()]

    @property
    def mid_sentence_ends(self) -> int:
        """How many posts end inside a sentence (with the `…` cut mark)."""
        return sum(post.ends_mid_sentence for post in self.posts)

    def post_at(self, offset: int) -> Post | None:
        """The post whose span holds the source offset `offset` (or the next one after it)."""
        if not self.posts:
            return None
        # spans follow each other: the first post ending after `offset` (found by bisection)
        index = bisect_right(self.posts, offset, key=_span_end)
        return self.posts[min(index, len(self.posts) - 1)]


def _which(numbers: list[int]) -> str:
    """ "post 4: ", "posts 2, 5 and 9: ", or nothing for a warning about no one post."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"post {numbers[0]}: "
    listed = ", ".join(map(str, numbers[:-1]))
    return f"posts {listed} and {numbers[-1]}: "


def _span_end(post: Post) -> int:
    return post.span[1]
