"""Gathering a brief from a library: every scope, the errors, and a byte-identical re-export."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.export.brief import BriefScope, Layout
from core.export.markdown_brief import render_markdown
from storage.annotations import NewAnnotation
from storage.brief_source import gather, load_brief
from storage.errors import LibraryError, NotFound
from tests.conftest import make_article

PINNED = "2024-05-01T12:00:00+00:00"


def highlight(library, article_id, quote, *, color="yellow", tags=(), note=""):
    """A highlight made the way the reader makes one, without needing core.anchoring."""
    text = library.articles.get(article_id).text
    start = text.index(quote)
    end = start + len(quote)
    return library.annotations.add(
        article_id,
        NewAnnotation(
            quote=quote,
            prefix=text[max(0, start - 32) : start],
            suffix=text[end : end + 32],
            start=start,
            end=end,
            color=color,
            note=note,
            tags=tuple(tags),
        ),
    )


@pytest.fixture
def stocked(library):
    """Two articles, five highlights, one orphan: ids in a dict by a short name."""
    port = library.articles.add(
        make_article(url="https://example.com/port", published=datetime(2024, 3, 1))
    ).article_id
    grain = library.articles.add(
        make_article(
            "Grain prices climb",
            ["Wheat futures rose sharply on drought fears.", "Millers expect higher bread costs."],
            site="Farm Weekly",
            published=datetime(2024, 1, 15),
        )
    ).article_id
    ids = {
        "port": port,
        "grain": grain,
        "month": highlight(
            library, port, "third consecutive month", color="red", tags=["ports", "trend"]
        ),
        "backlog": highlight(library, port, "backlog of building materials", note="Why?"),
        "wheat": highlight(library, grain, "Wheat futures rose", color="green", tags=["food"]),
        "bread": highlight(library, grain, "higher bread costs", tags=["food", "ports"]),
        "lost": highlight(library, grain, "Millers expect", tags=["food"]),
    }
    library.annotations.set_anchor(
        ids["lost"],
        version=1,
        status="orphaned",
        start=None,
        end=None,
        quote="Millers expected",
        prefix="",
        suffix="",
    )
    library.colors.set_meaning("red", "claim to verify")
    return ids


def passage_ids(library, scope):
    return sorted(p.id for p in gather(library, scope)[1])


def test_everything_gathers_every_passage_and_the_articles_they_cite(library, stocked):
    articles, passages = gather(library, BriefScope())
    assert len(passages) == 5
    assert [a.id for a in articles] == sorted([stocked["port"], stocked["grain"]])
    month = next(p for p in passages if p.id == stocked["month"])
    assert (month.color, month.color_meaning, month.tags) == (
        "red",
        "claim to verify",
        ("ports", "trend"),
    )


def test_scopes_narrow_the_passages(library, stocked):
    s = stocked
    assert passage_ids(library, BriefScope(article_ids=(s["port"],))) == [s["month"], s["backlog"]]
    assert passage_ids(library, BriefScope(tags=("ports",))) == [s["month"], s["bread"]]
    assert passage_ids(library, BriefScope(tags=("trend", "food"))) == sorted(
        [s["month"], s["wheat"], s["bread"], s["lost"]]
    )
    assert passage_ids(library, BriefScope(colors=("red", "green"))) == [s["month"], s["wheat"]]
    assert passage_ids(library, BriefScope(tags=("food",), colors=("yellow",))) == [
        s["bread"],
        s["lost"],
    ]


def test_dates_bound_the_article_s_date(library, stocked):
    s = stocked
    grain = [s["wheat"], s["bread"], s["lost"]]
    assert passage_ids(library, BriefScope(until=date(2024, 1, 31))) == grain
    assert passage_ids(library, BriefScope(since=date(2024, 3, 1))) == [s["month"], s["backlog"]]
    assert passage_ids(library, BriefScope(since=date(2024, 1, 15), until=date(2024, 1, 15))) == (
        grain
    )


def test_search_matches_passages_notes_and_articles(library, stocked):
    s = stocked
    assert passage_ids(library, BriefScope(search="backlog")) == [s["month"], s["backlog"]]
    assert passage_ids(library, BriefScope(search="drought")) == [s["wheat"], s["bread"], s["lost"]]
    assert passage_ids(library, BriefScope(search="why")) == [s["backlog"]]


def test_a_scope_naming_nothing_is_refused(library, stocked):
    with pytest.raises(NotFound, match="no article 999"):
        gather(library, BriefScope(article_ids=(999,)))
    with pytest.raises(NotFound, match="no tag 'nope'"):
        gather(library, BriefScope(tags=("nope",)))
    with pytest.raises(LibraryError, match="unknown colour 'teal'"):
        gather(library, BriefScope(colors=("teal",)))
    with pytest.raises(ValueError, match="ends before it starts"):
        gather(library, BriefScope(since=date(2024, 2, 1), until=date(2024, 1, 1)))


def test_the_brief_cites_every_article_and_keeps_the_orphan(library, stocked):
    text = render_markdown(load_brief(library, BriefScope(), layout=Layout.TAG, generated=PINNED))
    assert "## Sources" in text and "### Grain prices climb" in text
    assert "- **Source:** <https://example.com/port>" in text
    orphaned = text.split("## Orphaned highlights", 1)[1]
    assert "> Millers expected" in orphaned
    assert f"postil://article/{stocked['grain']}/highlight/{stocked['lost']}" in orphaned
    obsidian = render_markdown(
        load_brief(library, BriefScope(), layout=Layout.TAG, generated=PINNED), "obsidian-note"
    )
    assert f"^h{stocked['lost']}" in obsidian.split("## Orphaned highlights", 1)[1]


def test_a_title_is_chosen_when_none_is_given(library, stocked):
    one = load_brief(library, BriefScope(article_ids=(stocked["port"],)))
    assert one.title == "Brief: Port traffic recovers"
    assert load_brief(library, BriefScope(tags=("food",))).title == "Brief: food"
    assert load_brief(library, BriefScope(), title="  Weekly  ").title == "Weekly"


def test_exporting_again_gives_the_same_bytes(library, stocked):
    for layout in Layout:
        first = render_markdown(load_brief(library, BriefScope(), layout=layout, generated=PINNED))
        again = render_markdown(load_brief(library, BriefScope(), layout=layout, generated=PINNED))
        assert first.encode() == again.encode()
    # ...and a later, unrelated highlight does not renumber the ones already exported.
    before = render_markdown(load_brief(library, BriefScope(tags=("ports",)), generated=PINNED))
    highlight(library, stocked["grain"], "drought fears", tags=["weather"])
    after = render_markdown(load_brief(library, BriefScope(tags=("ports",)), generated=PINNED))
    assert before == after


def test_a_default_title_names_its_prefix_once_so_a_caller_can_drop_it(library, stocked):
    """The Export dialog drops "Brief: " for the annotated article, whose own heading would
    repeat the title right under it."""
    from storage.brief_source import TITLE_PREFIX, default_title

    for scope in (BriefScope(article_ids=(stocked["port"],)), BriefScope(tags=("food",))):
        assert default_title(library, scope).startswith(TITLE_PREFIX)
    assert (
        default_title(library, BriefScope(article_ids=(stocked["port"],))).removeprefix(
            TITLE_PREFIX
        )
        == "Port traffic recovers"
    )
