"""The URLs X counts, exactly as twitter-text 3.1.0's `extractUrlsWithIndices`.

The official patterns list every top-level domain in a huge alternation (Python
needs ~45 ms to compile the two that hold it). Here the small parts around the
TLDs stay patterns (`_twitter_data.py`) and the TLDs are word sets; the code
walks the choices the official regex walks, in its order, so the first URL
found is the one the pattern finds:

- a URL starts after a "preceding" character, or at the very start of the text
  (the character is tried first: in "éexample.com" the URL is "example.com");
- the protocol, when there is one, is tried before going without;
- the domain keeps as many subdomain labels as it can and gives them back one by
  one until a label followed by a TLD fits; each label runs to the first dot, so
  each count of labels has one way to match;
- at one position the generic TLDs are tried, then the country ones, then
  punycode (`xn--…`, with no end condition); in each list the longest word
  followed by a character that cannot continue a TLD (`TLD_END`) wins, which is
  the list's order (the generator checks that a word never comes after a word
  it is a prefix of);
- the port, path and query that follow are one pattern, always optional.

TLDs are compared as JavaScript's case-insensitive flag compares them (upper-cased
code units: "ſ" is not "s"), through `TLD_FOLD`. Everything runs over UTF-16 code
units (str characters, astral ones as surrogates); positions are code units.
"""

from __future__ import annotations

import re
from functools import cache

from threadsmith.threading import _twitter_data as data

MAX_URL_LENGTH = 4096  # twitter-text's limit on an extracted URL, protocol included
MAX_TCO_SLUG_LENGTH = 40
MAX_LABEL_LENGTH = 63
DEFAULT_PROTOCOL = "https://"

