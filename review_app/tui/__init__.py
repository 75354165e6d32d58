"""The interactive review TUI (Textual). A shell over `review_app.review`."""
