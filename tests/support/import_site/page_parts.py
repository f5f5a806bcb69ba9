"""What every test page shares: the HTML head a blog serves, and an article's blocks
rendered through a platform's template for each kind of block."""

from __future__ import annotations

from html import escape

from support.import_site.articles import Article, Block

HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="og:type" content="article">
<link rel="stylesheet" href="/static/style.css" media="all">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.screen-reader-text{{position:absolute;left:-9999px}}</style>
</head>
"""


def article_html(article: Article, render: dict[str, str]) -> str:
    """The article's blocks, each through the platform's template for its kind."""
    out = []
    for block in article.blocks:
        out.append(block_html(block, render))
    return "\n".join(out)


def block_html(block: Block, render: dict[str, str]) -> str:
    kind = block[0]
    if kind in ("ul", "ol"):
        items = "".join(render["li"].format(body=item) for item in block[1])
        return render[kind].format(items=items)
    if kind == "img":
        _, src, alt, caption = block
        figcaption = render["caption"].format(caption=caption) if caption else ""
        return render["img"].format(src=src, alt=escape(alt), caption=figcaption)
    return render[kind].format(body=block[1])
