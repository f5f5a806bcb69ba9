"""A new draft's title: "Untitled draft" until its text names it."""

from __future__ import annotations

from pathlib import Path

from threadsmith.drafts import UNTITLED, draft_title, new_draft
from threadsmith.store import Store


def test_a_new_draft_is_untitled_and_empty(tmp_path: Path) -> None:
    store = Store(tmp_path / "threadsmith.db")
    try:
        draft = store.draft(new_draft(store))
    finally:
        store.close()
    assert (draft.title, draft.body) == (UNTITLED, "") == ("Untitled draft", "")
    assert draft_title(draft.body) == ""  # nothing in it names it yet
