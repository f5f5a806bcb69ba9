"""The engine's values: what a thread is made of. Frozen, so they can be cached and shared."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Platform(StrEnum):
    """A network a thread can be published to."""

    X = "x"
    BLUESKY = "bluesky"


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


@dataclass(frozen=True, slots=True)
class Post:
    """One post of a thread.

    `body` is the author's words; `text` is exactly what gets published (body,
    extras, the `…` cut mark and the numbering); `length` is `text` measured as
    the platform counts it, never more than `limit`. `span` is the (start, end)
    offsets of the body's words in the source essay.
    """

    number: int
    body: str
    text: str
    length: int
    limit: int
    span: tuple[int, int]
    media: tuple[Media, ...] = ()


@dataclass(frozen=True, slots=True)
class Thread:
    """A split essay: the posts, in order, for one platform."""

    platform: Platform
    limit: int
    posts: tuple[Post, ...]
    warnings: tuple[ThreadWarning, ...] = ()

    def post_at(self, offset: int) -> Post | None:
        """The post whose span holds the source offset `offset` (or the next one after it)."""
        for post in self.posts:
            if offset < post.span[1] or post is self.posts[-1]:
                return post
        return None
