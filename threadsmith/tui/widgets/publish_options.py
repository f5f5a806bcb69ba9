"""The publish screen's options form, built from what the networks declare
(`Network.publish_options`), as `thread publish`'s flags are: a choice is a `Select`
("default" leaves it to the front matter, else the network), yes or no a `Select` of
the two, free text (a content warning) an `Input` (empty: as "default"). Each option
shows once, under the networks being published that take it, pre-filled from the
essay's front matter; the values chosen go to the plan as the command line's flags do
(`SplitOptions.publish`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from threadsmith.network import Network, PublishOption, networks
from threadsmith.network.options import SharedOption, shared_options

DEFAULT = "default"  # a choice left to the front matter, else the network


class PublishOptionsForm(Vertical):
    """One row per publish option of every network, shown while a network being
    published takes it (`show_for`), with a line above saying which networks do."""

    class Changed(Message):
        """A value in the form changed: what would go out may differ."""

    def __init__(self, asked: Mapping[str, str], *, id: str | None = None) -> None:
        """`asked`: the essay's front matter's publish options (`options_in_front_matter`)."""
        super().__init__(id=id)
        self.options = [shared.option for shared in shared_options(networks())]
        self.fields = {
            option.name: _field(option, asked.get(option.name, "")) for option in self.options
        }

    def compose(self) -> ComposeResult:
        self.display = False  # until a network that takes an option is ticked (`show_for`)
        for option in self.options:
            takers = Static("", classes="option-takers", markup=False, id=f"{option.name}-takers")
            takers.display = False
            yield takers
            with Horizontal(classes="option-row", id=f"{option.name}-row") as row:
                row.display = False
                yield Label(option.name, classes="option-name")
                yield self.fields[option.name]

    def show_for(self, chosen: Iterable[Network]) -> None:
        """Show the options the `chosen` networks take, each under a line naming them
        (said once for consecutive options the same networks take)."""
        taken = _taken(chosen)
        above = ""
        for option in self.options:
            shared = taken.get(option.name)
            takers = self.query_one(f"#{option.name}-takers", Static)
            where = shared.where if shared else ""
            takers.update(where)
            takers.display = bool(where) and where != above
            above = where or above
            self.query_one(f"#{option.name}-row").display = shared is not None
        self.display = bool(taken)

    def values_for(self, chosen: Iterable[Network]) -> dict[str, str]:
        """The values given for the options the `chosen` networks take, by name: those
        left to the front matter, else the network ("default", no text), are not given."""
        taken = _taken(chosen)
        values = {}
        for option in self.options:
            field = self.fields[option.name]
            value = field.value.strip() if isinstance(field, Input) else field.value
            if option.name in taken and isinstance(value, str) and value:
                values[option.name] = value
        return values

    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())


def _taken(chosen: Iterable[Network]) -> dict[str, SharedOption]:
    """The options the `chosen` networks take, by name, in the networks' order."""
    chosen = list(chosen)
    return {
        shared.option.name: shared
        for shared in shared_options(network for network in networks() if network in chosen)
    }


def _field(option: PublishOption, asked: str) -> Input | Select[str]:
    """The field for `option`, holding `asked` (the front matter's value, if any)."""
    tip = option.help
    if option.flag or option.choices:
        labels = {"true": "yes", "false": "no"} if option.flag else {}
        return Select(
            [(labels.get(value, value), value) for value in option.choices],
            value=asked if asked in option.choices else Select.NULL,
            prompt=DEFAULT, allow_blank=True, compact=True, id=option.name, tooltip=tip,
        )  # fmt: skip
    return Input(asked, placeholder=DEFAULT, compact=True, id=option.name, tooltip=tip)
