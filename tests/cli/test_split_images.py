"""`thread split`'s text output says which images go with which post, on standard
error as its warnings are: standard output stays the posts alone, ready to paste."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from threadsmith.cli.split import NO_ALT

ESSAY = """# Fair funding

Our schools need a funding settlement that matches the need we see every day.

![A chart of funding per pupil since 2010](chart.png)

Parents and carers can write to their representative this week.

![](crowd.jpg)
"""


def split(essay: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threadsmith", "split", str(essay), "--limit", "100", *more],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_each_image_is_named_with_its_post_on_standard_error(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    result = split(essay)
    assert result.returncode == 0, result.stderr
    posts = result.stdout.rstrip("\n").split("\n\n---\n\n")
    assert len(posts) >= 2, result.stdout
    assert ".png" not in result.stdout and ".jpg" not in result.stdout
    # the same post as --format json gives each image
    shaped = json.loads(split(essay, "--format", "json").stdout)
    carried = {m["path"]: p["number"] for p in shaped["posts"] for m in p["media"]}
    assert set(carried) == {"chart.png", "crowd.jpg"}
    lines = result.stderr.splitlines()
    chart = f"image: post {carried['chart.png']}: chart.png (alt: A chart of funding per pupil"
    assert f"{chart} since 2010)" in lines, result.stderr
    assert f"image: post {carried['crowd.jpg']}: crowd.jpg{NO_ALT}" in lines
