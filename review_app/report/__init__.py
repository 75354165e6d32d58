"""Grammar reports: plain data built from documents and flags, then rendered."""
