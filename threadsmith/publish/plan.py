"""Planning a publish: for each account, which posts go out (or which unfinished run is
resumed), with every image of every post checked before anything is sent, and the
posts of a run journalled earlier (a resume) measured against the network's limit as
it is now.

One planner for the command line, the app and the scheduler. A plan changes
nothing; `start` turns one of its targets into a journalled run, in a transaction
that looks again (another process may have started or finished the same thread
since the plan was made).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.essay import SplitOptions, options_not_offered, publish_options, split_for
from threadsmith.journal import Outgoing, PostRef, PostState, content_key
from threadsmith.network import Account, Options
from threadsmith.networks import images
from threadsmith.threading.models import Media

if TYPE_CHECKING:
    from threadsmith.store import Run, Started, Store
    from threadsmith.threading import Thread


@dataclass(frozen=True, slots=True)
class Target:
    """One account, and what publishing there will do."""

    account: Account
    thread: Thread  # the essay split for this account now (its warnings included)
    posts: tuple[Outgoing, ...]  # what goes out: the unfinished run's, else the thread's
    unfinished: Run | None  # resumed as journalled, whatever the essay says now
    published: Run | None  # these very posts already went out from this account
    options: dict[str, str]  # the network's publish options (the unfinished run's, if any)
    scheduled: Run | None = None  # this draft, or these posts, wait to go out at a set time
    not_offered: tuple[str, ...] = ()  # publish options asked for that this network lacks
    resembles: Run | None = None  # a thread nearly these posts (a typo fixed) went out
    # what the person should know of the posts as planned (a link card that could not be
    # made), one line each
    notes: tuple[str, ...] = ()

    @property
    def changed_since(self) -> bool:
        """An unfinished run whose posts differ from what the essay makes now: the essay
        changed, or the network's rules did (a Mastodon instance's limit)."""
        return self.unfinished is not None and self.unfinished.content_key != content_key(
            post.text for post in self.thread.posts
        )

    @property
    def why_changed(self) -> str | None:
        """Why an unfinished run's posts are not what the essay makes now, if they are not:
        the essay changed, or (its file untouched since the run started) the network's
        rules did; None when they are the same."""
        if self.unfinished is None or not self.changed_since:
            return None
        kind, _, path = self.unfinished.draft_key.partition(":")
        try:
            untouched = kind == "file" and Path(path).stat().st_mtime <= self.unfinished.created
        except OSError:
            untouched = False
        if untouched:
            network = self.account.network.display_name
            return f"{network} splits the essay differently now (its limit changed since this run)"
        return "the essay, or the network's limit, changed since this run started"


def waits_for_schedule(target: Target) -> Run | None:
    """The scheduled run that keeps `target` from being published now (it would go out
    twice), or None. An unfinished run is resumed all the same: it is the thread going out."""
    return target.scheduled if target.unfinished is None else None


@dataclass(frozen=True, slots=True)
class Plan:
    draft_key: str
    targets: tuple[Target, ...]


def plan(
    store: Store,
    text: str,
    *,
    draft_key: str,
    base: Path,
    accounts: Sequence[Account],
    options: SplitOptions,
) -> Plan:
    """What publishing `text` to `accounts` would do. Image paths are taken relative to
    `base` (the essay's folder). Raises `InputError` for an essay that cannot be split
    or an image that cannot go (missing, not an image, too large, too many), naming it:
    nothing is journalled before everything is known to be sendable."""
    targets = []
    seen: set[str] = set()
    for account in accounts:
        if account.key in seen:
            continue  # named twice: published once
        seen.add(account.key)
        thread = split_for(text, account.network, options, account)
        if not thread.posts:
            raise InputError("the essay has no text to post (only front matter or markup)")
        unfinished = store.open_run(draft_key, account.network, account.handle)
        fresh = tuple(_outgoing(thread, base))
        if unfinished is None:
            unfinished = _open_run_of(store, account, fresh)
        scheduled: Run | None = None
        resembles: Run | None = None
        not_offered: tuple[str, ...] = ()
        notes: tuple[str, ...] = ()
        if unfinished is not None:
            posts = tuple(post.outgoing() for post in store.run_posts(unfinished.id))
            published = None
            chosen = unfinished.options
        else:
            posts = fresh
            texts = [p.text for p in posts]
            published = store.published(account.network, account.handle, texts)
            if published is None:
                resembles = store.resembling(account.network, account.handle, texts)
            scheduled = store.scheduled_run(draft_key, account.network, account.handle, texts)
            chosen = publish_options(text, account.network, options, account)
            if (limit := _given_limit(text, options)) is not None:
                chosen[LIMIT] = str(limit)  # kept with the run: its checks before sending
            if missing_alt_allowed(text, options):
                chosen[MISSING_ALT] = "true"  # kept with the run, as the limit is
            not_offered = options_not_offered(text, account.network, options, account)
            # link cards read now, journalled with the posts: what goes out is what is shown
            posts, notes = account.network.link_cards(posts, chosen, read_for_card)
        try:
            check_images(account, posts, chosen)
        except InputError as error:
            if unfinished is None:
                raise
            # the run sends its posts as confirmed then: editing the essay cannot mend it
            raise InputError(
                f"{error}, in unfinished run {unfinished.id}: put the image back, or give the "
                f"run up (thread publish --abandon {unfinished.id}; in the app, Delete on the "
                "publish screen)"
            ) from None
        if unfinished is not None:  # what is left to send, measured as the network is now
            try:
                check_lengths(account, _unsent(store, unfinished), chosen)
            except InputError as error:
                raise InputError(
                    f"{error}: run {unfinished.id} cannot be finished as confirmed; give it up "
                    f"(thread publish --abandon {unfinished.id}; in the app, Delete on the "
                    "publish screen)"
                ) from None
        targets.append(
            Target(
                account,
                thread,
                posts,
                unfinished,
                published,
                chosen,
                scheduled,
                not_offered,
                resembles,
                notes,
            )
        )
    return Plan(draft_key, tuple(targets))


def start(
    store: Store,
    plan: Plan,
    target: Target,
    *,
    again: bool = False,
    reply_to: tuple[PostRef, PostRef] | None = None,
) -> Started:
    """The journalled run for `target` (see `Store.start_run`)."""
    return store.start_run(
        plan.draft_key,
        target.account.network,
        target.account.handle,
        target.posts,
        reply_to=reply_to,
        again=again,
        options=target.options,
    )


def check_posts(account: Account, posts: Sequence[Outgoing], options: Options) -> None:
    """What publishing checks before post 1, for posts journalled earlier (a schedule, a
    resume): every image by its content, and each post's length against `account`'s
    network as it is now (a Mastodon instance's limit as last read, `account.settings`;
    the limit given by hand when the run was made, `options[LIMIT]`). `InputError`
    names the first that cannot go."""
    check_images(account, posts, options)
    check_lengths(account, posts, options)


def check_lengths(account: Account, posts: Sequence[Outgoing], options: Options) -> None:
    """Each post's length against `account`'s network as it is now (see `check_posts`)."""
    given = options.get(LIMIT)
    rules = account.network.post_rules(account, int(given) if given else None, options)
    for post in posts:
        for meter in rules.meters:
            if (length := meter.measure(post.text)) > meter.limit:
                raise InputError(
                    f"{account.network.display_name}, post {post.number}: {length} "
                    f"{meter.name}, more than the {meter.limit} it takes now"
                )


def check_images(account: Account, posts: Sequence[Outgoing], options: Options) -> None:
    """Every image of every post, checked as `account`'s network will take it: its file,
    and its alt text (there, unless the run's `options[MISSING_ALT]` allows none, and
    within the network's limit)."""
    rules = account.network.image_rules(account)
    network = account.network.display_name
    missing_allowed = options.get(MISSING_ALT) == "true"
    for post in posts:
        sent = post.media
        if rules.by_address:  # a local file goes as text (the preview says so): not checked
            sent = tuple(media for media in post.media if images.is_address(media.path))
        images.check_count(len(sent), rules, network, post.number)
        for media in sent:
            try:
                if not rules.by_address:
                    images.check(media.path, rules, network)
                images.check_alt(media.path, media.alt, rules, network, missing_allowed)
            except InputError as error:
                raise InputError(f"{network}, post {post.number}: {error}") from None


LIMIT = "limit"  # a run's publish options keep the limit given by hand (X Premium)
MISSING_ALT = "allow_missing_alt"  # ...and whether an image may go without alt text


def missing_alt_allowed(text: str, options: SplitOptions) -> bool:
    """Whether images may go without alt text: `--allow-missing-alt`, or
    `allow_missing_alt: true` in the front matter."""
    from threadsmith.threading.frontmatter import read_front_matter

    if options.missing_alt_allowed is not None:
        return options.missing_alt_allowed
    return read_front_matter(text).settings.get(MISSING_ALT) is True


CARD_TIMEOUT = 10.0  # seconds for one request of a link card (its page, its picture)
CARD_SECONDS = 30.0  # for everything one link card reads


def read_for_card(link: str, url: str, limit: int) -> tuple[str, str, bytes]:
    """`url` read for the link card of `link` (the page, or its picture) with the import's
    bounded fetcher: `link`'s host is the one local address it may reach, as when a page
    is imported (a page on 127.0.0.1 may be read, since it is the address given; a
    redirect from it to another local address may not). (Where it was found, its media
    type, its body); `InputError` naming the address."""
    from urllib.parse import urlsplit

    from threadsmith.importing.fetching import Fetcher, ImportLimits

    limits = ImportLimits(seconds=CARD_SECONDS, bytes=limit)
    with Fetcher(CARD_TIMEOUT, home=urlsplit(link).hostname, limits=limits) as fetcher:
        fetched = fetcher.get(url, limit)
    return fetched.url, fetched.content_type, fetched.body


def _given_limit(text: str, options: SplitOptions) -> int | None:
    """The limit given by hand (`--limit`, or `limit:` in the front matter), if any."""
    from threadsmith.threading.frontmatter import read_front_matter
    from threadsmith.threading.splitter import checked_limit

    if options.limit is not None:
        return checked_limit(options.limit)
    return checked_limit(read_front_matter(text).settings.get("limit"))


def _unsent(store: Store, run: Run) -> list[Outgoing]:
    return [p.outgoing() for p in store.run_posts(run.id) if p.state is not PostState.SENT]


def _outgoing(thread: Thread, base: Path) -> list[Outgoing]:
    """The posts as the journal keeps them: image paths made absolute against `base`."""
    return [
        Outgoing(
            post.number,
            post.text,
            tuple(
                Media(
                    m.path if images.is_address(m.path) else str(base / Path(m.path).expanduser()),
                    m.alt,
                )
                for m in post.media
            ),
        )
        for post in thread.posts
    ]


def _open_run_of(store: Store, account: Account, posts: Sequence[Outgoing]) -> Run | None:
    """An unfinished run of these very posts from another file or draft (a copy)."""
    key = content_key(post.text for post in posts)
    return next(
        (
            run
            for run in store.open_runs()
            if run.content_key == key
            and run.network is account.network
            and run.handle == account.handle
        ),
        None,
    )


def resembling(store: Store, earlier: Run) -> str:
    """That a thread nearly the same as the one planned went out (`earlier`), and where:
    publishing makes a second thread beside it."""
    posts = store.run_posts(earlier.id)
    url = posts[0].ref.url if posts and posts[0].ref else "?"
    when = time.strftime("%d %b %Y %H:%M", time.localtime(earlier.updated))
    return (
        f"a thread nearly the same as this one (a few words differ) went out on {when}: "
        f"{url}; publishing posts this one as a second thread beside it"
    )
