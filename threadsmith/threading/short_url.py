"""A link as the official Bluesky app shows it in a post: host and the start of the path.

The app (social-app, `toShortUrl` in src/lib/strings/url-helpers.ts) parses the
address with the WHATWG URL parser (`new URL`) and shows `host` followed by
`pathname` (none when it is "/"), `search` and `hash`, cut to 13 characters and
"..." when they are longer than 15; an address that does not parse, or is not
http(s), is shown as written. This is that parser's path for http and https
addresses, to the character: scheme and host lower-cased, credentials and the
default port dropped, backslashes read as slashes, "." and ".." segments resolved,
IPv4 hosts in any notation written in dotted decimal, and path, query and fragment
percent-encoded with their own sets (as Node's parser, which the tests compare
with, encodes them).

An international domain name goes through UTS #46 to punycode ("münchen.de" →
"xn--mnchen-3ya.de") with the `idna` package, whose IDNA 2008 rules are stricter
than the URL standard's: a host it refuses (a symbol or emoji label, a label over
63 characters) is left whole, as is an IPv6 address. A link with one is posted
whole (as written, the facet the same): longer than the app would show it,
counted as posted.
"""

from __future__ import annotations

from functools import lru_cache

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SHORT_PATH = 15  # longer paths are cut ...
_KEPT_PATH = 13  # ... to this many characters, and "..."
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
_AUTHORITY_ENDS = "/\\?#"
# What each part percent-encodes besides C0 controls and everything above "~".
_PATH_SET = frozenset(' "#<>?`{}')
_QUERY_SET = frozenset(" \"#<>'")  # a special scheme's query
_FRAGMENT_SET = frozenset(' "<>`')
_FORBIDDEN_IN_DOMAIN = frozenset(" #%/:<>?@[\\]^|\x7f") | frozenset(map(chr, range(0x20)))
_SINGLE_DOT = frozenset((".", "%2e"))
_DOUBLE_DOT = frozenset(("..", ".%2e", "%2e.", "%2e%2e"))


class _Failure(Exception):
    """`new URL` throws: the app shows the address as written."""


class _LeftOut(Exception):
    """A host this port does not parse (an IPv6 address, an IDN `idna` refuses):
    posted whole."""


@lru_cache(maxsize=4096)  # the same links come back with every keystroke
def to_short_url(url: str) -> str:
    """`url` as the official Bluesky app shows it in a post's text (`toShortUrl`)."""
    try:
        host, path = _host_and_path(url)
    except (_Failure, _LeftOut):
        return url
    if len(path) > _SHORT_PATH:  # ASCII once encoded: one UTF-16 unit a character
        return host + path[:_KEPT_PATH] + "..."
    return host + path


def left_whole(url: str) -> bool:
    """Whether `url` is an http(s) address whose host this port leaves out (an IPv6
    address, an IDN `idna` refuses), so that it is posted as written where the app
    may shorten it."""
    try:
        _host_and_path(url)
    except _LeftOut:
        return True
    except _Failure:
        return False
    return False


def _host_and_path(url: str) -> tuple[str, str]:
    """`host` and `pathname` (none for "/") + `search` + `hash` of an http(s) URL."""
    text = _usv(url).strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    scheme, colon, rest = text.partition(":")
    if not colon or not scheme or not scheme[0].isascii() or not scheme[0].isalpha():
        raise _Failure
    if not set(scheme) <= _SCHEME_CHARACTERS or scheme.lower() not in _DEFAULT_PORTS:
        raise _Failure  # not a URL, or not http(s): shown as written either way
    scheme = scheme.lower()
    rest = rest.lstrip("/\\")  # a special scheme's authority ignores any slashes before it
    end = len(rest)
    for index, character in enumerate(rest):
        if character in _AUTHORITY_ENDS:
            end = index
            break
    authority, rest = rest[:end], rest[end:]
    host_and_port = authority.rpartition("@")[2]  # credentials are not part of `host`
    host = _host(host_and_port, scheme)
    path, query, fragment = _path_query_fragment(rest)
    search = f"?{query}" if query else ""
    hash_ = f"#{fragment}" if fragment else ""
    return host, ("" if path == "/" else path) + search + hash_


def _host(host_and_port: str, scheme: str) -> str:
    """The serialised host and, when not the scheme's default, its port."""
    if host_and_port.startswith("["):
        if "]" not in host_and_port:
            raise _Failure
        raise _LeftOut  # an IPv6 address
    name, colon, port = host_and_port.partition(":")
    if not name:
        raise _Failure
    host = _domain(name)
    if not colon or not port:
        return host
    if not (port.isascii() and port.isdigit()) or int(port) > 65535:
        raise _Failure
    if int(port) == _DEFAULT_PORTS[scheme]:
        return host
    return f"{host}:{int(port)}"


