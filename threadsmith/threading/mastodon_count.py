"""A status's length exactly as a Mastodon server measures it against `max_characters`.

The rules, read from Mastodon's source (mastodon/mastodon, Ruby 3.4.8 per its
`.ruby-version`; the gem twitter-text 3.1.0):

- `app/validators/status_length_validator.rb`: only local, non-reblog statuses
  are checked; the length is `[spoiler_text, countable_text(text)].join` counted
  in grapheme clusters (`String#each_grapheme_cluster.size`), compared with
  `MAX_CHARS` (500 by default; `configuration.statuses.max_characters` in
  `/api/v2/instance`). The content warning counts: it is joined in front of the
  text. A text that is blank (only White_Space, or empty) counts as nothing.
- `countable_text` finds entities with `Extractor.extract_urls_with_indices(text,
  extract_url_without_protocol: false)` plus
  `Extractor.extract_mentions_or_lists_with_indices(text)`, drops overlapping ones
  (`remove_overlapping_entities`: sorted by start, an entity starting before the
  last kept one ends is dropped), and rewrites each URL as `URL_PLACEHOLDER`
  (`"x" * URL_PLACEHOLDER_CHARS`, 23; `app/serializers/rest/instance_serializer.rb`
  reports that constant as `characters_reserved_per_url`) and each mention as
  `"@" + username` (a remote `@user@domain` counts as `@user`; a local `@user`
  is unchanged). Hashtags, emoji and everything else count as written.
- URLs (twitter-text `rb/lib/twitter-text/extractor.rb`, `regex.rb`, with
  Mastodon's `config/initializers/twitter_regex.rb` overrides): only URLs *with*
  a scheme count, and the schemes are `http`, `https`, `dat`, `dweb`, `ipfs`,
  `ipns`, `ssb`, `gopher`, `gemini` (case-insensitive, then `://`). So
  `example.com` and `www.example.com` count as written, unlike on X. The URL must
  follow the start of a line or a character other than an ASCII letter or digit,
  `@ ＠ $ # ＃` (or U+FFFE/FEFF/FFFF); a directional mark always qualifies. The
  domain is twitter-text's `valid_domain` (labels of any character except ASCII
  punctuation, spaces, controls and directional marks, though `\\` is allowed; a
  TLD from its list, matched with full case folding, or `xn--…`) followed by an
  optional `:port`. Mastodon's own path:
  any run of characters but White_Space, `< > ( ) ?`, with balanced parentheses
  (one nesting level), ending on a character that is none of White_Space
  `( ) ? ! * " ' 「 」 < > ; : = , . $ % [ ] ~ & | @` (or on a balanced group, whose
  inner characters follow the gem's older path set: ASCII letters, digits,
  Cyrillic, dashes, Latin accents and `! * ' ; : = + , . $ / % # [ ] _ ~ & | @`),
  or a run ending in `/`. Its query: `?` then ASCII letters, digits,
  `! ? * ' ( ) ; : & = + $ / % # [ ] - _ . , ~ | @ ^` and non-ASCII characters of
  the IRI "ucschar"/"iprivate" ranges, ending on a letter, digit, `_ & = # / -`
  or such a character. Trailing `.`, `,`, `)`, `!` … are therefore not part of a
  URL. `https://t.co/slug` keeps only the slug (a slug over 40 characters is no
  URL). A URL whose domain fails IDNA 2003 ToASCII (libidn: nameprep, no
  unassigned code points, labels of 1–63) or that is longer than 4,096
  characters (domain punycoded) is not a URL.
- Mentions (`app/lib/extractor.rb`, `Account::MENTION_RE` in
  `app/models/account.rb`): `@` not preceded by `=`, `/` or a word character
  (Alphabetic, Mark, Decimal_Number, Connector_Punctuation), a username of ASCII
  letters, digits and `_` (runs joined by `.` or `-`), optionally `@domain` of
  word characters (runs joined by `.` or `-`). A mention followed by `@`, `＠`,
  a Latin accented letter or `://` is not one; one whose domain is longer than
  253 characters neither.
- Grapheme clusters: Ruby 3.4 implements Unicode 15.0's rules, without the
  Indic conjunct rule (GB9c) of Unicode 15.1: a consonant after a virama starts
  a new cluster (क्ष is 2 there, 1 in newer Unicode). Counted here by those
  rules, and characters newer than this Python's Unicode data are counted as
  separate clusters: on a server with a newer Ruby the count can only be higher
  than the server's, never lower. (The `regex` module also treats a few
  pictographs that are not emoji, such as ☉ U+2609, as not Extended_Pictographic:
  a ZWJ before one of them splits the cluster here, again a count too high.)

X's counter (`xcount`) runs twitter-text's JavaScript patterns, which differ
(X counts URLs without a scheme, only `http(s)`, and its own path rules; the JS
domain pattern also excludes `\\` where Ruby's excludes `"` and a backtick):
only the TLD lists are shared, generated from the same npm package.
"""

