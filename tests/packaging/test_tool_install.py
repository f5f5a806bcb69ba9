"""The release: `uv build` makes an sdist and, from it, a wheel; `uv tool install` puts
the wheel into a scratch home with nothing of this clone beside it, and its `thread`
runs: `--version`, and `thread split` on the example essay the wheel carries.

The only network reached is the package index, for the dependencies, and only when
uv's cache (kept between runs, outside the scratch home) cannot serve them offline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from email.parser import Parser
from pathlib import Path

import pytest

from support.realparts import ROOT
from support.uv_tool import uv, uv_environment
from threadsmith import __version__

pytestmark = pytest.mark.realparts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [uv(), "build", "--out-dir", str(out), str(ROOT)],
        capture_output=True, text=True, env=uv_environment(Path.home()), timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (wheel,) = out.glob("threadsmith-*.whl")
    (sdist,) = out.glob("threadsmith-*.tar.gz")
    yield {"wheel": wheel, "sdist": sdist}


def test_the_wheel_carries_its_metadata_licence_and_example_essay(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = wheel.namelist()
        metadata = Parser().parsestr(
            wheel.read(f"threadsmith-{__version__}.dist-info/METADATA").decode()
        )
    assert "threadsmith/examples/essay.md" in names
    assert "threadsmith/tui/app.tcss" in names
    assert f"threadsmith-{__version__}.dist-info/licenses/LICENSE" in names
    assert not any(name.startswith("tests/") for name in names)
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["Summary"]
    classifiers = metadata.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert metadata["Description-Content-Type"] == "text/markdown"


def test_a_tool_install_of_the_wheel_runs_thread_split_from_a_scratch_home(
    built: dict[str, Path], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **uv_environment(home),
        "UV_TOOL_DIR": str(home / "tools"),
        "UV_TOOL_BIN_DIR": str(home / "bin"),
    }
    install = [uv(), "tool", "install", "--python", sys.executable, str(built["wheel"])]
    done = subprocess.run([*install, "--offline"], capture_output=True, text=True, env=env,
                          cwd=home, timeout=600)  # fmt: skip
    if done.returncode != 0:  # uv's cache lacks a dependency: the index has it
        done = subprocess.run(install, capture_output=True, text=True, env=env, cwd=home,
                              timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    thread = home / "bin" / ("thread.exe" if os.name == "nt" else "thread")
    assert thread.is_file()
    clean = {name: value for name, value in env.items() if not name.startswith("UV_")}
    version = subprocess.run([str(thread), "--version"], capture_output=True, text=True,
                             env=clean, cwd=home, timeout=60)  # fmt: skip
    assert version.stdout.strip() == f"threadsmith {__version__}"
    (essay,) = (home / "tools").glob("threadsmith/**/site-packages/threadsmith/examples/essay.md")
    split = subprocess.run([str(thread), "split", str(essay)], capture_output=True, text=True,
                           env=clean, cwd=home, timeout=60)  # fmt: skip
    assert split.returncode == 0, split.stderr
    here = subprocess.run([sys.executable, "-m", "threadsmith", "split", str(ROOT / "examples" /
                           "essay.md")], capture_output=True, text=True, timeout=60)  # fmt: skip
    assert split.stdout == here.stdout  # the same thread as this clone's
    assert "Exams in a pandemic year" in split.stdout
    assert str(ROOT) not in split.stderr  # nothing read from this clone


def test_the_sdist_carries_what_a_build_needs_and_no_installed_node_packages(
    built: dict[str, Path],
) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for needed in ("pyproject.toml", "README.md", "LICENSE", "examples/essay.md",
                   "threadsmith/tui/app.tcss", "threadsmith/py.typed"):  # fmt: skip
        assert needed in names
    assert not any("node_modules" in name or "__pycache__" in name for name in names)
