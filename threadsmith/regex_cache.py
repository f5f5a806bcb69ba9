"""A cache on disk of the engine's largest compiled regular expressions.

twitter-text's URL patterns, with every top-level domain in them, take Python
about 100 ms to compile: longer than the rest of `thread split` put together.
Python compiles a pattern in two steps: parsing and optimising it into a program
(the slow part), then loading that program (`_sre.compile`, fast). Here the
program is kept in the user's cache directory, keyed by the pattern, its flags
and the exact Python build, so later runs only load it.

Like Python's own .pyc files it never changes a result: a missing, unreadable or
foreign entry means compiling as usual. The engine itself does no I/O; the
command line and the app hand it this compiler (`xcount.use_compiler`).
"""

from __future__ import annotations

import importlib
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

# Python's own regular-expression compiler, private: only this module relies on it,
# and a Python whose internals differ falls back to `re.compile`.
_sre: Any = importlib.import_module("_sre")
_BUILD = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"


def install() -> None:
    """Have the engine compile X's patterns through this cache (it does no I/O itself)."""
    from threadsmith.threading import xcount

    xcount.use_compiler(compile_cached)


def cache_dir() -> Path:
    if sys.platform.startswith("linux"):  # platformdirs costs 35 ms to import; this is XDG
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        return Path(base) / "threadsmith" / "regex"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("threadsmith")) / "regex"


def compile_cached(source: str, flags: int = 0) -> re.Pattern[str]:
    identity = f"{_BUILD}|{flags}|{source}"
    path = cache_dir() / f"{zlib.crc32(identity.encode()):08x}-{len(source)}.marshal"
    try:
        kept_identity, program = marshal.loads(path.read_bytes())
        if kept_identity == identity:  # the very pattern, flags and Python: not a lookalike
            return _load(source, program)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not cached yet (or unreadable): compile it, and keep it for next time
    try:
        program = _program(source, flags)
        pattern = _load(source, program)
    except (AttributeError, TypeError, ValueError):  # another Python's internals: no cache
        return re.compile(source, flags)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((identity, program)))
        os.replace(partial, path)  # whole or not at all, even with two runs at once
    except OSError:
        pass  # a read-only home: compiling each time is slower, never wrong
    return pattern


Program = tuple[int, list[int], int, dict[str, int], list[str | None]]


def _program(source: str, flags: int) -> Program:
    """What `re._compiler.compile` hands `_sre.compile`, for this Python build."""
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    program = [int(op) for op in code]  # opcodes are int subclasses, which marshal refuses
    flags = int(flags | parsed.state.flags)
    return (flags, program, parsed.state.groups - 1, groupindex, indexgroup)


def _load(source: str, program: object) -> re.Pattern[str]:
    if not isinstance(program, tuple) or len(program) != 5:
        raise ValueError("not a compiled pattern")
    flags, code, groups, groupindex, indexgroup = program
    pattern: re.Pattern[str] = _sre.compile(
        source, flags, code, groups, groupindex, tuple(indexgroup)
    )
    return pattern
