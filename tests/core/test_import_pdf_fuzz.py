"""Damaged PDFs, fuzzed: every mutation of a real printed page imports or is refused with
ImportRefused in one line, within a time limit, never any other exception.

(The shared fuzz suite, tests/reliability/test_fuzz_importers.py, can take the same
strategy; it is kept here with the PDF importer's tests.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.importers.dispatch import import_bytes
from core.importers.errors import ImportRefused
from tests.core import pdf_fixtures as fx
from tests.reliability.test_fuzz_importers import time_limit

SECONDS = 20


@pytest.fixture(scope="module")
def seed(qapp, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return fx.printed_news(Path(tmp_path_factory.mktemp("seed")) / "news.pdf")


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """The seed with bytes overwritten, a slice cut out or the tail cut off."""
    out = bytearray(data)
    kind = draw(st.sampled_from(["flip", "cut", "truncate", "splice"]))
    if kind == "flip":
        for _ in range(draw(st.integers(1, 40))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    elif kind == "cut":
        start = draw(st.integers(0, len(out) - 1))
        del out[start : start + draw(st.integers(1, 4000))]
    elif kind == "truncate":
        del out[draw(st.integers(8, len(out) - 1)) :]
    else:
        start = draw(st.integers(0, len(out) - 1))
        out[start:start] = draw(st.binary(min_size=1, max_size=200))
    return bytes(out)


def test_mutated_pdfs_import_or_are_refused(seed: bytes) -> None:
    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated(seed))
    def check(data: bytes) -> None:
        with time_limit(SECONDS):
            try:
                article = import_bytes(data, name="fuzz.pdf", suffix=".pdf")
            except ImportRefused as exc:
                assert str(exc) and "\n" not in str(exc)
            else:
                assert article.source_kind == "pdf" and article.blocks

    check()
