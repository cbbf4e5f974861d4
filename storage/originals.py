"""How the verbatim input of a capture is kept in the library (articles.original and
article_versions.original). pack() when writing, unpack() when reading: every reader and
writer of those columns goes through here, so the stored form can change in one place."""

from __future__ import annotations


def pack(data: bytes) -> bytes:
    """The stored form of an input."""
    return data


def unpack(stored: bytes) -> bytes:
    """The input as it was imported, from its stored form."""
    return stored
