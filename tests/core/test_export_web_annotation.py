"""Web Annotation JSON: whatever Postil writes, it reads back unchanged."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from core.export.web_annotation import PortableAnnotation, from_json, to_json

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@st.composite
def portable(draw) -> PortableAnnotation:
    orphan = draw(st.booleans())
    start = None if orphan else draw(st.integers(0, 10_000))
    return PortableAnnotation(
        quote=draw(TEXT.filter(bool)),
        prefix=draw(TEXT),
        suffix=draw(TEXT),
        start=start,
        end=None if start is None else start + draw(st.integers(1, 500)),
        status="orphaned" if orphan else draw(st.sampled_from(["anchored", "moved", "fuzzy"])),
        color=draw(st.sampled_from(["yellow", "green", "blue", "red", "purple"])),
        note=draw(TEXT),
        tags=tuple(draw(st.lists(TEXT.filter(bool), max_size=3))),
        created=draw(st.sampled_from([None, "2024-05-01T10:00:00+00:00"])),
        modified=draw(st.sampled_from([None, "2024-05-02T10:00:00+00:00"])),
        source=draw(st.sampled_from(["https://example.com/a", "urn:postil:article:sha256:ab"])),
        content_hash=draw(st.sampled_from([None, "ab" * 32])),
        title=draw(st.sampled_from([None, "A title"])),
    )


@given(portable())
def test_what_is_written_reads_back_unchanged(item):
    data = json.loads(json.dumps(to_json(item, annotation_id="urn:uuid:x")))
    back = from_json(data)
    expected_hash = item.content_hash
    if expected_hash is None and item.source.startswith("urn:postil:article:sha256:"):
        expected_hash = "ab"  # the urn itself names the text
    assert (back.quote, back.prefix, back.suffix, back.start, back.end) == (
        item.quote,
        item.prefix,
        item.suffix,
        item.start,
        item.end,
    )
    assert (back.status, back.color, back.note, back.tags) == (
        item.status,
        item.color,
        item.note,
        item.tags,
    )
    assert (back.created, back.modified, back.source, back.title) == (
        item.created,
        item.modified,
        item.source,
        item.title,
    )
    assert back.content_hash == expected_hash
