"""The import libraries load only when an import is asked for."""

from __future__ import annotations

import subprocess
import sys

from support.realparts import ROOT

HEAVY = ("trafilatura", "lxml", "mammoth", "httpx", "justext", "htmldate", "courlan")


def loaded_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    modules = result.stdout.split()
    return [name for name in modules if name.split(".")[0] in HEAVY]


def test_the_package_and_its_source_check_load_nothing_heavy() -> None:
    code = (
        "import threadsmith.importing as importing\n"
        "assert importing.is_import_source('https://blog.example/post')\n"
        "assert not importing.is_import_source('essay.md')"
    )
    assert loaded_after(code) == []


def test_thread_split_of_an_essay_never_loads_them() -> None:
    code = (
        "import contextlib, io\n"
        "from threadsmith.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['split', 'examples/essay.md']) == 0"
    )
    assert loaded_after(code) == []


def test_an_import_loads_them() -> None:
    # the probe above can see them: without this, an empty list would prove nothing
    code = (
        "import tempfile, pathlib\n"
        "from threadsmith.importing import import_html_file\n"
        "folder = pathlib.Path(tempfile.mkdtemp())\n"
        "page = folder / 'p.html'\n"
        "page.write_text('<html><body><article><p>' + 'Words of an article. ' * 20"
        " + '</p></article></body></html>')\n"
        "import_html_file(page, folder, download_images=False)"
    )
    assert {"trafilatura", "lxml"} <= {name.split(".")[0] for name in loaded_after(code)}
