"""Numbering templates: "{n}/" (the NAHT style), "{n}/{total}", "🧵 {n}/{total}", …"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter

from threadsmith.errors import InputError
from threadsmith.threading.models import Position

PRESETS = ("{n}/", "{n}/{total}", "({n}/{total})", "🧵 {n}/{total}", "none")
DEFAULT = "{n}/"


@dataclass(frozen=True, slots=True)
class Numbering:
    """How each post is numbered, and on which side of its text."""

    template: str = DEFAULT
    position: Position = Position.SUFFIX

    def __post_init__(self) -> None:
        if self.template == "none":
            return
        try:
            fields = {
                name for _, name, _, _ in Formatter().parse(self.template) if name is not None
            }
        except ValueError:
            fields = {"?"}
        if "n" not in fields or not fields <= {"n", "total"}:
            raise InputError(
                f"unknown numbering template {self.template!r}: use one of "
                + ", ".join(repr(p) for p in PRESETS)
                + " or your own with {n} (and optionally {total})"
            )

    @property
    def enabled(self) -> bool:
        return self.template != "none"

    def label(self, number: int, total: int) -> str:
        """The numbering text of post `number` of `total` ("" when numbering is off)."""
        return self.template.format(n=number, total=total) if self.enabled else ""

    def apply(self, text: str, number: int, total: int) -> str:
        """`text` with its numbering on the configured side, a space between."""
        label = self.label(number, total)
        if not label:
            return text
        return f"{label} {text}" if self.position is Position.PREFIX else f"{text} {label}"


def parse_position(value: str) -> Position:
    try:
        return Position(value)
    except ValueError:
        raise InputError(f"unknown position {value!r}: use 'suffix' or 'prefix'") from None
