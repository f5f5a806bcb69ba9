"""An essay file → the thread it makes on a network: what `thread split`, `thread
publish` and the app all do the same way.

`read_essay` turns a file into text with a clear error for whatever is wrong
with it; `SplitOptions` are the splitting options a person can give (None:
the essay's front matter decides, else the default); `split_for` splits for one
network, with the account's own limits where it has them.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.network import (
    Account,
    Network,
    PublishOption,
    default_network,
    network_named,
    networks,
)

if TYPE_CHECKING:
    from threadsmith.threading import Splitter, Thread

MAX_BYTES = 50 * 1024 * 1024  # a 5 MB essay is fine; 50 MB is surely the wrong file
MIN_LIMIT = 20  # as the engine: room for a word and the numbering
_BOMS = (  # longest first: a UTF-32 LE mark starts like a UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class SplitOptions:
    """How to split, as asked on the command line or in the app; None leaves it to the
    essay's front matter, else the default."""

    network: str | None = None  # a network's name, for `thread split`
    numbering: str | None = None
    position: str | None = None
    limit: int | None = None
    first: str | None = None
    last: str | None = None
    compact: bool | None = None  # None: the front matter's `compact:`, else clean breaks
    # images without alt text may go (`--allow-missing-alt`); None: the front matter's
    # `allow_missing_alt:`, else they are refused
    missing_alt_allowed: bool | None = None
    # the networks' publish options given by name (`--visibility`, `--cw`): they win
    # over the same keys in the front matter
    publish: Mapping[str, str] = field(default_factory=dict)


# Documents an argument may be written in that are neither text nor importable (.docx
# and web pages are): named by their suffix, so the error says what to do.
DOCUMENTS = {
    ".odt": "an OpenDocument text", ".doc": "an old-style Word document",
    ".pdf": "a PDF", ".pages": "a Pages document", ".rtf": "a Rich Text document",
}  # fmt: skip


