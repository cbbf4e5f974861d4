"""A brief as a Word document, read back with python-docx: real headings, passages in the
Quote style and in order, notes as comments on their passages, links to the source passage
and into Postil; the annotated article with its highlights shaded in place."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.export.brief import BriefScope, Layout
from core.export.brief_data import brief_data
from core.export.docx_brief import write_docx
from storage.brief_source import load_brief
from storage.library import Library
from tests.conftest import make_article
from tests.core.test_export_templates import make_brief
from tests.storage.test_brief_source import highlight

PINNED = "2024-05-01T12:00:00+00:00"


def _library(path: Path, quote_note: str = "Why *now*?") -> Library:
    library = Library.open(path)
    port = library.articles.add(
        make_article(
            url="https://example.com/port",
            paragraphs=[
                "Container traffic through the port rose for a third consecutive month.",
                "Shipping agents said the increase reflected a backlog of building materials.",
            ],
        )
    ).article_id
    highlight(library, port, "third consecutive month", color="red", tags=["ports"])
    highlight(library, port, "backlog", note=quote_note)
    return library


def _links(document) -> list[str]:
    rels = document.part.rels.values()
    return [r.target_ref for r in rels if r.reltype.endswith("/hyperlink")]


def test_a_brief_by_article_has_headings_quotes_comments_and_links(tmp_path: Path) -> None:
    with _library(tmp_path / "l.postil") as library:
        brief = load_brief(library, BriefScope(), layout=Layout.ARTICLE, generated=PINNED)
    out = tmp_path / "brief.docx"
    write_docx(brief_data(brief), "brief-by-article", out)
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Port traffic recovers" in headings and "Sources" in headings
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes == ["third consecutive month", "backlog"]
    comments = list(document.comments)
    assert [c.text for c in comments] == ["Why *now*?"]
    links = _links(document)
    assert any(link.startswith("https://example.com/port#:~:text=third") for link in links)
    assert any(link.startswith("postil://article/") and "/highlight/" in link for link in links)


def test_the_annotated_article_shades_its_highlights_in_place(tmp_path: Path) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    with _library(tmp_path / "l.postil") as library:
        brief = load_brief(library, BriefScope(), layout=Layout.ARTICLE, generated=PINNED)
    out = tmp_path / "annotated.docx"
    write_docx(brief_data(brief), "annotated-article", out)
    document = docx.Document(str(out))
    body = [p for p in document.paragraphs if p.text.startswith(("Container", "Shipping"))]
    assert next(p.text for p in body).startswith("Container traffic through the port rose")
    shaded = {
        r.text: r.font.highlight_color for p in body for r in p.runs if r.font.highlight_color
    }
    assert shaded == {
        "third consecutive month": WD_COLOR_INDEX.PINK,
        "backlog": WD_COLOR_INDEX.YELLOW,
    }
    assert [c.text for c in document.comments] == ["Why *now*?"]


def test_the_same_brief_gives_the_same_bytes(tmp_path: Path) -> None:
    with _library(tmp_path / "l.postil") as library:
        brief = load_brief(library, BriefScope(), layout=Layout.TAG, generated=PINNED)
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(brief_data(brief), "brief-by-tag", first)
    write_docx(brief_data(brief), "brief-by-tag", second)
    assert first.read_bytes() == second.read_bytes()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
    ).filter(lambda s: s.strip()),
)
def test_any_note_goes_through_unchanged(tmp_path_factory, note: str) -> None:
    folder = tmp_path_factory.mktemp("docx")
    with _library(folder / "l.postil", quote_note=note) as library:
        brief = load_brief(library, BriefScope(), layout=Layout.ARTICLE, generated=PINNED)
    out = folder / "b.docx"
    write_docx(brief_data(brief), "brief-by-article", out)
    assert [c.text for c in docx.Document(str(out)).comments] == [note.strip()]


@settings(max_examples=25, deadline=None)
@given(
    quote=st.lists(
        st.one_of(
            st.characters(blacklist_categories=("Cs", "Cc")),
            st.sampled_from(["\n", "\t", "<", "&", "]]>", "\u202e", "🏗️", "ش"]),
        ),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda s: s.strip()),
)
def test_any_quote_goes_through_unchanged(quote: str) -> None:
    """Markup characters, right-to-left text, emoji, line breaks and tabs: the Word file's
    Quote paragraph reads back as the passage (the body is written as XML text by hand)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "q.docx"
        write_docx(brief_data(make_brief([quote])), "brief-by-article", out)
        quotes = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Quote"]
    expected = "".join("\ufffd" if c in "\ufffe\uffff" else c for c in quote)
    assert quotes == [expected]
