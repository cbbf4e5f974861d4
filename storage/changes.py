"""What an operation changed in the library, so that every view can refresh itself from one
description instead of each caller refreshing the views it happens to know (Anki's OpChanges).

Qt-free: storage operations and the command line can build one; the window broadcasts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Changes(NamedTuple):
    articles: frozenset[int] = frozenset()  # added, changed (a new version) or deleted
    annotations: frozenset[int] = frozenset()  # added, edited or deleted highlights
    annotated: frozenset[int] = frozenset()  # articles whose highlights those are
    tags: bool = False  # tag names or colour meanings changed (lists and filters)
    read: frozenset[int] = frozenset()  # articles whose reading state or progress changed
    everything: bool = False  # unknown extent (another process): read everything again
    replaced: bool = False  # the library's contents were swapped (a restore): undo forgets

    @classmethod
    def of(
        cls,
        *,
        articles: Iterable[int] = (),
        annotations: Iterable[int] = (),
        annotated: Iterable[int] = (),
        tags: bool = False,
        read: Iterable[int] = (),
    ) -> Changes:
        return cls(
            frozenset(articles), frozenset(annotations), frozenset(annotated), tags, frozenset(read)
        )

    @classmethod
    def elsewhere(cls) -> Changes:
        """Another connection committed: what it changed is not known here."""
        return cls(everything=True)

    @classmethod
    def restored(cls) -> Changes:
        return cls(everything=True, replaced=True)

    def __bool__(self) -> bool:
        return bool(
            self.articles
            or self.annotations
            or self.annotated
            or self.tags
            or self.read
            or self.everything
            or self.replaced
        )
