"""Errors the library raises; each message is one line meant for the analyst."""


class LibraryError(Exception):
    """The library file cannot be used (foreign, newer, damaged, unwritable)."""


class NotFound(LibraryError):
    """An id that names nothing in this library."""