_LABEL_SEPARATORS = re.compile("[\x2e\u3002\uff0e\uff61]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def url_spans(units: str) -> list[tuple[int, int, int]]:
    """twitter-text's extractUrlsWithIndices (extractUrlsWithoutProtocol on):
    (start, end, length of the entity's URL string) per URL, in code units."""
    if "." not in units:
        return []
    return _finder(units.isascii()).url_spans(units)


def ascii_domains(domain: str) -> list[tuple[int, int]]:
    """(start, end) of each match of twitter-text's validAsciiDomain in `domain`:
    labels of ASCII and Latin letters, digits and hyphens, then a TLD."""
    return _finder(domain.isascii()).ascii_domains(domain)


# A port, path or query starts with one of these (the generator checks it).
_AFTER_DOMAIN_STARTS = frozenset(data.URL_AFTER_DOMAIN_STARTS)


@cache
def _after_domain(ascii_text: bool) -> re.Pattern[str]:
    """The port, path and query (groups 1, 2, 3), compiled at the first URL that
    has one (~8 ms; ~3 ms in the form for ASCII text)."""
    return re.compile(_for_text(data.URL_AFTER_DOMAIN, ascii_text))


@cache
def _finder(ascii_text: bool) -> _UrlFinder:
    """Built on first use (~10 ms, mostly compiling; half that for ASCII text, the
    common case): text with no dot before a letter never needs it."""
    return _UrlFinder(ascii_text)


class _UrlFinder:
    """twitter-text's URL patterns, compiled, and its TLDs as sets. `ascii_text`: the
    patterns in their form for text that is all ASCII, which it is only given."""

    def __init__(self, ascii_text: bool) -> None:
        self.ascii_text = ascii_text

        def compiled(pattern: str) -> re.Pattern[str]:
            return re.compile(_for_text(pattern, ascii_text))

        self.candidate = compiled(f"{data.URL_PRECEDING_CHAR}(?={data.DOMAIN_CHAR})")
        self.preceding = compiled(data.URL_PRECEDING_CHAR)
        self.protocol = compiled(data.URL_PROTOCOL)
        self.subdomain = compiled(data.SUBDOMAIN)
        self.domain_name = compiled(data.DOMAIN_NAME)
        self.tld_letters = compiled(f"{data.TLD_CHARS}{{1,{data.LONGEST_TLD}}}")
        self.tld_fold = str.maketrans(*data.TLD_FOLD)
        self.tld_lists = (
            frozenset(data.GENERIC_TLDS.split()),
            frozenset(data.COUNTRY_TLDS.split()),
        )
        self.tld_end = compiled(data.TLD_END)
        self.punycode = compiled(data.PUNYCODE_TLD)
        self.ascii_label = compiled(data.ASCII_DOMAIN_LABEL)
        self.tco = compiled(data.VALID_TCO_URL)
        self.no_protocol_after = compiled(data.INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS)

    def url_spans(self, units: str) -> list[tuple[int, int, int]]:
        spans: list[tuple[int, int, int]] = []
        for before, url, protocol, domain, path, match_end in self._url_matches(units):
            start = match_end - len(url)
            end = match_end
            if not _is_valid_url(url, protocol or DEFAULT_PROTOCOL, domain):
                continue
            if not protocol:
                if self.no_protocol_after.search(before):
                    continue
                found = False
                ascii_end = 0
                for found_start, found_end in self.ascii_domains(domain):
                    name = domain[found_start:found_end]
                    ascii_start = domain.find(name, ascii_end)  # as the official indexOf does
                    ascii_end = ascii_start + len(name)
                    spans.append((start + ascii_start, start + ascii_end, len(name)))
                    found = True
                if not found:
                    continue
                if path:  # the last domain takes the path: url.replace(domain, that domain)
                    last_start, _, name_length = spans[-1]
                    spans[-1] = (last_start, end, name_length + len(url) - len(domain))
            else:
                tco = self.tco.search(url)
                if tco is not None:
                    if tco.group(1) and len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                        continue
                    end = start + len(tco.group())
                spans.append((start, end, end - start))
        return spans

    def _url_matches(self, units: str) -> list[tuple[str, str, str, str, str, int]]:
        """The pattern's successive matches, as a global `exec` loop finds them:
        (preceding character, URL, protocol, domain, path, end) each."""
        matches = []
        position = 0
        while position < len(units):
            match = self._url_match_at(units, position)
            if match is not None:
                matches.append(match)
                position = match[-1]
                continue
            hit = self.candidate.search(units, position + 1)  # a URL needs a preceding char
            if hit is None:
                break
            position = hit.start()
        return matches

    def _url_match_at(self, units: str, at: int) -> tuple[str, str, str, str, str, int] | None:
        """The match starting at `at` (its preceding character, if any, included)."""
        url_starts: tuple[int, ...] = (at + 1,) if self.preceding.match(units, at) else ()
        if at == 0:
            url_starts += (0,)  # the `^` alternative, tried after a preceding character
        for url_start in url_starts:
            protocol = self.protocol.match(units, url_start)
            domain_starts = (protocol.end(), url_start) if protocol else (url_start,)
            for domain_start in domain_starts:
                domain_end = self._domain_end(units, domain_start)
                if domain_end is None:
                    continue
                end, path = domain_end, ""
                if units[domain_end : domain_end + 1] in _AFTER_DOMAIN_STARTS:
                    after = _after_domain(self.ascii_text).match(units, domain_end)
                    assert after is not None  # all of it is optional
                    end, path = after.end(), after.group(2) or ""
                return (
                    units[at:url_start],
                    units[url_start:end],
                    units[url_start:domain_start],
                    units[domain_start:domain_end],
                    path,
                    end,
                )
        return None

    def _domain_end(self, units: str, start: int) -> int | None:
        """Where the pattern's domain starting at `start` ends (its TLD's end), if any."""
        label_starts = [start]
        while (label := self.subdomain.match(units, label_starts[-1])) is not None:
            label_starts.append(label.end())
        for name_start in reversed(label_starts):  # greedy: most subdomains first
            name = self.domain_name.match(units, name_start)
            if name is not None and (end := self._tld_end(units, name.end())) is not None:
                return end
        return None

    def _tld_end(self, text: str, at: int) -> int | None:
        """Where a TLD starting at `at` ends: generic, else country code, else punycode."""
        letters = self.tld_letters.match(text, at)
        if letters is not None:
            folded = letters.group().translate(self.tld_fold)
            for words in self.tld_lists:
                for length in range(len(folded), 0, -1):
                    if folded[:length] in words and self.tld_end.match(text, at + length):
                        return at + length
        punycode = self.punycode.match(text, at)
        return punycode.end() if punycode is not None else None

    def ascii_domains(self, domain: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        position = 0
        while (first := self.ascii_label.search(domain, position)) is not None:
            label_ends = [first.end()]
            while (more := self.ascii_label.match(domain, label_ends[-1])) is not None:
                label_ends.append(more.end())
            for tld_start in reversed(label_ends):  # greedy: most labels first
                end = self._tld_end(domain, tld_start)
                if end is not None:
                    spans.append((first.start(), end))
                    position = end
                    break
            else:
                position = first.end()  # a later start in this label has the same labels after
        return spans


# A character class of the patterns, and one member of it: a character or a range.
_CLASS = re.compile(r"\[(\^?)((?:\\.|[^\]\\])*)\]")
_CHARACTER = r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\[^A-Za-z0-9]|[^\\]"
_MEMBER = re.compile(rf"({_CHARACTER})(?:-({_CHARACTER}))?")
# A `\u` member past ASCII, with the rest of its range: one substitution drops most
# members (read one by one they take ~5 ms); one after a `-` or a `\` may be part of
# something else and is left to be read member by member, as the rest is.
_PAST_ASCII = re.compile(rf"(?<![-\\])\\u(?!00[0-7])[0-9a-fA-F]{{4}}(?:-(?:{_CHARACTER}))?")


def _for_text(pattern: str, ascii_text: bool) -> str:
    """`pattern`, or for text that is all ASCII its form with every character class cut
    to its ASCII members: on such text it matches exactly as `pattern` does, and it
    compiles several times faster (the classes list hundreds of Latin, Cyrillic …
    ranges, ~10 ms to compile). A test checks every class of the patterns."""
    return _CLASS.sub(_ascii_class, pattern) if ascii_text else pattern


def _ascii_class(found: re.Match[str]) -> str:
    negated, members = found.groups()
    members = _PAST_ASCII.sub("", members)
    codes: set[int] = set()
    read_to = 0
    for member in _MEMBER.finditer(members):
        if member.start() != read_to:
            return found.group()  # a member not a character (`\\d`, `\\w` …): kept whole
        read_to = member.end()
        low = _code(member[1])
        codes.update(range(low, min(_code(member[2]) if member[2] else low, 0x7F) + 1))
    if read_to != len(members):
        return found.group()
    if negated:  # as the ASCII characters it takes: a negated class compiles slower
        codes = set(range(0x80)) - codes
    if not codes:
        return "(?!)"  # no ASCII character matches
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\x{low:02x}-\\x{high:02x}" for low, high in ranges) + "]"


def _code(character: str) -> int:
    """The code point of a class member written `\\uXXXX`, `\\xXX`, escaped or as itself."""
    if character[:2] in ("\\u", "\\x"):
        return int(character[2:], 16)
    return ord(character[-1])


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    encoded = _to_ascii(domain)
    if not encoded:
        return False
    return len(protocol) + len(url) + len(encoded) - len(domain) <= MAX_URL_LENGTH


def _to_ascii(domain: str) -> str | None:
    """twitter-text's lightweight IDNA check: every label punycode-encodes to 1–63."""
    if domain[:4] == "xn--" and not ascii_domains(domain):
        return None
    for label in domain.split("."):
        parts = [
            "xn--" + _punycode(part) if _NON_ASCII.search(part) else part
            for part in _LABEL_SEPARATORS.split(label)
        ]
        encoded = ".".join(parts)
        if not 1 <= len(encoded) <= MAX_LABEL_LENGTH:
            return None
    return domain


def _punycode(label: str) -> str:
    points = "".join(chr(u) for u in _units_to_points(label))
    return points.encode("punycode").decode("ascii")


def _units_to_points(units: str) -> list[int]:
    """Decode UTF-16 code units (as str characters) back to code points."""
    out = []
    index = 0
    while index < len(units):
        code = ord(units[index])
        if 0xD800 <= code <= 0xDBFF and index + 1 < len(units):
            low = ord(units[index + 1])
            if 0xDC00 <= low <= 0xDFFF:
                out.append(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                index += 2
                continue
        out.append(code)
        index += 1
    return out
