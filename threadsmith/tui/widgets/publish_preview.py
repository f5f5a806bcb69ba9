"""What the publish screen shows before anything goes: each account's posts as they will
go out, what a network cannot do of the options chosen, and what a billing network costs."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection

from threadsmith import costs, publish
from threadsmith.essay import options_not_by_hand
from threadsmith.journal import Card
from threadsmith.network import Account
from threadsmith.networks import images
from threadsmith.store import Store
from threadsmith.wording import counted


def preview_text(
    store: Store,
    plan: publish.Plan,
    shown: Callable[[Account], str],
    by_hand: Collection[str] = frozenset(),
) -> str:
    """The plan as text: a section per account (`shown` names it), its posts with their
    lengths and images, its warnings and, where the network bills, the cost (none for
    the accounts whose keys are `by_hand`: the person publishes those themselves)."""
    parts = []
    for target in plan.targets:
        title = f"── {shown(target.account)}: {counted(len(target.posts), 'post')}"
        if target.unfinished is not None:
            title += " (an unfinished run, resumed as confirmed then)"
        elif target.scheduled is not None:
            title += f" (scheduled: schedule {target.scheduled.schedule_id})"
        elif target.published is not None:
            title += " (published before)"
        parts.append(title + " ──")
        if target.resembles is not None:
            parts.append(f"⚠ {publish.resembling(store, target.resembles)}")
        parts += [f"⚠ {line}" for line in target.not_offered + target.notes]
        network = target.account.network
        if target.account.key in by_hand:
            parts += [f"⚠ {line}" for line in options_not_by_hand(network, target.options)]
        rules = network.image_rules(target.account)
        lengths = {post.number: post.length for post in target.thread.posts}
        posted = target.thread.rules.posted  # as sent: Bluesky's links shortened
        for post in target.posts:
            length = lengths.get(post.number, "?")
            parts.append(f"[{post.number}] {length}/{target.thread.limit}\n{posted(post.text)}")
            parts += [
                f"  🖼 {why}" if (why := images.left_behind(m.path, rules, network.display_name))
                else f"  🖼 {images.shown(m.path)} — {m.alt or 'no alt text!'}"
                for m in post.media
            ]  # fmt: skip
            if post.card is not None:
                parts.append(card_line(post.card))
            parts.append("")
        parts += [f"⚠ {line}" for line in target.thread.said_once()]
        if target.account.key not in by_hand and (cost := _cost(store, target)) is not None:
            parts += [f"💰 {cost}", ""]
    return "\n".join(parts)


# A link card's line in the preview, in cells: the preview's width in an 80-column app
CARD_WIDTH = 36


def card_line(card: Card) -> str:
    """A post's link card as the preview shows it, in a line: its title (shortened to fit)
    and its site."""
    title = card.title or card.description
    room = CARD_WIDTH - len(card.site) - 8  # "  🔗 " (5 cells) before, " · " between
    if len(title) > room:
        title = title[: max(room - 1, 1)].rstrip() + "…"
    return f"  🔗 {title} · {card.site}"


def _cost(store: Store, target: publish.Target) -> str | None:
    """What a network that bills each post (X) charges for the posts still to send."""
    table = costs.prices(store, target.account.network)
    if table is None:
        return None
    sent = set()
    if target.unfinished is not None:
        sent = {post.number for post in store.run_posts(target.unfinished.id) if post.ref}
    texts = [post.text for post in target.posts if post.number not in sent]
    if not texts:
        return None
    network = target.account.network
    return costs.publish_cost(network, texts, table).summary(network.display_name)


def confirmation(
    store: Store, plan: publish.Plan, shown: Callable[[Account], str]
) -> tuple[str, bool]:
    """The question before publishing, and whether it publishes again a thread that went
    out already (it names the earlier thread, its date and link, then)."""
    parts = [
        f"resume {shown(t.account)}"
        if t.unfinished
        else f"{counted(len(t.posts), 'post')} to {shown(t.account)}"
        for t in plan.targets
    ]
    question = "Publish " + " and ".join(parts) + "?"
    again = [t for t in plan.targets if t.unfinished is None and t.published is not None]
    for target in again:
        assert target.published is not None
        posts = store.run_posts(target.published.id)
        link = posts[0].ref.url if posts and posts[0].ref else "(no link)"
        when = time.strftime("%d %b %Y %H:%M", time.localtime(target.published.updated))
        question += f"\n\n{target.account.name} published this thread already, on {when}: {link}"
    return question, bool(again)
