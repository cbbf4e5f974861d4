"""Opening the library the analyst chose, the same way for the window and the command line."""

from __future__ import annotations

from storage.library import Library
from storage.location import chosen_library_path


def open_chosen_library(option: str | None, *, check_stems: bool = True) -> Library:
    """--library, $POSTIL_LIBRARY or the default; only the default is seeded with samples."""
    path, is_default = chosen_library_path(option)
    library = Library.open(path, check_stems=check_stems)
    if is_default:
        from storage.samples import seed_if_new

        seed_if_new(library)
    return library
