"""A figure's caption, kept as the author meant it: with its image, never leading the
text that follows.

In an HTML tree (a web article's or a Word document's), before images are kept:

- an image with no alt text takes its caption as its alt text (the caption described
  it; published, it is the image's description, not a line of the post);
- otherwise the caption stays under its image in the same block (the Markdown
  writer puts it on the line under the image, read as a sentence of that block).

A Word document marks a caption with the Caption style; the paragraph of one
picture next to it (under the picture, or above it) is its figure.
"""

from __future__ import annotations

from typing import Any

CAPTION_CLASS = "caption"  # how word.STYLE_MAP marks a Word caption paragraph


def captions_as_alt(root: Any) -> dict[str, str]:
    """Each figure of one image without alt text and with a caption: the caption becomes
    the image's alt text and is taken out of the figure. Gives {src: alt} of the images
    changed."""
    changed: dict[str, str] = {}
    for figure in list(root.iter("figure")):
        images = [image for image in figure.iter("img") if (image.get("src") or "").strip()]
        captions = list(figure.iter("figcaption"))
        if len(images) != 1 or not captions or (images[0].get("alt") or "").strip():
            continue
        caption = " ".join(" ".join("".join(c.itertext()) for c in captions).split())
        if not caption:
            continue
        images[0].set("alt", caption)
        for element in captions:
            _drop(element)
        changed[images[0].get("src")] = caption
    return changed


def word_figures(root: Any) -> None:
    """Each Caption paragraph of a Word document's HTML joins the picture beside it as
    `<figure><img><figcaption>`; a caption with no picture beside it (a table's) stays a
    paragraph."""
    for caption in list(root.iter("p")):
        if CAPTION_CLASS not in (caption.get("class") or "").split():
            continue
        del caption.attrib["class"]
        picture = next(
            (
                paragraph
                for paragraph in (caption.getprevious(), caption.getnext())
                if paragraph is not None and _only_picture(paragraph)
            ),
            None,
        )
        if picture is None:
            continue
        figure = picture.makeelement("figure", {})
        picture.addprevious(figure)
        figure.tail = picture.tail
        figure.append(next(picture.iter("img")))
        picture.getparent().remove(picture)
        caption.getparent().remove(caption)
        caption.tag, caption.tail = "figcaption", None
        figure.append(caption)


def _only_picture(paragraph: Any) -> bool:
    """A paragraph that holds one picture and no words."""
    return (
        paragraph.tag == "p"
        and len(list(paragraph.iter("img"))) == 1
        and not "".join(paragraph.itertext()).strip()
    )


def _drop(element: Any) -> None:
    """Removes `element`, keeping the text after it."""
    parent = element.getparent()
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
