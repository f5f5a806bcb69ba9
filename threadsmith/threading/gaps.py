"""What the engine calls the gaps between tokens (`Break`) and the characters a reader
never sees (`INVISIBLE`): shared by `segment` and `cjk`."""

from __future__ import annotations

from enum import IntEnum


class Break(IntEnum):
    """The kind of gap after a token, from "never break here" up to "must break here"."""

    NONE = 0  # inside "Mr. Smith", "3 Sept.", before a combining mark or a lone dash
    CUT = 1  # inside a token too long for any post (cut at a grapheme boundary)
    WORD = 2
    CLAUSE = 3  # after , ; : or a dash
    HEADING = 4  # after a heading or a title line: it belongs with what follows
    SENTENCE = 5
    PARAGRAPH = 6
    HARD = 7  # the author's `---`
    END = 8

    @property
    def mid_sentence(self) -> bool:
        """A post ending here stops inside a sentence, so it gets a `…` cut mark."""
        return self <= Break.CLAUSE


# Zero-width space, non-joiner, joiner (outside an emoji sequence it joins nothing
# visible), word joiner, zero-width no-break space (a stray BOM) and soft hyphen.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
