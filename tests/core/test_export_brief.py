"""Grouping and writing a brief from plain records: layouts, ids, orphans, determinism."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from core.export.brief import BriefScope, Layout, SourceArticle, by_article, by_tag, orphans
from core.export.files import write_atomically
from core.export.markdown_brief import render_markdown
from tests.core.test_export_markdown import ARTICLE, brief_of, front_matter_and_body, passage

OLDER = SourceArticle(
    id=2,
    title="Earlier report",
    site=None,
    byline=None,
    published=None,
    url=None,
    captured="2023-12-31T08:00:00+00:00",
)


def sample():
    return [
        passage(1, "later in the text", start=50, tags=("ports", "supply chain")),
        passage(2, "earlier in the text", start=5, tags=("ports",)),
        passage(3, "older article", article_id=2, start=0, tags=("ports",)),
        passage(4, "no tags at all", start=70),
        passage(5, "lost text", status="orphaned", start=None, tags=("ports",)),
    ]


def test_by_article_orders_articles_by_date_and_passages_by_position():
    sections = by_article(brief_of(sample(), articles=(ARTICLE, OLDER)))
    assert [s.article.id for s in sections] == [2, 1]
    assert [p.id for p in sections[1].passages] == [2, 1, 4]


def test_by_tag_repeats_multi_tagged_passages_and_gathers_the_untagged():
    sections = by_tag(brief_of(sample(), articles=(ARTICLE, OLDER)))
    assert [(s.heading, [p.id for p in s.passages]) for s in sections] == [
        ("ports", [3, 2, 1]),
        ("supply chain", [1]),
        ("Untagged", [4]),
    ]


def test_a_tag_filter_limits_the_sections_to_the_chosen_tags():
    brief = replace(
        brief_of(sample(), articles=(ARTICLE, OLDER)), scope=BriefScope(tags=("Supply Chain",))
    )
    assert [s.heading for s in by_tag(brief)] == ["supply chain"]


def test_orphans_are_kept_apart_never_dropped():
    brief = brief_of(sample(), articles=(ARTICLE, OLDER))
    assert [[p.id for p in g.passages] for g in orphans(brief)] == [[5]]
    for layout in Layout:
        brief = brief_of(sample(), layout=layout, articles=(ARTICLE, OLDER))
        text = render_markdown(brief, "obsidian-note")
        orphan_part = text.split("## Orphaned highlights", 1)[1]
        assert "> lost text" in orphan_part and "^h5" in orphan_part
        text = render_markdown(brief)
        assert "> lost text" in text.split("## Orphaned highlights", 1)[1] and "^h" not in text
        assert text.count("> lost text") == 1


def test_block_ids_are_unique_and_stable():
    brief = brief_of(sample(), layout=Layout.TAG, articles=(ARTICLE, OLDER))
    text = render_markdown(brief, "obsidian-note")
    ids = [line for line in text.splitlines() if line.startswith("^")]
    assert ids == ["^h3", "^h2", "^h1", "^h1-2", "^h4", "^h5"]


def test_front_matter_records_title_date_filters_and_counts():
    brief = brief_of(sample(), articles=(ARTICLE, OLDER), title='Say "hi"\n---')
    front, _ = front_matter_and_body(render_markdown(brief))
    assert front.splitlines() == [
        'title: "Say \\"hi\\"\\n---"',
        'generated: "2024-05-01T00:00:00+00:00"',
        'generator: "Postil"',
        'layout: "article"',
        "filters:",
        "  articles: []",
        "  tags: []",
        "  colors: []",
        "  since: null",
        "  until: null",
        "  search: null",
        "counts:",
        "  articles: 2",
        "  passages: 5",
        "  orphaned: 1",
    ]


def test_article_details_trace_each_source():
    text = render_markdown(brief_of(sample(), articles=(ARTICLE, OLDER)))
    assert (
        "## Port traffic recovers\n\n- **Site:** Example Gazette\n- **Byline:** A\\. Writer\n"
        "- **Published:** 2024-03-01\n- **Source:** <https://example.com/port?a=1&b=2>\n"
        "- **Captured:** 2024-03-02\n"
    ) in text


def test_a_passage_shows_colour_meaning_tags_and_note():
    p = passage(
        9,
        "quoted",
        color="red",
        color_meaning="claim to verify",
        tags=("supply chain",),
        note="Check *this*.",
    )
    text = render_markdown(brief_of([p]), "obsidian-note")
    assert (
        "> quoted\n\n^h9\n\n- **Colour:** red — claim to verify\n- **Tags:** #supply-chain\n"
    ) in text
    assert "- **Note:**\n\n  Check *this*.\n" in text
    plain = render_markdown(brief_of([p]))  # the brief presets: no colour line, no block id
    assert "> quoted\n\n- **Tags:** #supply-chain\n" in plain
    assert "- **Note:**\n\n  Check *this*.\n" in plain
    assert "Colour" not in plain and "^h9" not in plain


def test_the_same_brief_renders_byte_identically():
    first = render_markdown(brief_of(sample(), layout=Layout.TAG, articles=(OLDER, ARTICLE)))
    again = render_markdown(
        brief_of(list(reversed(sample())), layout=Layout.TAG, articles=(ARTICLE, OLDER))
    )
    assert first.encode() == again.encode()


def test_an_empty_brief_says_so():
    assert "No passages match these choices." in render_markdown(brief_of([]))


def test_writing_replaces_the_file_in_one_step(tmp_path: Path):
    target = tmp_path / "brief.md"
    target.write_text("old brief")
    write_atomically(target, "new brief\n")
    assert target.read_text() == "new brief\n"
    assert os.listdir(tmp_path) == ["brief.md"]


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path: Path, monkeypatch):
    target = tmp_path / "brief.md"
    target.write_text("old brief")

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new brief\n")
    assert target.read_text() == "old brief"
    assert os.listdir(tmp_path) == ["brief.md"]
