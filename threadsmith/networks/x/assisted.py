"""Publishing to X by hand, helped: a `Publisher` whose `send` hands the post to the
person (through a `Guide`) and waits for the address of the post they published.

Built for campaigners without a paid X API. The journal, claims and resuming are
the publish run's, as for any network; this only decides what to ask and which
answers to take:

- a post's address must be an X status address, of a post newer than the one it
  replies to (X's ids grow with time), never one the run already holds, and by
  the run's account when that is known (else the first address names it);
- a post left `sending` (the person stopped after opening its compose page) may
  have gone out: its address is asked for, or "not published" (an empty answer);
- published twice by mistake: the address pasted is the one kept (delete the other);
- stopping (end of input, Esc) raises `Cancelled`: the run resumes at that post.

Images cannot travel in X's compose link: the guide names the files to attach
and their alt text.
"""

from __future__ import annotations

from threadsmith.errors import Cancelled, InputError
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import Guide, Handoff
from threadsmith.networks.x.links import StatusLink, compose_url, parse_status
from threadsmith.threading.xcount import weighted_length

EXAMPLE = "https://x.com/<you>/status/<number>"


class AssistedXPublisher:
    """An X account published to by hand; implements `threadsmith.network.Publisher`."""

    def __init__(self, handle: str, guide: Guide) -> None:
        self.handle = handle  # "" until the first address names it
        self.warnings: list[str] = []
        self._guide = guide
        self._held: dict[str, str] = {}  # post id -> what it is ("post 3"), this session

    def new_key(self) -> None:
        return None  # nothing to journal before: the person's address is the record

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        """Hand `post` over (copied, its compose page opened as a reply to `parent`),
        then take the address of the post the person published."""
        self._know(post, parent)
        self._guide.show(
            Handoff(
                post,
                weighted_length(post.text),
                compose_url(post.text, parent.id if parent else None),
                parent.url if parent else None,
            )
        )
        question = f"Address of post {post.number} once you have published it"
        while True:
            answer = self._guide.ask_address(post.number, question)
            if answer is None:
                raise _stopped(post)
            ref = self._take(answer, post, parent)
            if ref is not None:
                return ref

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        """A post whose compose page was opened before publishing stopped: the person
        says where it is, or that it was not published (then it is handed over again)."""
        self._know(post, parent)
        words = " ".join(post.text.split())
        start = words if len(words) <= 40 else words[:39] + "…"
        question = (
            f"Post {post.number} (“{start}”) may have been published before publishing "
            "stopped: its address, or nothing if it was not published"
        )
        while True:
            answer = self._guide.ask_address(post.number, question, optional=True)
            if answer is None:
                raise _stopped(post)
            if not answer:
                return None
            ref = self._take(answer, post, parent)
            if ref is not None:
                return ref

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        """The post `url` names, as both root and parent: X replies need only the
        parent's id, and without the API the conversation's first post is not known."""
        link = parse_status(url)
        if link is None:
            raise InputError(f"not an X post address: {url!r} (like {EXAMPLE})")
        ref = PostRef(link.id, link.url)
        return ref, ref

    def close(self) -> None:
        pass

    def _know(self, post: Outgoing, parent: PostRef | None) -> None:
        if parent is not None:
            self._held.setdefault(
                parent.id, f"post {post.number - 1}" if post.number > 1 else "the post replied to"
            )

    def _take(self, answer: str, post: Outgoing, parent: PostRef | None) -> PostRef | None:
        """The post `answer` names, if it can be post `post`; else says why (one line)."""
        link = parse_status(answer)
        problem = self._problem(link, post, parent)
        if problem is not None:
            self._guide.say(f"{problem}: paste the address of post {post.number} ({EXAMPLE})")
            return None
        assert link is not None
        if not self.handle and link.user:
            self.handle = link.user  # who publishes: the run journals it
        self._held[link.id] = f"post {post.number}"
        return PostRef(link.id, link.url)

    def _problem(
        self, link: StatusLink | None, post: Outgoing, parent: PostRef | None
    ) -> str | None:
        if link is None:
            return "That is not the address of a post on X"
        if link.id in self._held:
            return f"That is the address of {self._held[link.id]}"
        if parent is not None and parent.id.isdigit() and int(link.id) <= int(parent.id):
            return f"That post is older than the one post {post.number} replies to"
        if self.handle and link.user and link.user.lower() != self.handle.lower():
            return f"That is a post by @{link.user}, and this thread is @{self.handle}'s"
        return None


def _stopped(post: Outgoing) -> Cancelled:
    return Cancelled(f"stopped at post {post.number}; publishing again goes on from there")