from __future__ import annotations

import stringprep
import unicodedata
from encodings import idna
from functools import cache, lru_cache

import regex

from threadsmith.threading import _mastodon_data as data

URL_LENGTH = 23  # characters_reserved_per_url, when the instance says nothing else
DEFAULT_LIMIT = 500  # max_characters of a stock Mastodon server
MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_MENTION_DOMAIN_LENGTH = 253

# twitter-text regex.rb's character sets, as regex class contents.
_UNICODE_SPACES = r"\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_DIRECTIONAL = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVALID = r"\ufffe\ufeff\uffff"
_PUNCTUATION = r"!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~"  # Ruby's string: no backslash
_CONTROLS = r"\x00-\x1f\x7f"
_LATIN_ACCENTS = (
    r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    r"\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
# Mastodon's UCHARS: the IRI ucschar and iprivate ranges (RFC 3987).
_UCHARS = (
    r"\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    r"\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    r"\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    r"\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
    r"\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
_WORD = r"\p{Alphabetic}\p{M}\p{Nd}\p{Pc}"  # Onigmo's [[:word:]]
_SCHEMES = "https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini"

_BLANK = regex.compile(r"[\p{White_Space}]*")  # ActiveSupport's String#blank?
_MENTION = regex.compile(
    rf"(?<![=/{_WORD}])@((?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[{_WORD}]+(?:[.-]+[{_WORD}]+)*)?)"
)
_MENTION_END = regex.compile(rf"[@＠]|[{_LATIN_ACCENTS}]|://", regex.IGNORECASE)
_TCO = regex.compile(r"https?://t\.co/([a-z0-9]+)", regex.IGNORECASE)
# What no part of a URL match holds (its query takes any non-ASCII, spaces included).
_SPACE = regex.compile(r"[\t-\r \x85]")
_SPACE_BEFORE = regex.compile(r"[\t-\r \x85]", regex.REVERSE)
_GRAPHEME = regex.compile(r"\X")
# What can join a cluster with a neighbour; text without any of them has one
# cluster per code point (GB9c and GB11 joins need an Extend or a ZWJ).
_CLUSTERING = regex.compile(
    r"[\r\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}\p{GCB=Regional_Indicator}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}]"
)
_JOINS_ANYTHING = regex.compile(r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}]")
_CONSONANT = regex.compile(r"\p{InCB=Consonant}")
_PREPEND = regex.compile(r"\p{GCB=Prepend}")


@cache
def _url_pattern(whole_words: bool = False) -> regex.Pattern[str]:
    """twitter-text's `valid_url` with Mastodon's path, query and schemes (see above).

    Built on first use: plain words never need it, and its TLD lists are long.
    Ruby folds case fully (`ß` matches the TLD `ss`, `ﬁ` matches `fi`), which a
    prefix trie cannot do across its branches: text holding such a character is
    matched against the TLDs as whole words (`whole_words`), a slower pattern."""
    generic = f"(?f:{data.GENERIC_TLD_WORDS})" if whole_words else data.GENERIC_TLDS
    country = f"(?f:{data.COUNTRY_TLD_WORDS})" if whole_words else data.COUNTRY_TLDS
    domain_char = f"[^{_DIRECTIONAL}{_PUNCTUATION}{_CONTROLS}{_INVALID}{_UNICODE_SPACES}]"
    subdomain = rf"(?:(?:{domain_char}(?:[_-]|{domain_char})*)?{domain_char}\.)"
    domain_name = rf"(?:(?:{domain_char}(?:-|{domain_char})*)?{domain_char}\.)"
    tld_end = r"(?=[^0-9a-z@+\-]|$)"
    tld = rf"(?:{generic}{tld_end}|{country}{tld_end}|xn--[0-9a-z]+)"
    domain = rf"(?:{subdomain}*{domain_name}{tld})"
    old_path_char = rf"[a-z\p{{Script=Cyrillic}}0-9!*';:=+,.$/%#\[\]\p{{Pd}}_~&|@{_LATIN_ACCENTS}]"
    old_parens = rf"\((?:{old_path_char}+|{old_path_char}*\({old_path_char}+\){old_path_char}*)\)"
    path_char = r"[^\p{White_Space}<>()?]"
    parens = rf"\((?:{path_char}+|{path_char}*\({path_char}+\){path_char}*)\)"
    path_end = rf"(?:[^\p{{White_Space}}()?!*\"'「」<>;:=,.$%\[\]~&|@]|{old_parens})"
    path = rf"(?:{path_char}*(?:{parens}{path_char}*)*{path_end}|{path_char}+/)"
    query = rf"\?[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^{_UCHARS}]*[a-z0-9_&=#/\-{_UCHARS}]"
    preceding = rf"(?:[^A-Z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"
    source = (
        rf"{preceding}(?P<url>(?P<scheme>(?:{_SCHEMES})://)?(?P<domain>{domain})"
        rf"(?::[0-9]+)?(?:/{path}*)?(?:{query})?)"
    )
    return regex.compile(source, regex.IGNORECASE | regex.MULTILINE | regex.VERSION0)


def mastodon_length(text: str, url_length: int = URL_LENGTH, *, spoiler_text: str = "") -> int:
    """The length a Mastodon server gives a status (what must stay ≤ `max_characters`).

    `url_length` is the instance's `characters_reserved_per_url`; `spoiler_text`
    the content warning, which counts toward the same limit."""
    if spoiler_text:
        return _graphemes(spoiler_text + countable_text(text, url_length))
    return _length(text, url_length)


def warning_length(spoiler_text: str) -> int:
    """What a content warning adds to every status's length (its grapheme clusters:
    joined to the text, it can only merge with it, never count more)."""
    return _graphemes(spoiler_text)


def mastodon_token_length(token: str, url_length: int = URL_LENGTH) -> int:
    """The length of one whitespace-free token, as its share of a status.

    For tokens joined by single spaces, the sum of their lengths plus the number
    of spaces is never less than `mastodon_length` of the whole (in context a
    cluster can only merge across a space, and URLs and mentions neither cross a
    space nor depend on what is beyond one)."""
    if token.isascii() and "@" not in token and ":" not in token:
        return len(token)  # no URL without "://", no mention without "@"
    # Not `_length`: a blank token (an ideographic space) still weighs in a post.
    return _graphemes(_rewrite(token, url_length))


@lru_cache(maxsize=16384)  # whole posts repeat from one keystroke to the next
def _length(text: str, url_length: int) -> int:
    return _graphemes(countable_text(text, url_length))


def countable_text(text: str, url_length: int = URL_LENGTH) -> str:
    """The text as the validator measures it: each URL replaced by `url_length`
    x's, each `@user@domain` by `@user`; empty when the text is blank."""
    return "" if _BLANK.fullmatch(text) else _rewrite(text, url_length)


def _rewrite(text: str, url_length: int) -> str:
    # A URL needs "://"; a mention only changes the text when it names a domain.
    if "://" not in text and text.count("@") < 2:
        return text
    entities = sorted(_url_entities(text, url_length) + _mention_entities(text))
    out: list[str] = []
    position = 0
    for start, end, replacement in entities:
        if start < position:
            continue  # overlaps the entity kept before it
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


def _url_entities(text: str, url_length: int) -> list[tuple[int, int, str]]:
    """The URLs the validator counts, found word by word.

    A match never holds ASCII white space, and the character it needs before
    it is such a space or the start: the pattern runs only over the words that
    hold "://" (with the character before each), and finds what a run over the
    whole text finds, in a fraction of the time."""
    found: list[tuple[int, int, str]] = []
    word_end = 0
    while (hit := text.find("://", word_end)) >= 0:
        space_before = _SPACE_BEFORE.search(text, 0, hit)
        word_start = space_before.start() if space_before else 0
        space_after = _SPACE.search(text, hit)
        word_end = space_after.start() if space_after else len(text)
        found += [
            (start + word_start, end + word_start, replacement)
            for start, end, replacement in _urls_in(text[word_start:word_end], url_length)
        ]
    return found


def _urls_in(text: str, url_length: int) -> list[tuple[int, int, str]]:
    placeholder = "x" * url_length
    found = []
    whole_words = any(len(char.casefold()) > 1 for char in text if not char.isascii())
    for match in _url_pattern(whole_words).finditer(text):
        if match.group("scheme") is None:
            continue  # extract_url_without_protocol: false
        url = match.group("url")
        start, end = match.span("url")
        tco = _TCO.match(url)
        if tco is not None:
            if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                continue
            url = tco.group()
            end = start + len(url)
        if _valid_domain(len(url), match.group("domain")):
            found.append((start, end, placeholder))
    return found


def _mention_entities(text: str) -> list[tuple[int, int, str]]:
    """Each mention's span and what it counts as: `@user@domain` as `@user`."""
    return [(start, end, "@" + acct.partition("@")[0]) for start, end, acct in _mentions(text)]


def _valid_domain(url_length: int, domain: str) -> bool:
    """twitter-text's `is_valid_domain`: libidn's ToASCII succeeds and the URL,
    with its domain punycoded, is at most 4,096 characters."""
    encoded = _to_ascii(domain)
    if encoded is None:
        return False
    return url_length + max(len(encoded) - len(domain), 0) <= MAX_URL_LENGTH


def _to_ascii(domain: str) -> str | None:
    """IDNA 2003 ToASCII of each label, as libidn does it without flags (no
    unassigned code points); None when it fails."""
    labels = []
    for label in regex.split("[.\u3002\uff0e\uff61]", domain):
        if not label.isascii() and any(stringprep.in_table_a1(char) for char in label):
            return None
        try:
            labels.append(idna.ToASCII(label).decode("ascii"))
        except UnicodeError:
            return None
    return ".".join(labels)


def _graphemes(text: str) -> int:
    """Grapheme clusters as Ruby 3.4 counts them (Unicode 15.0, no GB9c)."""
    if text.isascii():
        return len(text) - text.count("\r\n")
    return _non_ascii_graphemes(text)


@lru_cache(maxsize=16384)
def _non_ascii_graphemes(text: str) -> int:
    if not _CLUSTERING.search(text):
        return len(text)  # one cluster per code point (most prose)
    clusters = _GRAPHEME.findall(text)
    count = len(clusters)
    for cluster in clusters:
        for index in range(1, len(cluster)):
            count += _breaks_in_ruby(cluster[index - 1], cluster[index])
    return count


def _breaks_in_ruby(before: str, char: str) -> bool:
    """Whether Ruby breaks between two characters this Python's \\X joins."""
    # Characters this Python's Unicode data does not know may be unknown to the
    # server too: as such they join nothing but what joins anything.
    if unicodedata.category(before) == "Cn" and not _JOINS_ANYTHING.match(char):
        return True
    if _PREPEND.match(before):
        return False  # GB9b: a prepended mark joins whatever follows
    if _CONSONANT.match(char):
        return True  # GB9c (Unicode 15.1) joins conjuncts; Unicode 15.0 does not
    return unicodedata.category(char) == "Cn"


def mention_accts(text: str) -> list[str]:
    """The accounts a Mastodon server sees mentioned in `text`: "user" (of the instance)
    or "user@domain", as its extractor reads them."""
    return [acct for _, _, acct in _mentions(text)]


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "user@domain" or "user") of each mention the extractor keeps."""
    found = []
    for match in _MENTION.finditer(text):
        if _MENTION_END.match(text, match.end()):
            continue
        if len(match.group(1).partition("@")[2]) > MAX_MENTION_DOMAIN_LENGTH:
            continue
        found.append((match.start(), match.end(), match.group(1)))
    return found
