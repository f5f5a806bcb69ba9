"""The publish screen's progress: a row per post of each run, its state as it changes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from threadsmith import publish
from threadsmith.store import JournalPost, Run


class PublishProgress(DataTable[object]):
    """Each post of the runs being published: pending, sending…, sent (with its link)
    or failed (with the network's words)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")

    def on_mount(self) -> None:
        self.add_column("Account", key="account")
        self.add_column("Post", key="post")
        self.add_column("State", key="state")

    def show_runs(self, runs: Sequence[tuple[str, Run, list[JournalPost]]]) -> None:
        """A row per post: (who it goes to, the run, its journalled posts)."""
        self.clear()
        for shown, run, posts in runs:
            for post in posts:
                state = "sent " + post.ref.url if post.ref else "pending"
                self.add_row(
                    Text(shown), str(post.number), Text(state), key=f"{run.id}:{post.number}"
                )

    def apply(self, run_id: int, event: publish.Event) -> str | None:
        """Show what `event` changed; returns what the status line should say, if anything."""
        row = f"{run_id}:{getattr(event, 'number', 0)}"  # Finished has no number
        if isinstance(event, publish.Sending):
            self.update_cell(row, "state", "sending…", update_width=True)
        elif isinstance(event, publish.Sent):
            self.update_cell(row, "state", Text(f"sent {event.ref.url}"), update_width=True)
            return f"Sent {event.number} of {event.total}."
        elif isinstance(event, publish.Waiting):
            return f"Rate-limited: post {event.number} in {int(event.seconds_left + 0.999)} s…"
        elif isinstance(event, publish.Failed):
            self.update_cell(row, "state", Text(f"failed: {event.message}"), update_width=True)
        elif isinstance(event, publish.Finished):
            return f"Done: {event.first.url}"
        return None
