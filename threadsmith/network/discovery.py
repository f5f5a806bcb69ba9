"""The networks installed: the `threadsmith.networks` entry point group, as each
installed distribution declares it (`[project.entry-points."threadsmith.networks"]`).

It reads the same files importlib.metadata reads (each `*.dist-info/entry_points.txt`
on `sys.path`, the first distribution of a name winning, as there), in the same
format, without importing importlib.metadata: that import alone costs about four
times an interpreter's start, and `thread split` must start within ten."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module

GROUP = "threadsmith.networks"


@dataclass(frozen=True, slots=True)
class Declared:
    """One entry point: `name = module:attribute` in `distribution`."""

    name: str
    value: str
    distribution: str

    def load(self) -> object:
        module, _, attribute = self.value.partition(":")
        found: object = import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            found = getattr(found, part)
        return found


def declared(group: str = GROUP, path: Iterable[str] | None = None) -> list[Declared]:
    """The entry points of `group` in the distributions installed on `path` (sys.path)."""
    seen: set[str] = set()
    found: list[Declared] = []
    for folder in sys.path if path is None else path:
        try:
            with os.scandir(folder or ".") as entries:
                names = sorted(entry.name for entry in entries if entry.name.endswith(".dist-info"))
        except OSError:  # a missing folder or a zip file on the path: nothing installed there
            continue
        for name in names:
            distribution = _normalised(name.removesuffix(".dist-info").split("-")[0])
            if distribution in seen:
                continue
            seen.add(distribution)
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as text:
                    points = _section(text.read(), group)
            except OSError:  # a distribution that declares no entry points
                continue
            found.extend(Declared(point, value, distribution) for point, value in points)
    return found


def _normalised(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """The `name = value` lines of `[group]` in an entry_points.txt (an INI file)."""
    points, inside = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
        elif inside and "=" in line:
            name, _, value = line.partition("=")
            points.append((name.strip(), value.split("[")[0].strip()))  # drops any [extras]
    return points
