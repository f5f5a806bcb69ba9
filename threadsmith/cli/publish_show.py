"""What `thread publish` (and `thread schedule`) will do, shown before it asks: each
account's posts, lengths and images, what its network cannot do, what X bills, and a
thread published or scheduled already."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from threadsmith.cli.publish_lines import say
from threadsmith.wording import counted

if TYPE_CHECKING:
    from threadsmith.journal import Card
    from threadsmith.network import Account, Network
    from threadsmith.publish import Target
    from threadsmith.store import Run, Store


def say_published(store: Store, account: Account, earlier: Run) -> None:
    posts = store.run_posts(earlier.id)
    url = posts[0].ref.url if posts and posts[0].ref else "?"
    when = time.strftime("%d %b %Y %H:%M", time.localtime(earlier.updated))
    say(f"{account.name}: already published on {when}: {url} (add --again to publish it once more)")


def say_scheduled(store: Store, account: Account, run: Run) -> None:
    from threadsmith.times import local_zone, short_when

    assert run.schedule_id is not None
    schedule = store.schedule(run.schedule_id)
    when = short_when(schedule.due, time.time(), local_zone())
    print(
        f"{account.name}: this thread is scheduled for {when} (schedule {schedule.id}) and goes "
        f"out then; to publish it now: thread schedule run --id {schedule.id} --now "
        f"(or cancel it: thread schedule cancel {schedule.id})"
    )


def show_target(store: Store, target: Target, verbose: bool, by_hand: bool = False) -> None:
    """The posts that will go out to one account (or the run that will be resumed), what
    was asked that its network (or publishing by hand) cannot do, and what it is billed
    (nothing by hand)."""
    from threadsmith.essay import options_not_by_hand
    from threadsmith.networks import images

    name = target.account.name
    network = target.account.network
    not_done = target.not_offered + (
        options_not_by_hand(network, target.options) if by_hand else ()
    )
    if target.unfinished is not None:
        journal = store.run_posts(target.unfinished.id)
        sent = sum(post.ref is not None for post in journal)
        print(
            f"{name}: resuming an unfinished run, {sent} of {len(journal)} posts already sent "
            f"(run {target.unfinished.id})."
        )
        if (why := target.why_changed) is not None:
            print(f"{name}: {why}; the posts confirmed then go out unchanged.")
        for line in not_done:
            print(f"{name}: note: {line}")
        for unsent in journal:  # the cards previewed when the run started go with them
            if unsent.ref is None and unsent.card is not None:
                card = _card(unsent.card)
                print(f"{name}: post {unsent.number} goes with its link card: {card}")
        if not by_hand:
            _say_cost(store, network, [p.text for p in journal if p.ref is None])
        return
    rules = target.thread
    image_rules = network.image_rules(target.account)
    print(f"{name}: {counted(len(target.posts), 'post')}")
    if target.resembles is not None:
        from threadsmith.publish import resembling

        print(f"{name}: note: {resembling(store, target.resembles)}")
    for line in not_done + target.notes:
        print(f"{name}: note: {line}")
    for post, split_post in zip(target.posts, rules.posts, strict=True):
        print(f"\n[{post.number}/{len(target.posts)}] {split_post.length}/{rules.limit}")
        print(rules.rules.posted(post.text))  # as sent: Bluesky's links shortened
        for media in post.media:
            if why := images.left_behind(media.path, image_rules, network.display_name):
                print(f"  image: {why}")
                continue
            alt = f"alt: {media.alt}" if media.alt else "no alt text, as allowed"
            print(f"  image: {images.shown(media.path)} ({alt})")
        if post.card is not None:
            print(f"  link card: {_card(post.card)}")
    print()
    if not by_hand:
        _say_cost(store, network, [post.text for post in target.posts])


def _card(card: Card) -> str:
    """A link card in a line: its title (or description) and its site."""
    return f"{card.title or card.description} ({card.site})"


def _say_cost(store: Store, network: Network, texts: list[str]) -> None:
    """What a network that bills each post (X) will charge for these, before they go."""
    from threadsmith import costs

    table = costs.prices(store, network)
    if table is not None and texts:
        print(costs.publish_cost(network, texts, table).summary(network.display_name) + "\n")
