"""One finding of `thread doctor`: what was found, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

State = Literal["ok", "fix", "note"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the report: `topic` (keyring, database…), what was found, and, when
    something needs doing (`state` "fix") or knowing ("note"), what to do."""

    topic: str
    state: State
    said: str
    todo: str = ""

    def line(self) -> str:
        mark = {"ok": "[ok] ", "fix": "[fix]", "note": "[--] "}[self.state]
        return f"{mark} {self.topic}: {self.said}" + (f" -> {self.todo}" if self.todo else "")
