"""`thread split`: an essay → its posts, on standard output. A quick pipe tool: it loads
the engine and nothing else of weight. In text, standard output holds the posts alone
(pasteable); the images each post carries and the warnings go to standard error.

Each post is printed as it will be posted (`PostRules.posted`): on Bluesky its links
shortened as the official app shows them, the length counted on that text."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from threadsmith.cli.options import Commands, add_split_options, split_options
from threadsmith.errors import InputError

if TYPE_CHECKING:
    from threadsmith.threading import Thread


def add_arguments(commands: Commands) -> None:
    split = commands.add_parser(
        "split",
        help="split an essay into posts and print them",
        description="Split a Markdown essay into numbered posts that each fit the network.",
    )
    split.add_argument(
        "file",
        metavar="FILE|URL",
        help="the essay (Markdown; - reads stdin), a web page's address, a saved page "
        "(.html) or a Word document (.docx)",
    )
    add_split_options(split)
    split.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    split.set_defaults(handler=run)


# an image without alt text is refused when published, unless the person says so
NO_ALT = " (no alt text: describe it, or publishing refuses it)"


def run(args: argparse.Namespace) -> int:
    from threadsmith.essay import network_of, read_essay, split_for
    from threadsmith.importing import is_import_source

    text = _imported(args.file) if is_import_source(args.file) else read_essay(args.file)
    options = split_options(args)
    thread = split_for(text, network_of(text, options), options)
    if not thread.posts:
        raise InputError(f"{args.file}: has no text to post (only front matter or markup)")
    out = sys.stdout
    if thread.trade is not None and thread.trade.differs:  # the writer's choice to make
        print(thread.trade.describe(), file=sys.stderr)
    if args.format == "json":
        import json

        json.dump(thread_json(thread), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        posted = thread.rules.posted
        out.write("\n\n---\n\n".join(posted(post.text) for post in thread.posts) + "\n")
        # which images go with which post: on standard error, as warnings are, so that
        # standard output stays the posts alone, ready to paste
        for post in thread.posts:
            for media in post.media:
                alt = f" (alt: {media.alt})" if media.alt else NO_ALT
                print(f"image: post {post.number}: {media.path}{alt}", file=sys.stderr)
        for line in thread.said_once():
            print(f"warning: {line}", file=sys.stderr)
    return 0


def thread_json(thread: Thread) -> dict[str, object]:
    """The `--format json` shape of DESIGN.md; each post's `text` as it will be posted."""
    posted = thread.rules.posted
    return {
        "network": thread.network,
        "limit": thread.limit,
        "posts": [
            {
                "number": post.number,
                "text": posted(post.text),
                "length": post.length,
                "media": [{"path": m.path, "alt": m.alt} for m in post.media],
            }
            for post in thread.posts
        ],
        "warnings": [
            {"kind": w.kind, "message": w.message, "post": w.post} for w in thread.warnings
        ],
    }


def _imported(source: str) -> str:
    """The Markdown of a web page or a Word document (its images in the user's cache);
    what the import could not keep is said on standard error."""
    from threadsmith.cli.draft import end_progress, import_progress
    from threadsmith.importing import import_source
    from threadsmith.paths import imports_dir

    progress = import_progress()
    try:
        essay = import_source(source, imports_dir(source), progress=progress)
    finally:
        end_progress(progress)
    for warning in essay.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return essay.markdown
