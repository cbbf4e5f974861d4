"""Highlight exports read into plain records: Hypothesis JSON, Omnivore's archive and
Readwise's CSV, each from a small hand-written sample; files no tool wrote refused in one
line; entries that cannot be read listed, one line each, without stopping the rest."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from core.highlight_imports import read_export
from core.highlight_imports.omnivore import parse_highlights_markdown
from core.highlight_imports.urls import normalize_title, normalize_url
from core.importers.errors import ImportRefused
from tests.core.test_highlight_imports_samples import (
    ARTICLE_TITLE,
    ARTICLE_URL,
    write_samples,
)


@pytest.fixture
def samples(tmp_path: Path) -> dict[str, Path]:
    return write_samples(tmp_path / "exports")


def test_hypothesis_annotations_become_records(samples: dict[str, Path]) -> None:
    export = read_export(samples["hypothesis"])
    assert export.tool == "hypothesis"
    assert len(export.records) == 4
    first = export.records[0]
    assert first.url == ARTICLE_URL
    assert first.title == ARTICLE_TITLE
    assert first.exact == "a backlog of building materials"
    assert first.prefix == "said the increase reflected "
    assert first.suffix == " and grain."
    assert (first.start, first.end) == (160, 191)
    assert first.note == "Check the customs data"
    assert first.tags == ("ports", "syria")
    assert first.created == "2026-03-11T09:00:00.000000+00:00"
    assert export.problems == ["annotation hyp5: a page note, with no quoted passage"]


def test_a_bare_list_and_a_search_result_are_read_too(tmp_path: Path) -> None:
    from tests.core.test_highlight_imports_samples import hypothesis_export

    annotations = hypothesis_export()["annotations"]
    for name, data in (("list.json", annotations), ("rows.json", {"rows": annotations})):
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        assert len(read_export(path).records) == 4


def test_omnivore_archive_carries_articles_and_highlights(samples: dict[str, Path]) -> None:
    export = read_export(samples["omnivore"])
    assert export.tool == "omnivore"
    assert [a.url for a in export.articles] == ["https://example.net/tartus-grain"]
    saved = export.articles[0]
    assert saved.title == "Grain prices in Tartus" and saved.author == "Lina Haddad"
    assert saved.tags == ("grain", "markets")
    assert b"Wheat prices" in saved.html
    quotes = [(r.url, r.exact, r.note, r.tags) for r in export.records]
    assert quotes == [
        (
            "https://example.net/tartus-grain",
            "Wheat prices in Tartus fell for the first time this year",
            "Compare with the Latakia figures",
            ("grain", "markets"),
        ),
        (
            "https://example.net/tartus-grain",
            "the mills run at full capacity again",
            "",
            ("grain", "markets"),
        ),
        (
            ARTICLE_URL + "/",
            "rose for a third consecutive month",
            "Three months in a row\nis a trend",
            (),
        ),
    ]


def test_omnivore_markdown_quotes_span_lines_and_notes_follow() -> None:
    text = (
        "# Highlights\n\n"
        "> first line of a quote\n> and its second line [⤴️](https://omnivore.app/me/x#1)\n\n"
        "a note\n\n"
        "> a quote without a note [⤴️](https://omnivore.app/me/x#2)\n"
        "> another right after it [⤴️](https://omnivore.app/me/x#3)\n"
    )
    assert parse_highlights_markdown(text) == [
        ("first line of a quote and its second line", "a note"),
        ("a quote without a note", ""),
        ("another right after it", ""),
    ]


def test_readwise_rows_become_records_by_title(samples: dict[str, Path]) -> None:
    export = read_export(samples["readwise"])
    assert export.tool == "readwise"
    assert [(r.title, r.exact) for r in export.records] == [
        (ARTICLE_TITLE, "rose for a third consecutive month in February"),
        ("port traffic recovers", "doubled the rate of unloading"),
        ("A Tale of Two Cities", "It was the best of times"),
    ]
    first = export.records[0]
    assert (first.note, first.color, first.tags) == ("Seasonal?", "pink", ("ports", "trade"))
    assert first.created == "2026-03-11 10:00:00+00:00"
    assert first.url is None
    assert export.problems == ["row 5: no highlighted text"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.txt", b"hello", "does not read highlights from .txt"),
        ("empty.json", b"  ", "empty"),
        ("broken.json", b"{not json", "not a JSON file"),
        ("other.json", b'{"hello": 1}', "not a highlight export"),
        ("w3c.json", b'{"type": "AnnotationCollection", "items": []}', "import-annotations"),
        ("other.csv", b"a,b,c\n1,2,3\n", "not a Readwise export"),
        ("broken.zip", b"PK\x03\x04 broken", "damaged"),
    ],
)
def test_files_no_tool_wrote_are_refused_in_one_line(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=reason) as refused:
        read_export(path)
    assert "\n" not in str(refused.value)


def test_a_zip_without_omnivore_metadata_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(ImportRefused, match="not an Omnivore export"):
        read_export(path)


def test_lone_surrogates_never_reach_a_record(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '[{"uri": "https://example.org/a", "text": "note \\ud800", "target": [{"selector": '
        '[{"type": "TextQuoteSelector", "exact": "quote \\udfff here"}]}]}]',
        encoding="utf-8",
    )
    record = read_export(path).records[0]
    assert "\ud800" not in record.note and "\udfff" not in record.exact
    record.exact.encode("utf-8")


def test_addresses_of_one_page_share_a_key() -> None:
    key = normalize_url(ARTICLE_URL)
    assert key == "example.org/latakia-port"
    for same in (
        "http://www.example.org/latakia-port/",
        "https://EXAMPLE.org/latakia-port?utm_source=x&fbclid=1#section",
    ):
        assert normalize_url(same) == key
    assert normalize_url("https://example.org/latakia-port?id=2") != key
    assert normalize_url("urn:x-pdf:abc") is None
    assert normalize_title("Port  Traffic ’Recovers’") == normalize_title("port traffic 'recovers'")
