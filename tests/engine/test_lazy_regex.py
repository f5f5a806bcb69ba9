"""`thread split` on X reads text without CJK with `re` alone, and `regex` (~20 ms of
its start-up) is imported only when a pattern needs it: the `re` patterns must read
exactly as the `regex` ones they stand for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import regex

from threadsmith.threading.cjk import _cjk
from threadsmith.threading.segment import SPACES

ROOT = Path(__file__).resolve().parents[2]
EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_the_spaces_written_out_are_regex_s_spaces() -> None:
    written_out = regex.findall(f"[{SPACES}]", EVERY_CHARACTER)
    assert written_out == regex.findall(r"\s", EVERY_CHARACTER)


def test_no_cjk_character_is_below_u2e80() -> None:
    assert _cjk().search(EVERY_CHARACTER[:0x2E80]) is None
    assert _cjk().search("漢") is not None


def _imports_regex(essay: Path, network: str) -> bool:
    probe = (
        "import sys; from threadsmith.cli import main; "
        f"main(['split', '--network', {network!r}, {str(essay)!r}]); "
        "print('regex' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    return result.stdout.strip().endswith("True")


def test_thread_split_on_x_reads_an_essay_without_cjk_without_importing_regex(
    tmp_path: Path,
) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("“Curly quotes” — and a dash. Then more words.\n", encoding="utf-8")
    assert not _imports_regex(essay, "x")
    essay.write_text("A line of 漢字 in the essay.\n", encoding="utf-8")
    assert _imports_regex(essay, "x")
