"""Drafts as threadsmith works with them, UI-free: their settings, their titles, the
essay edits the editor offers, their export, and how far each was published."""

from __future__ import annotations

from threadsmith.drafts.edits import forced_break, removed_break
from threadsmith.drafts.library import (
    UNTITLED,
    Summary,
    draft_folder,
    draft_key,
    draft_summary,
    draft_title,
    import_document,
    import_file,
    new_draft,
    publish_state,
)
from threadsmith.drafts.settings import (
    ALL,
    DraftSettings,
    essay_for_export,
    settings_json,
    settings_of,
)

__all__ = [
    "ALL",
    "UNTITLED",
    "DraftSettings",
    "Summary",
    "draft_folder",
    "draft_key",
    "draft_summary",
    "draft_title",
    "essay_for_export",
    "forced_break",
    "import_document",
    "import_file",
    "new_draft",
    "publish_state",
    "removed_break",
    "settings_json",
    "settings_of",
]
