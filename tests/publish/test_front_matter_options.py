"""The publish options an essay's front matter asks for, as the app's publish form is
pre-filled with them: read as the planner reads them."""

from __future__ import annotations

from threadsmith.essay import options_in_front_matter


def test_the_networks_options_read_as_the_planner_reads_them() -> None:
    essay = "---\nreplies: Nobody\nquotes: False\ncw: Exam results\nnumbering: none\n---\n# T"
    assert options_in_front_matter(essay) == {
        "replies": "nobody",  # a choice, lower-cased
        "quotes": "nobody",  # yes or no read as its choices: false is --no-quotes
        "cw": "Exam results",  # free text, as written
    }  # numbering is a splitting setting, not a publish option


def test_none_without_front_matter_or_when_it_cannot_be_read() -> None:
    assert options_in_front_matter("# Just an essay\n\nText.") == {}
    assert options_in_front_matter("---\ncw: [unclosed\n---\n# T") == {}
