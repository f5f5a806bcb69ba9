"""The Textual drafting app: write, preview, edit and publish a thread."""
