"""The layers of DESIGN.md hold, statically: import-linter's contracts (in pyproject.toml),
shown to fail on a forbidden import, and no import cycle between the package's modules."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

from support.realparts import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the package under `root`, with the contracts in its pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("threading/_leak.py", "import textual\n", "The engine is pure"),
        ("threading/_leak.py", "from threadsmith import store\n", "Layers"),
        ("store/_leak.py", "from threadsmith.networks import x\n", "Layers"),
        ("networks/x/_leak.py", "from threadsmith.networks.bluesky import facets\n", "network"),
        ("network/registry.py", "\ndef f() -> None:\n    from threadsmith import tui\n", "Layers"),
        ("_leak.py", "", "not listed as layers"),  # a new module must be given a layer
    ],
    ids=["engine-ui", "engine-store", "store-network", "network-network", "upward", "unplaced"],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, module: str, source: str, broken: str
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "threadsmith", copy / "threadsmith")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    target = copy / "threadsmith" / module
    target.write_text(target.read_text() + source if target.exists() else source)
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout[-3000:]
    assert "BROKEN" in result.stdout and broken in result.stdout


def test_no_import_cycle_between_modules() -> None:
    """Imports inside functions count (a cycle there is still a knot); imports under
    TYPE_CHECKING do not run, so they cannot make one."""
    graph = grimp.build_graph("threadsmith", exclude_type_checking_imports=True)
    cycles = _cycles(graph)
    assert cycles == [], cycles


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if not imported.startswith("threadsmith"):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_the_networks_are_found_through_their_entry_points_only() -> None:
    """`threadsmith.network` imports no network package, by name or otherwise: each is
    declared in the `threadsmith.networks` entry point group (pyproject.toml for
    threadsmith's own), one per folder of `threadsmith/networks/`, and kept apart from
    the others by the independence contract."""
    for path in (ROOT / "threadsmith" / "network").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            named = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                named = [node.module or ""]
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named = [node.value]  # a module named in a string, for import_module
            assert not any(name.startswith("threadsmith.networks.") for name in named), path
            assert "threadsmith.networks" not in named or isinstance(node, ast.Constant), path
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    declared = project["project"]["entry-points"]["threadsmith.networks"]
    folders = sorted(
        path.parent.name for path in (ROOT / "threadsmith" / "networks").glob("*/__init__.py")
    )
    assert sorted(declared) == folders
    for name, value in declared.items():
        assert value.startswith(f"threadsmith.networks.{name}:"), (name, value)
    (independence,) = (
        contract
        for contract in project["tool"]["importlinter"]["contracts"]
        if contract["type"] == "independence"
    )
    assert sorted(independence["modules"]) == [f"threadsmith.networks.{name}" for name in folders]
