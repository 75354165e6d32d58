"""Modal screens of the review TUI: help, go to, search, confirmations, resume."""
