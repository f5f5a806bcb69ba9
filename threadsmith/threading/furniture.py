"""What a line of blog page furniture says, once read as a reader sees it (see
`leftovers`): the labels, as regular expressions, and the test of a whole line.

All the labels as one expression take ~15 ms to compile, which `thread split` would
pay on every essay with a line that begins like one ("You…", "Next…", "One…"). Each
label is written with the characters it can begin with, and a line is matched
against only the labels that begin with its first character: a few, compiled in
about a millisecond. A line beginning with a character outside ASCII (which may
match a letter when case is ignored: "K", the Kelvin sign, is "k") is matched
against them all, as before.

    is_label(text)        the whole text is one label, between decorations
    is_button_name(text)  the whole text is a share button's name
"""

from __future__ import annotations

import re
from functools import cache

_NETWORK = (
    r"(?:twitter|x|facebook|linkedin|whatsapp|e-?mail|reddit|pinterest|tumblr|telegram"
    r"|pocket|bluesky|mastodon|threads|messenger|skype|nextdoor|flipboard|mix)"
)
# a share button's own name, furniture only next to other furniture
_BUTTON = rf"(?:{_NETWORK}|print|more|mail|like|reblog|tweet|pin|share|copy link|comment)"
_NUMBER = r"(?:\d[\d,]*|one|no)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})"
    r"(?:,? at \d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?)?"
)
# a name as a byline gives it: one to four capitalised words
_NAME = r"(?-i:(?:[A-Z]\.|[A-Z][\w'-]*)(?: (?:[A-Z]\.|[A-Z][\w'-]*|van|de|von|da|le)){0,3})"
# words that open a phrase of prose, never a category or a tag
_PROSE_OPENER = (
    r"(?:a|an|the|as|by|to|for|with|on|at|from|this|that|these|those|my|our|his|her|their"
    r"|its|your|it|he|she|they|we|i|you|and|but|or|if|when|after|before|\d+)\b"
)
_WORD = r"[\w'&+-]+(?:\.[\w'&+-]+)*"  # "WordPress.com" but not a sentence's last word
_ITEM = rf"#?{_WORD}(?: #?{_WORD}){{0,3}}"
_ITEMS = rf"(?!{_PROSE_OPENER}){_ITEM}(?: ?(?:,|\||·|/|;| and) ?{_ITEM})*"
_QUOTED = r"\"[^\"]{1,150}\""

