"""Errors the shells turn into one clear line and a non-zero exit."""


class ReviewAppError(Exception):
    """A problem the user can act on; its message is one line, shown without a traceback."""


class InputError(ReviewAppError):
    """A file cannot be read as text: missing, a folder, binary, empty, too large, undecodable."""


class CheckerUnavailable(ReviewAppError):
    """A checker cannot run (no server, no dictionary)."""
