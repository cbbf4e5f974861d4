"""The new formats fuzzed like the old ones (tests/reliability/test_fuzz_importers.py):

- Word documents and EPUB books, damaged part by part, are imported and stored in one
  transaction or refused with the library exactly as before (that module's import_one);
- highlight exports (Hypothesis JSON of any shape, Readwise CSV rows of any content,
  Omnivore archives with odd metadata and Markdown) are read or refused with ImportRefused
  and nothing else, and what is attached always holds: every placed highlight's quote is
  the text at its place, no lone surrogate reaches SQLite, and the counts add up.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.highlight_imports import read_export
from core.importers.errors import ImportRefused
from storage.highlight_import import import_highlight_file
from storage.library import Library
from tests.core.test_highlight_imports_samples import (
    OMNIVORE_LATAKIA_MD,
    OMNIVORE_PAGE,
    PARAGRAPHS,
    article,
)
from tests.core.test_import_docx import SEED as DOCX_SEED
from tests.core.test_import_epub import MEMBERS as EPUB_MEMBERS
from tests.core.test_import_epub import SEED as EPUB_SEED
from tests.core.zip_fuzz import mutate_member
from tests.reliability.test_fuzz_importers import import_one

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@pytest.fixture(scope="module")
def library() -> Iterator[Library]:
    with tempfile.TemporaryDirectory() as folder, Library.open(Path(folder) / "f.postil") as lib:
        lib.articles.add(article())
        yield lib


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


SPLICES = st.lists(
    st.tuples(
        st.integers(0, 1 << 16),
        st.sampled_from([b"<", b">", b"</w:p>", b"<p>", b"\x00", b"&#0;", b"\xed\xa0\x80"])
        | st.binary(max_size=12),
    ),
    max_size=6,
)


@FUZZ
@given(
    name=st.sampled_from(["word/document.xml", "word/styles.xml", "word/footnotes.xml"]),
    edits=SPLICES,
)
def test_fuzzed_word_documents_store_or_leave_the_library_as_it_was(
    library: Library, name: str, edits: list
) -> None:
    import_one(library, mutate_member(DOCX_SEED, name, edits), ".docx")


@FUZZ
@given(name=st.sampled_from(EPUB_MEMBERS), edits=SPLICES)
def test_fuzzed_books_store_or_leave_the_library_as_it_was(
    library: Library, name: str, edits: list
) -> None:
    import_one(library, mutate_member(EPUB_SEED, name, edits), ".epub")


# -- highlight exports ----------------------------------------------------------------------

TEXTS = st.one_of(
    st.sampled_from(
        [
            "",
            "the port authority",
            "a backlog of building materials",
            PARAGRAPHS[0],
            "\ud800 lone",
            "\u0000",
            " ",
            "x" * 300,
        ]
    ),
    st.text(max_size=40),
)
URL = "https://example.org/latakia-port"
# Passages of the article (so that attaching is exercised, not only refusing), and words in it.
QUOTES = st.builds(
    lambda paragraph, a, b: paragraph[min(a, b) : max(a, b)],
    st.sampled_from(PARAGRAPHS),
    st.integers(0, 120),
    st.integers(0, 120),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | TEXTS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=12,
)


@st.composite
def hypothesis_annotation(draw) -> object:
    selector = {
        "type": draw(st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "Other"])),
        "exact": draw(QUOTES | TEXTS | JSON_VALUES),
        "prefix": draw(TEXTS | JSON_VALUES),
        "suffix": draw(TEXTS),
        "start": draw(st.integers(-3, 400) | JSON_VALUES),
        "end": draw(st.integers(-3, 400)),
    }
    annotation = {
        "uri": draw(st.sampled_from([URL, URL + "/", "nope", ""]) | TEXTS),
        "text": draw(TEXTS | JSON_VALUES),
        "tags": draw(st.lists(TEXTS, max_size=3) | JSON_VALUES),
        "created": draw(st.sampled_from(["2026-03-10T09:00:00Z", "yesterday", ""]) | TEXTS),
        "target": draw(st.sampled_from([[{"selector": [selector]}], {"selector": selector}, []])),
        "document": draw(JSON_VALUES),
    }
    return annotation if draw(st.integers(0, 3)) else draw(JSON_VALUES)


def _check_library(library: Library) -> None:
    conn = library.conn
    assert not conn.in_transaction
    for quote, start, end, text, status in conn.execute(
        'SELECT n.quote, n.start, n."end", a.text, n.status FROM annotations n '
        "JOIN articles a ON a.id = n.article_id"
    ):
        quote.encode("utf-8")  # a lone surrogate would raise here
        if start is None:
            assert status == "orphaned"
        else:
            assert text[start:end] == quote


def _attach(library: Library, path: Path) -> None:
    before = library.annotations.count()
    report = import_highlight_file(library, path)
    if report.error is not None:
        assert "\n" not in report.error
        assert library.annotations.count() == before
    else:
        added = library.annotations.count() - before
        assert added == report.attached + report.orphaned
        assert all("\n" not in line for line in report.refusals)
    _check_library(library)


@FUZZ
@given(
    shape=st.sampled_from(["list", "rows", "annotations", "one"]),
    items=st.lists(hypothesis_annotation(), max_size=5),
)
def test_fuzzed_hypothesis_exports(library: Library, folder: Path, shape: str, items) -> None:
    data: object = {
        "list": items,
        "rows": {"rows": items},
        "annotations": {"annotations": items},
        "one": items[0] if items else {},
    }[shape]
    path = folder / "hypothesis.json"
    path.write_text(json.dumps(data), encoding="utf-8", errors="surrogatepass")
    _attach(library, path)


HEADER = (
    "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,"
    "Highlighted at,Document tags"
)


@FUZZ
@given(
    rows=st.lists(
        st.tuples(
            QUOTES | TEXTS,
            st.sampled_from(["Port traffic recovers", "PORT TRAFFIC  recovers", ""]) | TEXTS,
            st.lists(TEXTS | st.sampled_from(["pink", "blue", '"', "\n"]), max_size=10),
        ).map(lambda row: [row[0], row[1], *row[2]]),
        max_size=6,
    ),
    tail=st.binary(max_size=40),
)
def test_fuzzed_readwise_exports(library: Library, folder: Path, rows, tail: bytes) -> None:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)
    path = folder / "readwise.csv"
    path.write_bytes(
        (HEADER + "\n" + out.getvalue()).encode("utf-8", errors="surrogatepass") + tail
    )
    _attach(library, path)


ITEMS = st.fixed_dictionaries(
    {
        "slug": st.sampled_from(["latakia", "a", "latakia", "../evil", "", "b/c"]),
        "url": st.sampled_from([URL, "x", URL, ""]),
        "title": TEXTS,
        "labels": st.lists(TEXTS, max_size=2) | JSON_VALUES,
        "highlights": JSON_VALUES,
    }
)
MARKDOWN_QUOTES = st.lists(QUOTES, min_size=1, max_size=3).map(
    lambda quotes: "".join(f"> {q} [⤴️](https://omnivore.app/me/x#1)\n\nnote\n" for q in quotes)
)


@FUZZ
@given(
    metadata=st.lists(ITEMS | ITEMS | JSON_VALUES, min_size=1, max_size=4),
    markdown=st.sampled_from([OMNIVORE_LATAKIA_MD, "> \n>\n", "", "> [⤴️](x)"])
    | MARKDOWN_QUOTES
    | MARKDOWN_QUOTES
    | TEXTS,
    page=st.sampled_from([OMNIVORE_PAGE, "", "<html>", "<p>x</p>"]) | TEXTS,
    raw_metadata=st.integers(0, 5).map(lambda n: n == 5),
)
def test_fuzzed_omnivore_archives(
    library: Library, folder: Path, metadata, markdown: str, page: str, raw_metadata: bool
) -> None:
    path = folder / "omnivore.zip"
    with zipfile.ZipFile(path, "w") as archive:
        body = json.dumps(metadata) if not raw_metadata else str(metadata)
        archive.writestr("metadata_0_to_9.json", body.encode("utf-8", errors="surrogatepass"))
        for slug in ("a", "latakia"):
            archive.writestr(f"highlights/{slug}.md", markdown.encode("utf-8", "surrogatepass"))
        # A saved page for "a" only: one for "latakia" would be a new version of the article.
        archive.writestr("content/a.html", page.encode("utf-8", "surrogatepass"))
    _attach(library, path)


@FUZZ
@given(data=st.binary(max_size=512), suffix=st.sampled_from([".json", ".csv", ".zip"]))
def test_fuzzed_bytes_are_read_or_refused(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"random{suffix}"
    path.write_bytes(data)
    try:
        read_export(path)
    except ImportRefused as exc:
        assert str(exc) and "\n" not in str(exc)