def read_essay(name: str) -> str:
    """The essay's text, or an `InputError` saying exactly what is wrong with the file.
    `-` is standard input. UTF-8 is expected; a file with a UTF-16 or UTF-32 byte-order
    mark (as Windows tools save "Unicode" text) is decoded too."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        label = "standard input"
    else:
        path = Path(name)
        label = name
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory, not an essay")
        if not path.is_file():
            raise InputError(f"{name}: not a regular file (a device or a pipe?), not an essay")
        if (kind := DOCUMENTS.get(path.suffix.lower())) is not None:
            raise InputError(
                f"{name}: {kind}, which threadsmith cannot read: save it as a Word document "
                "(.docx) to import it, or as plain text"
            )
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: larger than {MAX_BYTES // (1024 * 1024)} MB; is it an essay?")
    text = _decode(data, label)
    if not text.strip():
        raise InputError(f"{label}: is empty: there is nothing to split")
    return text


def _decode(data: bytes, label: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                name = encoding.upper().replace("-SIG", "")
                raise InputError(f"{label}: damaged {name} text; save it as UTF-8") from None
            if "\x00" in text:
                break  # a NUL inside: not text, whatever its first bytes say
            return text
    if b"\x00" in data:
        raise InputError(
            f"{label}: looks like a binary file (a NUL byte at offset {data.index(0)}), "
            "not a Markdown essay"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def network_of(text: str, options: SplitOptions) -> Network:
    """The network to split for: the option, else the front matter's `network:` (or its
    earlier name `platform:`), else the default network (X)."""
    name: object = options.network
    if name is None:
        from threadsmith.threading.frontmatter import network_setting, read_front_matter

        name = network_setting(read_front_matter(text).settings)
    return network_named(str(name)) if name else default_network()


def publish_options(
    text: str, network: Network, options: SplitOptions, account: Account | None = None
) -> dict[str, str]:
    """The network's publish options for this essay: the front matter's, then those given.
    A value of a choice the network (or `account`'s server) does not offer is left out
    (`options_not_offered` says so); a value that is no choice at all is an `InputError`."""
    asked = _asked(text, options)
    chosen = {}
    for option in network.publish_options_for(account):
        value = asked.get(option.name)
        if value is None:
            continue
        if option.choices and value not in option.choices:
            raise InputError(
                f"{option.name} must be one of {', '.join(option.choices)}, not {value!r}"
            )
        if option.offers(value):
            chosen[option.name] = value
    return chosen


def options_not_offered(
    text: str, network: Network, options: SplitOptions, account: Account | None = None
) -> tuple[str, ...]:
    """What was asked of the publish options (who may reply, content warning…) that this
    network (or `account`'s server) cannot do, one line each, for the preview: never
    dropped silently."""
    asked = _asked(text, options)
    own = {option.name: option for option in network.publish_options_for(account)}
    found = []
    for name, value in asked.items():
        option = own.get(name)
        if option is None:
            described = _declared()[name]
            if described.choices and value == described.choices[0]:
                continue  # asks for what every network does anyway (everyone may reply)
            found.append(
                f"{network.display_name} does not offer {_shown(described, value)} "
                f"({_what(described)}): not applied there"
            )
        elif option.choices and not option.offers(value) and option.why_not:
            found.append(
                f"{network.display_name} cannot apply {_shown(option, value)} "
                f"({_what(option)}): {option.why_not}; not applied there"
            )
        elif option.choices and not option.offers(value) and option.offered is not None:
            found.append(
                f"{network.display_name} does not offer {_shown(option, value)} (it offers "
                f"{', '.join(option.offered)}): not applied there"
            )
    return tuple(found)


def options_not_by_hand(network: Network, chosen: dict[str, str]) -> tuple[str, ...]:
    """The publish options chosen (`publish_options`) that publishing by hand cannot
    apply (a compose link carries the text alone), one line each, for the preview."""
    own = {option.name: option for option in network.publish_options}
    label = network.assisted.label if network.assisted else network.display_name
    return tuple(
        f"{label} cannot apply {_shown(own[name], value)} ({_what(own[name])}): a compose "
        "link carries the text alone"
        for name, value in chosen.items()
        if name in own and not (own[name].choices and value == own[name].choices[0])
    )


def options_in_front_matter(text: str) -> dict[str, str]:
    """The publish options the essay's front matter asks for (`replies: nobody`, `cw:`…),
    as `publish_options` reads them; none when it cannot be read (the split says why)."""
    try:
        return _asked(text, SplitOptions())
    except InputError:
        return {}


def _asked(text: str, options: SplitOptions) -> dict[str, str]:
    """Every network's publish options asked for: the front matter's, then those given
    (which win); choices lower-cased (YAML's `false` reads as "False")."""
    from threadsmith.threading.frontmatter import read_front_matter

    declared = _declared()
    asked = {k: v for k, v in read_front_matter(text).others.items() if k in declared}
    asked.update((k, v) for k, v in options.publish.items() if k in declared and v)
    return {
        name: declared[name].read(value.strip().lower()) if declared[name].choices else value
        for name, value in asked.items()
    }


def _declared() -> dict[str, PublishOption]:
    """Each publish option by name, as the first network declaring it describes it."""
    found: dict[str, PublishOption] = {}
    for network in networks():
        for option in network.publish_options:
            found.setdefault(option.name, option)
    return found


def _what(option: PublishOption) -> str:
    """What the option is about, in a few words: "who may reply"."""
    return option.help.split(":")[0].split(" (")[0]


def _shown(option: PublishOption, value: str) -> str:
    """How the person wrote it: `--no-quotes`, `replies: nobody`, `cw`."""
    if option.flag:
        return f"--no-{option.name}" if value == "false" else f"--{option.name}"
    if option.negative is not None and value == option.negative:
        return f"--no-{option.name}"
    return f"{option.name}: {value}" if option.choices else option.name


def split_for(
    text: str,
    network: Network,
    options: SplitOptions,
    account: Account | None = None,
    mention_warnings: bool = True,
    splitter: Splitter | None = None,
) -> Thread:
    """The essay split for `network` (with `account`'s own limits, where its server sets
    them), with a warning for each @mention the network will misread (unless the caller
    checks mentions itself). An editor passes its `splitter`, which re-splits faster."""
    from threadsmith.threading import split
    from threadsmith.threading.frontmatter import read_front_matter
    from threadsmith.threading.splitter import checked_limit

    given = options.limit
    limit = checked_limit(read_front_matter(text).settings.get("limit") if given is None else given)
    thread = (splitter.split if splitter is not None else split)(
        text,
        network.post_rules(account, limit, publish_options(text, network, options, account)),
        numbering=options.numbering,
        position=options.position,
        first=options.first,
        last=options.last,
        compact=options.compact,
        known_keys=_option_names(),
    )
    if not mention_warnings or ("@" not in text and "＠" not in text):
        return thread
    from threadsmith.mentions import with_mention_warnings  # only for essays with an @

    return with_mention_warnings(thread, network)


def _option_names() -> frozenset[str]:
    """Front matter keys the networks read (publish options), which the engine does not."""
    return frozenset(_declared())
