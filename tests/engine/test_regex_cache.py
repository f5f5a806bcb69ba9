"""The cache of compiled patterns gives the very patterns `re.compile` does."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from threadsmith import regex_cache
from threadsmith.threading import _twitter_data as data
from threadsmith.threading import xcount

DATA = json.loads((Path(__file__).parent / "data" / "twitter_conformance.json").read_text())
TEXTS = [str(case["text"]) for case in DATA["urls"] + DATA["weighted"]]
NAMES = ("EXTRACT_URL", "VALID_ASCII_DOMAIN", "EMOJI", "VALID_TCO_URL")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "threadsmith" / "regex"


@pytest.fixture
def cached_counting(cache_home: Path) -> Iterator[None]:
    xcount.use_compiler(regex_cache.compile_cached)
    xcount._pattern.cache_clear()
    xcount.weighted_length.cache_clear()
    yield
    xcount.use_compiler(re.compile)
    xcount._pattern.cache_clear()
    xcount.weighted_length.cache_clear()


def official(name: str) -> tuple[str, int]:
    flags = re.IGNORECASE if getattr(data, f"{name}_IGNORECASE") else 0
    return str(getattr(data, name)), flags


@pytest.mark.parametrize("name", NAMES)
def test_a_pattern_loaded_from_the_cache_matches_as_compiled(cache_home: Path, name: str) -> None:
    source, flags = official(name)
    regex_cache.compile_cached(source, flags)  # compiles and stores
    assert len(list(cache_home.iterdir())) == 1
    loaded = regex_cache.compile_cached(source, flags)  # loads
    compiled = re.compile(source, flags)
    assert (loaded.pattern, loaded.flags, loaded.groupindex, loaded.groups) == (
        compiled.pattern,
        compiled.flags,
        compiled.groupindex,
        compiled.groups,
    )
    for text in TEXTS:
        units = xcount._utf16_units(text)
        found = [(m.span(), m.groups()) for m in loaded.finditer(units)]
        assert found == [(m.span(), m.groups()) for m in compiled.finditer(units)]


def test_the_second_run_does_not_compile(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, flags = official("EXTRACT_URL")
    regex_cache.compile_cached(source, flags)

    def no_compiling(*args: object) -> object:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex_cache, "_program", no_compiling)
    assert regex_cache.compile_cached(source, flags).search("see example.com now")


def test_a_damaged_entry_is_compiled_again(cache_home: Path) -> None:
    source, flags = official("VALID_TCO_URL")
    regex_cache.compile_cached(source, flags)
    (entry,) = cache_home.iterdir()
    entry.write_bytes(b"\x00not marshal")
    assert regex_cache.compile_cached(source, flags).search("https://t.co/abc")
    regex_cache.compile_cached(source, flags)  # rewritten whole: loads cleanly now
    assert entry.read_bytes() != b"\x00not marshal"


def test_an_unwritable_cache_still_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    source, flags = official("VALID_TCO_URL")
    assert regex_cache.compile_cached(source, flags).search("https://t.co/abc")


def test_x_counts_the_same_with_the_cache(cached_counting: None) -> None:
    for _ in range(2):  # compiled and stored, then loaded
        xcount._pattern.cache_clear()
        xcount.weighted_length.cache_clear()
        for case in DATA["weighted"]:
            if case["config"] == "v3":
                assert xcount.weighted_length(str(case["text"])) == case["weighted_length"]
