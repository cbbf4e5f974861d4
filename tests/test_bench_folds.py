"""The five folds every import figure is measured on: fixed by a page's id, a partition."""

from __future__ import annotations

from bench.folds import FOLDS, fold_of, splits


def test_a_pages_fold_depends_on_its_id_only() -> None:
    assert fold_of("0421") == fold_of("0421")
    assert {fold_of(f"page-{i}") for i in range(200)} == set(range(FOLDS))


def test_splits_partition_the_pages_and_hold_each_out_once() -> None:
    ids = [f"page-{i}" for i in range(97)]
    held_all: list[str] = []
    for fold, training, held in splits(ids):
        assert training.isdisjoint(held) and training | held == set(ids)
        assert all(fold_of(i) == fold for i in held)
        held_all += held
    assert sorted(held_all) == sorted(ids)