DIGITS = "0123456789"  # what `\d` is in ASCII; other digits go to all the labels
# (the characters a label can begin with, in lower case; the label)
LABELS: list[tuple[str, str]] = [
    # read-more links and excerpts
    ("c", r"continue reading(?: on [\w.]+(?: [\w.]+)?| " + _QUOTED + r")?"),
    ("c", r"continue reading .{1,150}?\s*[→»›]"),  # WordPress names the post, then an arrow
    ("r", r"read (?:more|on|the rest)(?: of this (?:entry|post|article|story))?"),
    ("r", r"read (?:the )?full (?:post|article|story|text)"),
    ("k", r"keep reading"),
    ("vr", r"(?:view|read) (?:the )?original post(?: " + _NUMBER + r" more words?)?"),
    (DIGITS + "on", _NUMBER + r" more words?"),
    ("y", rf"you're (?:now )?reading(?: (?!{_PROSE_OPENER})[^\s.!?]+(?: [^\s.!?]+){{0,5}})?"),
    ("([", r"\(more(?:…|\.\.\.)?\)|\[(?:…|\.\.\.)\]"),  # WordPress's "(more…)" and "[…]"
    # sharing
    ("s", r"share(?: this(?: (?:post|article|story|page|entry))?)?"),
    ("s", r"share (?:on|to|via|with) " + _NETWORK),
    (
        "c",
        r"click to (?:share on [\w.]+(?: [\w.]+)?|email (?:a link to |this to )?a friend"
        r"|print|email)",
    ),
    (
        "teprc",
        r"(?:tweet|email|pin|reblog) (?:this|it)|tweet|reblog|restack|copy link"
        r"|report this content",
    ),
    # liking and rating
    ("lr", r"(?:like|rate) this"),
    ("lb", r"like|likes|liked|like loading|loading|loading comments|be the first to like this\.?"),
    (
        DIGITS + "onl",
        _NUMBER
        + r" bloggers? likes? this\.?|liked by "
        + _NUMBER
        + r" (?:people|person|bloggers?)",
    ),
    # comments
    (DIGITS + "on", _NUMBER + r" (?:comments?|responses?|replies)"),
    (DIGITS + "on", _NUMBER + r" (?:comments?|responses?|replies|thoughts?) (?:on|to) " + _QUOTED),
    ("cn", r"comments? \(\d[\d,]*\)|comments are closed\.?|no comments yet\.?"),
    (
        "lcp",
        r"leave a (?:reply|comment)(?: cancel reply)?|cancel reply|post comment"
        r"|log in to reply",
    ),
    ("dj", r"discussion about this post|join the discussion"),
    # where and when the post was filed
    ("pf", r"(?:posted|filed|published) (?:in|under):? " + _ITEMS),
    ("tc", r"(?:tagged|tags|categories|category|categorised|categorized|topics):? " + _ITEMS),
    ("p", r"(?:posted|published)(?: on)? " + _DATE + r"(?: by " + _NAME + r")?"),
    ("p", r"posted by " + _NAME + r"(?: on " + _DATE + r")?"),
    (DIGITS, r"\d{1,3} min(?:ute)? read"),
    # subscribing, related posts, navigation, the blog's own lines
    (
        "sfj",
        r"subscribe(?:d| now| for free)?|follow blog via email|join "
        + _NUMBER
        + r" other subscribers",
    ),
    ("s", r"subscribe to get the latest posts (?:sent )?to your email\.?"),
    (
        "e",
        r"enter your email address to (?:follow|subscribe to) this blog and receive"
        r" notifications of new posts by email\.?",
    ),
    (
        "t",
        r"thanks for reading [^!?.]{1,80}[!.] subscribe for free to receive new posts and"
        r" support (?:my|our) work\.?",
    ),
    ("dt", r"discover more from [^.!?]{1,80}|type your email"),
    ("ry", r"related(?: (?:posts|articles|stories|reading))?|you (?:may|might) also like"),
    (
        "pno",
        r"(?:previous|next|older|newer) (?:post|posts|article|entries|story)"
        r"|post navigation",
    ),
    ("acb", r"advertisements?|(?:create a (?:free )?website or )?blog at wordpress\.com\.?"),
]
# Decorations around a label: arrows, bullets, a colon, an ellipsis (never a full stop,
# which marks a sentence), and WordPress's "(Opens in new window)".
_AROUND = r"[\s→←»«›‹↓↑➔➜▶►•·|:–—]*"
_TAIL = r"(?:\s*\((?:opens|opened) in (?:a )?new (?:window|tab)\))?"
_ELLIPSIS = r"(?:\s*(?:…|\.\.\.|\[(?:…|\.\.\.)\]))?"
_LEADING = re.compile(_AROUND)


def is_label(text: str) -> bool:
    """Whether the whole of `text` is one label, with decorations around it."""
    leading = _LEADING.match(text)
    first = text[leading.end() if leading else 0 :][:1].lower()
    if not first:
        return False
    return _labels(first if first.isascii() else "").fullmatch(text) is not None


@cache
def _labels(first: str) -> re.Pattern[str]:
    """The labels that can begin with `first` (all of them for ""), as one expression
    of a whole line (none can match when no label begins so)."""
    chosen = [label for begins, label in LABELS if not first or first in begins] or [r"(?!)"]
    return re.compile(
        rf"{_AROUND}(?:{'|'.join(chosen)}){_ELLIPSIS}{_TAIL}{_ELLIPSIS}{_AROUND}", re.IGNORECASE
    )


def is_button_name(text: str) -> bool:
    """Whether the whole of `text` is a share button's name, with decorations around it."""
    return _button_line().fullmatch(text) is not None


@cache
def _button_line() -> re.Pattern[str]:
    return re.compile(rf"{_AROUND}{_BUTTON}{_TAIL}{_AROUND}", re.IGNORECASE)
