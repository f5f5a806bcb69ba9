"""`thread split` as a user runs it: in a subprocess, with real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ESSAY = "\n\n".join(
    " ".join(["Our schools need a funding settlement that matches the need we see."] * 3)
    for _ in range(4)
)


def thread(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threadsmith", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def essay_file(tmp_path: Path) -> Path:
    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    return path


def test_text_output_separates_posts(essay_file: Path) -> None:
    result = thread("split", str(essay_file))
    assert result.returncode == 0, result.stderr
    posts = result.stdout.rstrip("\n").split("\n\n---\n\n")
    assert len(posts) > 1
    assert posts[0].endswith(" 1/") and posts[-1].endswith(f" {len(posts)}/")


def test_json_output_has_exactly_the_documented_shape(essay_file: Path) -> None:
    result = thread("split", str(essay_file), "--format", "json", "--platform", "bluesky")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"network", "limit", "posts", "warnings"}
    assert data["network"] == "bluesky" and data["limit"] == 300
    for number, post in enumerate(data["posts"], start=1):
        assert set(post) == {"number", "text", "length", "media"}
        assert post["number"] == number and post["length"] <= 300
    assert data["warnings"] == []


def test_the_network_is_named_by_network_or_by_its_earlier_name_platform(
    tmp_path: Path,
) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("---\nplatform: mastodon\n---\n" + ESSAY, encoding="utf-8")
    chosen = {
        option: json.loads(thread("split", str(essay), "--format", "json", *option).stdout)
        for option in [(), ("--network", "bluesky"), ("--platform", "bluesky")]
    }
    assert chosen[()]["network"] == "mastodon"  # the front matter's `platform:`
    assert chosen[("--network", "bluesky")] == chosen[("--platform", "bluesky")]
    assert chosen[("--network", "bluesky")]["network"] == "bluesky"


def test_stdin_and_options(tmp_path: Path) -> None:
    result = thread(
        "split",
        "-",
        "--numbering",
        "{n}/{total}",
        "--position",
        "prefix",
        "--first",
        "#EdChat",
        "--limit",
        "200",
        "--format",
        "json",
        stdin=ESSAY.encode(),
    )
    assert result.returncode == 0, result.stderr
    posts = json.loads(result.stdout)["posts"]
    assert posts[0]["text"].startswith(f"1/{len(posts)} ")
    assert "#EdChat" in posts[0]["text"]
    assert all(post["length"] <= 200 for post in posts)


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["split", "missing.md"], "missing.md: no such file"),
        ("dir", ["split", "{tmp}"], "is a directory"),
        ("binary", ["split", "{tmp}/b.md"], "binary file (a NUL byte at offset 3)"),
        ("latin1", ["split", "{tmp}/l.md"], "not UTF-8 text (byte 0xe9 at offset 3)"),
        ("empty", ["split", "{tmp}/e.md"], "is empty"),
        ("odt", ["split", "{tmp}/letter.odt"], "an OpenDocument text, which threadsmith cannot"),
        (None, ["draft", "letter.odt"], "letter.odt: no such file"),  # not a new essay's name
        ("essay", ["split", "{tmp}/ok.md", "--network", "myspace"], "unknown network"),
        ("essay", ["split", "{tmp}/ok.md", "--numbering", "{x}"], "unknown numbering template"),
        ("essay", ["split", "{tmp}/ok.md", "--limit", "ten"], "a whole number of at least 20"),
        ("essay", ["split", "{tmp}/ok.md", "--limit", "10"], "a whole number of at least 20"),
        ("essay", ["split", "{tmp}/ok.md", "--format", "xml"], "invalid choice"),
        ("essay", ["split", "{tmp}/ok.md", "--bogus"], "--bogus (see `thread split --help`)"),
        (None, ["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    tmp_path: Path, setup: str | None, args: list[str], message: str
) -> None:
    files = {
        "binary": ("b.md", b"abc\x00def"),
        "latin1": ("l.md", b"caf\xe9 na\xefve"),
        "empty": ("e.md", b"  \n\n"),
        "odt": ("letter.odt", b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text"),
        "essay": ("ok.md", ESSAY.encode()),
    }
    if setup in files:
        name, data = files[setup]
        (tmp_path / name).write_bytes(data)
    result = thread(*(arg.replace("{tmp}", str(tmp_path)) for arg in args))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_a_five_megabyte_essay_still_works(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    paragraph = " ".join(["Teachers deserve a workload they can sustain, year after year."] * 4)
    path.write_text("\n\n".join([paragraph] * 20000), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    result = thread("split", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["posts"]) > 10000


def test_split_never_imports_the_ui_network_or_keyring(essay_file: Path) -> None:
    probe = (
        "import sys; from threadsmith.cli import main; "
        f"code = main(['split', {str(essay_file)!r}, '--format', 'json']); "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'tweepy', 'atproto', 'atproto_client', 'keyring', 'requests', 'httpx', "
        "'sqlite3', 'lxml', 'PIL', 'libipld')); "
        "print(heavy, file=sys.stderr); sys.exit(1 if heavy else code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_mentions_a_network_will_misread_are_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "thanks.md"
    path.write_text("Thanks to @nahtnews and @naht.bsky.social for this.\n", encoding="utf-8")
    result = thread("split", str(path), "--platform", "bluesky", "--format", "json")
    assert result.returncode == 0, result.stderr
    (warning,) = json.loads(result.stdout)["warnings"]
    assert warning["kind"] == "mention" and warning["post"] == 1
    assert warning["message"].startswith("@nahtnews stays plain text")
    result = thread("split", str(path))  # on X, the other one is misread
    assert "warning: post 1: X reads @naht.bsky.social as @naht" in result.stderr


def test_compact_is_asked_on_the_command_line_or_in_the_front_matter(tmp_path: Path) -> None:
    clause = (
        "Schools have been asked to do more with less, and the cracks now show in every "
        "classroom, every corridor and every staffroom we visit, across the county"
    )
    text = " ".join(f"{clause}, this term number {i}." for i in range(3))
    path = tmp_path / "essay.md"
    path.write_text(text)

    def posts(*extra: str) -> list[str]:
        result = thread("split", str(path), "--format", "json", *extra)
        assert result.returncode == 0, result.stderr
        return [post["text"] for post in json.loads(result.stdout)["posts"]]

    clean, compact = posts(), posts("--compact")
    assert len(clean) == 3 and not any("…" in post for post in clean)  # one more, clean
    assert len(compact) == 2 and "…" in compact[0]
    path.write_text("---\ncompact: true\n---\n" + text)
    assert posts() == compact


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")],
)
def test_an_essay_saved_as_utf_16_or_32_is_read(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "essay.md"
    path.write_bytes(bom + ESSAY.encode(encoding))
    result = thread("split", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    expected = thread("split", "-", "--format", "json", stdin=ESSAY.encode())
    assert json.loads(result.stdout) == json.loads(expected.stdout)


def test_a_yaml_alias_bomb_in_front_matter_is_refused_at_once(tmp_path: Path) -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(rows) + "\nfirst: *i\n---\n" + ESSAY)
    result = thread("split", str(path))  # the subprocess's timeout is 60 s: it must not hang
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "YAML anchor or alias" in result.stderr


@pytest.mark.parametrize("delay", ["inf", "nan", "-1", "7200", "soon"])
def test_a_delay_that_cannot_be_waited_is_refused_before_anything(
    essay_file: Path, delay: str
) -> None:
    result = thread("publish", str(essay_file), "--to", "bluesky", "--delay", delay)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "--delay" in result.stderr and "seconds from 0 to 3600" in result.stderr
