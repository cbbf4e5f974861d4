"""W3C Web Annotation export and import: lossless round trip, matching, re-anchoring, reports."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass

import pytest

from core.export.web_annotation import CONTEXT, parse
from storage.annotation_transfer import export_collection, import_annotations, import_text
from storage.library import Library
from tests.conftest import make_article
from tests.storage.test_brief_source import highlight

FIELDS = (
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "status",
    "color",
    "note",
    "tags",
    "created",
    "updated",
)


def snapshot(library, article_id):
    return [
        {name: getattr(a, name) for name in FIELDS}
        for a in library.annotations.for_article(article_id)
    ]


@pytest.fixture
def source(library):
    """An article with every kind of annotation, and one other article."""
    port = library.articles.add(make_article(url="https://example.com/port")).article_id
    other = library.articles.add(make_article("Grain", ["Wheat rose."], url=None)).article_id
    highlight(
        library,
        port,
        "third consecutive month",
        color="red",
        tags=["supply chain", "ports"],
        note="Check *this*\n\n# against data",
    )
    moved = highlight(library, port, "backlog", color="purple")
    text = library.articles.get(port).text
    start = text.index("backlog")
    library.annotations.set_anchor(
        moved,
        version=1,
        status="moved",
        start=start,
        end=start + 7,
        quote="backlog",
        prefix="a ",
        suffix=" of",
    )
    lost = highlight(library, port, "Shipping agents")
    library.annotations.set_anchor(
        lost,
        version=1,
        status="orphaned",
        start=None,
        end=None,
        quote="Shipping agents said",
        prefix="",
        suffix="",
    )
    highlight(library, other, "Wheat", tags=["food"])
    return {"port": port, "other": other}


def fresh(tmp_path, *articles):
    library = Library.open(tmp_path / "fresh.postil")
    ids = [library.articles.add(a).article_id for a in articles]
    return library, ids


def test_the_json_is_a_web_annotation_collection(library, source):
    data = json.loads(json.dumps(export_collection(library)))
    assert data["@context"] == CONTEXT and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 4
    first = items[0]
    assert first["type"] == "Annotation" and first["id"].startswith("urn:uuid:")
    assert first["body"] == [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "Check *this*\n\n# against data",
            "format": "text/markdown",
        },
        {"type": "TextualBody", "purpose": "tagging", "value": "ports"},
        {"type": "TextualBody", "purpose": "tagging", "value": "supply chain"},
        {"type": "TextualBody", "purpose": "highlighting", "value": "red"},
    ]
    target = first["target"]
    assert target["source"] == "https://example.com/port"
    assert (
        target["postil:contentHash"]
        == "sha256:" + library.articles.get(source["port"]).content_hash
    )
    selectors = {s["type"]: s for s in target["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "third consecutive month"
    text = library.articles.get(source["port"]).text
    position = selectors["TextPositionSelector"]
    assert text[position["start"] : position["end"]] == "third consecutive month"
    orphan = next(i for i in items if i["postil:status"] == "orphaned")
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]
    no_url = items[-1]["target"]["source"]
    assert (
        no_url == "urn:postil:article:sha256:" + library.articles.get(source["other"]).content_hash
    )


def test_exporting_twice_gives_the_same_json(library, source):
    assert export_collection(library) == export_collection(library)


def test_round_trip_into_a_fresh_library_is_lossless(library, source, tmp_path):
    text = json.dumps(export_collection(library))
    target, (port,) = fresh(tmp_path, make_article(url="https://example.com/port"))
    with target:
        report = import_text(target, text)
        assert (report.anchored, report.moved, report.fuzzy, report.orphaned) == (1, 1, 0, 1)
        assert report.skipped == 1 and report.missing == ["Grain"]
        assert snapshot(target, port) == snapshot(library, source["port"])


def test_importing_the_same_file_twice_adds_nothing(library, source, tmp_path):
    data = export_collection(library)
    target, _ = fresh(tmp_path, make_article(url="https://example.com/port"))
    with target:
        import_annotations(target, data)
        again = import_annotations(target, data)
        assert again.imported == 0 and again.duplicates == 3
        assert target.annotations.count() == 3


def test_an_article_without_url_is_found_by_its_text(library, source, tmp_path):
    target, (grain,) = fresh(tmp_path, make_article("Grain, renamed", ["Wheat rose."]))
    with target:
        report = import_annotations(target, export_collection(library, [source["other"]]))
        assert report.anchored == 1 and report.skipped == 0
        assert [a.tags for a in target.annotations.for_article(grain)] == [("food",)]


@dataclass(frozen=True)
class FakeSelector:
    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None


@pytest.fixture
def fake_anchoring(monkeypatch):
    """core.anchoring stand-in: records the texts it is given, finds the quote by search."""
    calls = []

    def reanchor_many(old_text, new_text, selectors):
        calls.append((old_text, new_text, list(selectors)))
        out = []
        for s in selectors:
            start = new_text.find(s.quote)
            if start < 0:
                out.append(
                    types.SimpleNamespace(
                        status="orphaned",
                        start=None,
                        end=None,
                        quote=s.quote,
                        prefix=s.prefix,
                        suffix=s.suffix,
                    )
                )
            else:
                out.append(
                    types.SimpleNamespace(
                        status="moved",
                        start=start,
                        end=start + len(s.quote),
                        quote=s.quote,
                        prefix="",
                        suffix="",
                    )
                )
        return out

    module = types.ModuleType("core.anchoring")
    module.TextSelector = FakeSelector
    module.reanchor_many = reanchor_many
    monkeypatch.setitem(sys.modules, "core.anchoring", module)
    return calls


CHANGED = make_article(
    url="https://example.com/port",
    paragraphs=[
        "Update: container traffic through the port rose for a third consecutive month.",
        "Agents now blame a backlog of steel.",
    ],
)


def test_a_changed_text_found_by_url_is_reanchored(library, source, tmp_path, fake_anchoring):
    target, (port,) = fresh(tmp_path, CHANGED)
    with target:
        report = import_annotations(target, export_collection(library, [source["port"]]))
        new_text = target.articles.get(port).text
        assert [call[:2] for call in fake_anchoring] == [(new_text, new_text)] * 3
        assert (report.moved, report.orphaned) == (2, 1)
        month = target.annotations.for_article(port)[0]
        assert new_text[month.start : month.end] == "third consecutive month"
        assert month.note.startswith("Check") and month.color == "red"


def test_an_older_version_s_annotations_map_from_that_version(
    library, source, tmp_path, fake_anchoring
):
    old_text = library.articles.get(source["port"]).text
    target, (port,) = fresh(tmp_path, make_article(url="https://example.com/port"))
    with target:
        target.articles.add(CHANGED)  # the same URL: a second version of the same article
        import_annotations(target, export_collection(library, [source["port"]]))
        assert {call[0] for call in fake_anchoring} == {old_text}
        assert target.annotations.count(port) == 3


def test_a_failing_import_adds_nothing(library, source, tmp_path, monkeypatch):
    module = types.ModuleType("core.anchoring")
    module.TextSelector = FakeSelector

    def broken(*args):
        raise RuntimeError("anchoring failed")

    module.reanchor_many = broken
    monkeypatch.setitem(sys.modules, "core.anchoring", module)
    data = export_collection(library)
    target, _ = fresh(
        tmp_path,
        make_article(url="https://example.com/port"),
        make_article("Another", ["Different words."], url="https://example.com/port2"),
    )
    with target:
        items = data["first"]["items"]
        last = {**items[0], "target": {**items[0]["target"]}}
        last["target"]["postil:contentHash"] = "sha256:" + "0" * 64
        last["target"]["source"] = "https://example.com/port2"
        items.append(last)  # found by URL, a different text: anchoring runs, and fails
        with pytest.raises(RuntimeError):
            import_annotations(target, data)
        assert target.annotations.count() == 0


def test_annotations_from_other_tools_are_read(tmp_path):
    target, (port,) = fresh(tmp_path, make_article(url="https://example.com/port"))
    foreign = [
        {
            "@context": CONTEXT,
            "type": "Annotation",
            "bodyValue": "A plain comment",
            "target": {
                "source": "https://example.com/port",
                "selector": {"type": "TextQuoteSelector", "exact": "third consecutive month"},
            },
        },
        {"type": "Annotation", "target": "https://example.com/port"},
        "not even an object",
    ]
    text = target.articles.get(port).text
    start = text.index("third consecutive month")
    foreign[0]["target"]["selector"] = [
        foreign[0]["target"]["selector"],
        {"type": "TextPositionSelector", "start": start, "end": start + 23},
    ]
    foreign[0]["target"]["postil:contentHash"] = target.articles.get(port).content_hash
    with target:
        report = import_annotations(target, foreign)
        assert report.anchored == 1 and len(report.invalid) == 2
        (made,) = target.annotations.for_article(port)
        assert (made.note, made.color, made.start) == ("A plain comment", "yellow", start)


def test_parse_reports_why_an_item_is_unusable():
    items, problems = parse(
        {"type": "AnnotationPage", "items": [{"type": "Annotation", "target": {"selector": []}}]}
    )
    assert items == [] and problems == [
        "annotation 1: the annotation has no TextQuoteSelector with an exact quote"
    ]
    with pytest.raises(ValueError, match="not embedded"):
        parse({"type": "AnnotationCollection", "first": "https://elsewhere/page1"})


def test_with_the_real_anchoring_a_changed_text_still_finds_the_passage(library, source, tmp_path):
    pytest.importorskip("core.anchoring")
    target, (port,) = fresh(tmp_path, CHANGED)
    with target:
        report = import_annotations(target, export_collection(library, [source["port"]]))
        assert report.imported == 3 and report.anchored + report.moved + report.fuzzy >= 2
        text = target.articles.get(port).text
        for a in target.annotations.for_article(port):
            if a.start is not None:
                assert text[a.start : a.end] == a.quote
