"""An exported draft splits with `thread split` exactly as the app showed it."""

from __future__ import annotations

import pytest

from support.split import split
from threadsmith.drafts import DraftSettings, essay_for_export
from threadsmith.network import network_named
from threadsmith.threading.frontmatter import read_front_matter

BODY = "# Fair funding\n\n" + " ".join(["Schools need a settlement that meets the need."] * 30)
FRONT = "---\ntitle: Fair funding\nfirst: >\n  #Old\n  @tags\nplatform: bluesky\n---\n" + BODY


@pytest.mark.parametrize("body", [BODY, FRONT], ids=["plain", "with front matter"])
@pytest.mark.parametrize(
    "settings",
    [
        DraftSettings(),
        DraftSettings(numbering="🧵 {n}/{total}", position="prefix", first="#EdChat @naht"),
        DraftSettings(last='Read "the letter": https://example.org/l', limit=200),
    ],
)
def test_export_carries_the_apps_settings_in_front_matter(
    body: str, settings: DraftSettings
) -> None:
    exported = essay_for_export(body, settings)
    assert exported.endswith("\n")
    for network in ("x", "bluesky"):
        chosen = network_named(network)
        shown = [post.text for post in settings.split(body, chosen, mention_warnings=False).posts]
        assert [post.text for post in split(exported, network).posts] == shown


def test_other_front_matter_lines_are_kept_as_written() -> None:
    exported = essay_for_export(FRONT, DraftSettings(first="#EdChat"))
    front = read_front_matter(exported)
    assert front.settings == {"title": "Fair funding", "platform": "bluesky", "first": "#EdChat"}
    assert exported.endswith(BODY + "\n")
