"""The five folds every import-quality figure is measured on.

A page's fold is a hash of its id, so it never changes between runs or machines and a page
that is added later does not move the others. Whatever is chosen by looking at results (a
learned model, a threshold picked among candidates) is chosen on four folds and scored on
the fifth, in turn; the five held-out fifths together make the out-of-fold figure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TypeVar

FOLDS = 5
T = TypeVar("T")


def fold_of(page_id: str) -> int:
    return int(hashlib.sha256(page_id.encode("utf-8")).hexdigest(), 16) % FOLDS


def splits(ids: Iterable[str]) -> Iterator[tuple[int, set[str], set[str]]]:
    """(fold, training ids, held-out ids) for each fold."""
    ids = list(ids)
    for fold in range(FOLDS):
        held = {i for i in ids if fold_of(i) == fold}
        yield fold, set(ids) - held, held
