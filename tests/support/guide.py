"""A scripted person for assisted publishing: answers from a list, a record of the rest.

Implements `threadsmith.network.Guide`. `answers` are given in order (None stops, as
end of input or Esc would); `shown`, `asked` and `said` keep what the publisher did.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from threadsmith.network import Handoff


@dataclass
class ScriptedGuide:
    answers: deque[str | None] = field(default_factory=deque)
    shown: list[Handoff] = field(default_factory=list)
    asked: list[tuple[str, bool]] = field(default_factory=list)  # (question, optional)
    said: list[str] = field(default_factory=list)

    def show(self, handoff: Handoff) -> None:
        self.shown.append(handoff)

    def ask_address(self, number: int, question: str, *, optional: bool = False) -> str | None:
        self.asked.append((question, optional))
        return self.answers.popleft() if self.answers else None

    def say(self, text: str) -> None:
        self.said.append(text)