def _domain(name: str) -> str:
    """The host parser for a special scheme, on a name (not an IPv6 address)."""
    decoded = _percent_decode(name)
    if decoded.isascii() and not any(label[:4].lower() == "xn--" for label in decoded.split(".")):
        domain = decoded.lower()  # what UTS #46 does to such a name
    else:
        domain = _to_ascii(decoded)
    if not domain or not _FORBIDDEN_IN_DOMAIN.isdisjoint(domain):
        raise _Failure
    labels = domain.split(".")
    if _ends_in_a_number(labels):
        return _ipv4(labels)
    return domain


def _to_ascii(domain: str) -> str:
    """UTS #46 ToASCII, non-transitional, no STD3 rules (the URL standard's), through
    `idna`; a name its IDNA 2008 checks refuse is left out, not judged."""
    import idna  # loaded by the first international domain name

    try:
        return idna.encode(domain, uts46=True, std3_rules=False, transitional=False).decode()
    except UnicodeError:  # idna.IDNAError and its kinds
        raise _LeftOut from None


def _ends_in_a_number(labels: list[str]) -> bool:
    if labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    last = labels[-1]
    if last and last.isdigit():
        return True
    try:
        _ipv4_number(last)
    except _Failure:
        return False
    return True


def _ipv4(labels: list[str]) -> str:
    if labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    if len(labels) > 4:
        raise _Failure
    numbers = [_ipv4_number(label) for label in labels]
    if any(number > 255 for number in numbers[:-1]):
        raise _Failure
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        raise _Failure
    address = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        address += number * 256 ** (3 - index)
    return ".".join(str(address >> shift & 255) for shift in (24, 16, 8, 0))


def _ipv4_number(label: str) -> int:
    if not label:
        raise _Failure
    radix = 10
    if label[:2] in ("0x", "0X"):
        label, radix = label[2:], 16
    elif len(label) > 1 and label[0] == "0":
        label, radix = label[1:], 8
    if not label:
        return 0
    digits = "0123456789abcdef"[:radix]
    if not label.isascii() or not set(label.lower()) <= set(digits):
        raise _Failure
    return int(label, radix)


def _path_query_fragment(rest: str) -> tuple[str, str, str]:
    """The serialised pathname, query and fragment of what follows the host."""
    rest, _, fragment = rest.partition("#")
    path, _, query = rest.partition("?")
    if path[:1] in ("/", "\\"):
        path = path[1:]  # the path start state takes one slash
    segments: list[str] = []
    parts = path.replace("\\", "/").split("/")
    for number, part in enumerate(parts):
        buffer = _percent_encode(part, _PATH_SET)
        last = number == len(parts) - 1  # ended by the end, "?" or "#", not a slash
        if buffer.lower() in _DOUBLE_DOT:
            if segments:
                segments.pop()
            if last:
                segments.append("")
        elif buffer.lower() in _SINGLE_DOT:
            if last:
                segments.append("")
        else:
            segments.append(buffer)
    pathname = "".join("/" + segment for segment in segments)
    return pathname, _percent_encode(query, _QUERY_SET), _percent_encode(fragment, _FRAGMENT_SET)


def _percent_encode(text: str, also: frozenset[str]) -> str:
    if text.isascii() and also.isdisjoint(text) and text.isprintable():
        return text  # the common case: nothing to encode
    out = []
    for character in text:
        if " " < character < "\x7f" and character not in also:
            out.append(character)
        else:
            out.append("".join(f"%{byte:02X}" for byte in character.encode("utf-8")))
    return "".join(out)


def _percent_decode(text: str) -> str:
    if "%" not in text:
        return text
    data = text.encode("utf-8")
    out = bytearray()
    index = 0
    while index < len(data):
        hex_digits = data[index + 1 : index + 3]
        if data[index] == 0x25 and len(hex_digits) == 2 and _is_hex(hex_digits):
            out.append(int(hex_digits, 16))
            index += 3
        else:
            out.append(data[index])
            index += 1
    return out.decode("utf-8", errors="replace")


def _is_hex(digits: bytes) -> bool:
    return all(byte in b"0123456789abcdefABCDEF" for byte in digits)


def _usv(text: str) -> str:
    """JavaScript's strings are UTF-16: a lone surrogate reaches `new URL` as U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text
