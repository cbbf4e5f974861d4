"""Importers fuzzed: every input either imports or is refused with ImportRefused.

No other exception, no hang past a time limit, and nothing half-written: each example is
imported and stored in one transaction, and after a refusal the library is exactly as before.
POSTIL_FUZZ_PROFILE=long runs many more examples (a few minutes); the default is sized for CI.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.importers.dispatch import import_bytes
from core.importers.errors import ImportRefused
from storage.library import Library
from storage.transaction import transaction
from tests.reliability.hostile import MARKDOWN_NOTE, as_mhtml, hostile_page
from tests.reliability.report import record

settings.register_profile(
    "postil-fuzz",
    max_examples=60,
    deadline=None,  # the per-example alarm below is the limit: a deadline is flaky on CI
    database=None,  # no .hypothesis folder in a shared checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The long profile: 6 strategies x 1,700 examples + the 8 fixed inputs = 10,208 inputs, past
# the 10,000 that bench/concurrency_soak.py reports (it reads the "fuzz" line that the module
# fixture records in POSTIL_RELIABILITY_REPORT).
LONG_EXAMPLES = 1700
settings.register_profile(
    "postil-fuzz-long", parent=settings.get_profile("postil-fuzz"), max_examples=LONG_EXAMPLES
)
FUZZ = settings.get_profile(
    "postil-fuzz-long" if os.environ.get("POSTIL_FUZZ_PROFILE") == "long" else "postil-fuzz"
)
EXAMPLE_SECONDS = 20
OUTCOMES: Counter[str] = Counter()
SEED_PAGE = hostile_page("http://127.0.0.1:9")
SUFFIXES = (".html", ".mhtml", ".md", ".txt", ".eml", ".pdf", ".docx", ".epub", "")


class TookTooLong(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """SIGALRM interrupts a hung import in the main thread (the suite's thread)."""

    def expired(_signum, _frame):
        raise TookTooLong(f"the import ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def library() -> Iterator[Library]:
    with tempfile.TemporaryDirectory() as folder, Library.open(Path(folder) / "f.postil") as lib:
        yield lib
    record("fuzz", examples=sum(OUTCOMES.values()), **OUTCOMES)


def fingerprint(library: Library) -> tuple[object, ...]:
    db = library.conn
    counts = tuple(
        db.execute(f"SELECT count(*), coalesce(max(rowid), 0) FROM {t}").fetchone()
        for t in ("articles", "article_versions", "images", "annotations", "tags")
    )
    return (*counts, db.execute("SELECT count(*) FROM articles_fts").fetchone())


def import_one(library: Library, data: bytes, suffix: str) -> str:
    """The invariant: imported (and stored) or refused with the library unchanged."""
    before = fingerprint(library)
    try:
        with time_limit(EXAMPLE_SECONDS), transaction(library.conn):
            imported = import_bytes(data, name=f"fuzz{suffix}", suffix=suffix)
            outcome = library.articles.add(imported)
    except ImportRefused as exc:
        assert str(exc) and "\n" not in str(exc), "a refusal is one line"
        assert fingerprint(library) == before, "a refused import left something behind"
        assert not library.conn.in_transaction
        OUTCOMES["refused"] += 1
        return "refused"
    current = library.articles.get(outcome.article_id).text
    if outcome.current and outcome.status != "exists":
        assert current == imported.text
    else:  # there already, or another capture of an article shown in a better one: kept
        older = [text for _v, _c, text in library.articles.versions(outcome.article_id)]
        assert imported.text in (current, *older)
    OUTCOMES["imported"] += 1
    return "imported"


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, cut, insert in edits:
        at = position % (len(out) + 1)
        out[at : at + cut] = insert
    return bytes(out)


EDITS = st.lists(
    st.tuples(
        st.integers(0, 1 << 20),
        st.integers(0, 64),
        st.sampled_from(
            [
                b"",
                b"<",
                b">",
                b"</p>",
                b"<div>",
                b"<script>",
                b"\xff\xfe",
                b"\xc0\x80",
                b"\x00",
                b"&#0;",
                b"&#xD800;",
                b"\xed\xa0\x80",
                b"<!--",
                b"]]>",
                b"\r\n--",
                b"=\r\n",
                b"Content-Type: text/html\r\n\r\n",
                b"<svg><math>",
                b"\xef\xbb\xbf",
            ]
        )
        | st.binary(max_size=16),
    ),
    max_size=12,
)

HTML_TAGS = [
    "p",
    "div",
    "span",
    "a",
    "b",
    "i",
    "h1",
    "h2",
    "table",
    "tr",
    "td",
    "ul",
    "li",
    "script",
    "style",
    "iframe",
    "form",
    "svg",
    "math",
    "template",
    "noscript",
    "pre",
    "blockquote",
    "img",
    "br",
    "article",
    "title",
    "meta",
    "head",
    "body",
    "html",
]
ATTRS = st.sampled_from(
    [
        "",
        ' href="javascript:alert(1)"',
        ' onclick="x()"',
        ' src="http://127.0.0.1:9/x.png"',
        ' style="background:url(http://127.0.0.1:9/b)"',
        ' dir="rtl"',
        ' lang="ar"',
        ' srcset="a 1x, b 2x"',
        ' href="data:text/html,x"',
        ' content="0;url=http://x"',
    ]
)


@st.composite
def html_documents(draw) -> bytes:
    parts = []
    for _ in range(draw(st.integers(1, 40))):
        tag = draw(st.sampled_from(HTML_TAGS))
        text = draw(st.text(max_size=80))
        closed = draw(st.booleans())
        parts.append(f"<{tag}{draw(ATTRS)}>{text}" + (f"</{tag}>" if closed else ""))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1256"]))
    return "".join(parts).encode(encoding, errors="replace")


@FUZZ
@given(data=html_documents())
def test_generated_html(library, data):
    import_one(library, data, ".html")


@FUZZ
@given(edits=EDITS)
def test_mutated_hostile_page(library, edits):
    import_one(library, mutate(SEED_PAGE.encode(), edits), ".html")


@FUZZ
@given(edits=EDITS)
def test_mutated_email(library, edits):
    from tests.core.test_import_email import _newsletter

    import_one(library, mutate(_newsletter(), edits), ".eml")


@FUZZ
@given(edits=EDITS)
def test_mutated_mhtml(library, edits):
    import_one(
        library, mutate(as_mhtml(SEED_PAGE, "https://gazette.example.org/p"), edits), ".mhtml"
    )


@FUZZ
@given(
    lines=st.lists(
        st.sampled_from(
            [
                "# ",
                "## ",
                "> ",
                "- ",
                "1. ",
                "    ",
                "```",
                "---",
                "| a | b |",
                "[x](javascript:alert(1))",
                "![i](http://127.0.0.1:9/i.png)",
                "<script>alert(1)</script>",
                "<iframe src=x>",
                "title: t",
                "***",
            ]
        ).flatmap(lambda prefix: st.text(max_size=60).map(lambda t: prefix + t)),
        max_size=40,
    ),
    edits=EDITS,
)
def test_markdown(library, lines, edits):
    import_one(library, mutate(("\n".join(lines) or MARKDOWN_NOTE).encode(), edits), ".md")


@FUZZ
@given(text=st.text(max_size=3000), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_browser_text(library, text, encoding):
    import_one(library, text.encode(encoding, errors="replace"), ".txt")


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_and_invalid_utf8(library, data, suffix):
    import_one(library, data, suffix)


@pytest.mark.parametrize(
    ("name", "data", "suffix"),
    [
        (
            "deep divs",
            b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000,
            ".html",
        ),
        ("deep unclosed", b"<p>" + b"<b><i><span>" * 60_000 + b"text", ".html"),
        ("deep quotes", (b"> " * 5000 + b"quoted\n") * 3, ".md"),
        ("deep lists", b"".join(b"  " * n + b"- item\n" for n in range(3000)), ".md"),
        ("many paragraphs", b"<p>" + b"Port traffic rose again. " * 20 + b"</p>\n", ".html"),
        ("huge text", ("Port traffic rose again in February. " * 120_000).encode(), ".txt"),
        ("long line", b"x" * 3_000_000, ".txt"),
        ("nested mhtml", as_mhtml(as_mhtml(SEED_PAGE, "a").decode("latin-1"), "b"), ".mhtml"),
    ],
)
def test_huge_and_deeply_nested(library, name, data, suffix):
    if name == "many paragraphs":
        data = b"<html><body><article>" + data * 20_000 + b"</article></body></html>"
    import_one(library, data, suffix)
