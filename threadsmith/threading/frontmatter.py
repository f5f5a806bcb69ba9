"""YAML front matter at the top of an essay: per-essay defaults for `split`.

---
first: "#EdChat @nahtnews"
last: "Read the letter: https://example.org/letter"
numbering: "{n}/{total}"
network: bluesky
compact: true        # end posts mid-sentence whenever that saves a post
---
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from threadsmith.errors import InputError

KNOWN_KEYS = (
    "first", "last", "numbering", "position", "network", "limit", "compact", "title", "campaign",
    "platform",  # the network's earlier name, still read
    "source",  # where an imported essay came from (a web page, a Word document)
    "pinned",  # the posts the writer made, per network (`pins` reads them)
    "allow_missing_alt",  # images may be published without alt text (`publish` reads it)
)  # fmt: skip
MAX_FRONT_MATTER = 64 * 1024  # characters: settings fit in far less; more is not settings
# A settings block typed under a line or two of text (the author wrote above it) is
# looked for this far into the essay: further down, a `---` pair is the essay's own.
MISPLACED_WITHIN = 2_000  # characters
# `---`, then lines that are blank or comments, `key: value`, or indented, then `---`:
# the three kinds of line exclude each other, so a failed match never backtracks far.
_SETTINGS_LINE = r"(?:[ \t]*(?:#.*)?\n|[A-Za-z_]\w*:.*\n|[ \t]+[^\s#].*\n)"
# The block opens with a `key: value` line (a `---` then a comment or a blank line is
# a thematic break before ordinary text).
_SETTINGS_BLOCK = re.compile(
    rf"^---[ \t]*\n([A-Za-z_]\w*:.*\n{_SETTINGS_LINE}*?)---[ \t]*$", re.MULTILINE
)
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.MULTILINE)
_KNOWN_KEY_LINE = re.compile(rf"^(?:{'|'.join(KNOWN_KEYS)}):", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The settings found in the front matter, and where the essay itself begins."""

    settings: dict[str, str | int | bool] = field(default_factory=dict)
    body_start: int = 0
    unknown_keys: tuple[str, ...] = ()
    others: dict[str, str] = field(default_factory=dict)  # the unknown keys' values, as text
    pinned: object = None  # the `pinned:` value as YAML gave it (`pins.pins_from` reads it)


def read_front_matter(text: str) -> FrontMatter:
    """Parse a leading `---` … `---` YAML block; an essay without one has empty settings."""
    if not text.startswith("---"):
        return FrontMatter()
    first_newline = text.find("\n")
    if first_newline == -1 or text[:first_newline].strip() != "---":
        return FrontMatter()
    end = _closing_fence(text, first_newline + 1)
    if end is None:
        return FrontMatter()  # a lone `---` at the top is a thematic break, not front matter
    block_end, body_start = end
    source = text[first_newline + 1 : block_end]
    if len(source) > MAX_FRONT_MATTER:
        raise InputError(
            f"the front matter at the top is {len(source):,} characters: settings take a few "
            "lines (is a closing `---` missing?)"
        )
    import yaml  # here, not at the top: an essay without front matter starts ~30 ms sooner

    # The C loader is ~10x faster; PyYAML built without libyaml lacks it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        # Aliases can expand a few lines into gigabytes (a "billion laughs"): settings
        # never need them, so they are refused before anything is built.
        for token in yaml.scan(source, Loader=loader):
            if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
                raise InputError(
                    "the front matter uses a YAML anchor or alias (&name, *name): write "
                    "each setting out in full"
                )
        data: Any = yaml.load(source, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"the front matter at the top is not valid YAML{where}") from None
    if data is None:
        return FrontMatter(body_start=body_start)
    if not isinstance(data, dict):
        raise InputError("the front matter must be `key: value` lines (first, last, numbering, …)")
    settings: dict[str, str | int | bool] = {}
    unknown: list[str] = []
    others: dict[str, str] = {}
    pinned: object = None
    for key, value in data.items():
        name = str(key)
        if name == "pinned":
            pinned = value
            continue
        if name not in KNOWN_KEYS:
            unknown.append(name)
            if value is not None and not isinstance(value, dict | list):
                others[name] = str(value)
            continue
        if name == "limit":
            if not isinstance(value, int) or isinstance(value, bool):
                raise InputError(f"front matter `limit:` must be a whole number, not {value!r}")
            settings[name] = value
        elif name in ("compact", "allow_missing_alt"):
            if not isinstance(value, bool):
                raise InputError(f"front matter `{name}:` must be true or false, not {value!r}")
            settings[name] = value
        elif value is not None:
            settings[name] = str(value)
    return FrontMatter(settings, body_start, tuple(unknown), others, pinned)


def misplaced_front_matter(text: str) -> int | None:
    """The line of a block of settings (`---`, `key: value` lines, `---`) that is not at
    the very top of `text` (which has no front matter), so is posted as text; None when
    there is none near the top."""
    head = text[:MISPLACED_WITHIN]
    for block in _SETTINGS_BLOCK.finditer(head):
        in_code = len(_FENCE.findall(head, 0, block.start())) % 2  # an example, fenced
        if block.start() > 0 and not in_code and _KNOWN_KEY_LINE.search(block.group(1)):
            return head.count("\n", 0, block.start()) + 1
    return None


def _closing_fence(text: str, start: int) -> tuple[int, int] | None:
    """(end of the YAML, start of the body) for the `---` or `...` line closing the block."""
    pos = start
    while pos <= len(text):
        newline = text.find("\n", pos)
        line_end = len(text) if newline == -1 else newline
        if text[pos:line_end].rstrip() in ("---", "..."):
            return pos, min(line_end + 1, len(text))
        if newline == -1:
            return None
        pos = newline + 1
    return None


def network_setting(settings: dict[str, Any]) -> object:
    """The front matter's network: `network:`, or `network:` as earlier essays say it."""
    return settings.get("network") or settings.get("platform")
