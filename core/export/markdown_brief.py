"""The brief as Markdown, the way `postil export` writes it by default: the "Brief by
article" or "Brief by tag" preset (core/export/templates/), chosen by the brief's layout.

Kept as a function of its own because the benchmark, the storage tests and older callers
ask for "the Markdown brief" without naming a template. The Obsidian note preset is the one
that adds ^h block ids and colours. Given the same Brief the output is byte-identical; only
Brief.generated changes between runs.
"""

from __future__ import annotations

from core.export.brief import Brief, Layout
from core.export.templates import find_template, render

BY_LAYOUT = {Layout.ARTICLE: "brief-by-article", Layout.TAG: "brief-by-tag"}
OBSIDIAN = "obsidian-note"


def default_template_name(layout: Layout, fmt: str = "md") -> str:
    """The preset a brief gets when none is named: the table for CSV, else by layout."""
    if fmt == "csv":
        return "highlights-table"
    return BY_LAYOUT[Layout(layout)]


def render_markdown(brief: Brief, template: str | None = None) -> str:
    """The whole brief through a Markdown preset (by layout unless named); ends with one
    newline."""
    name = template or default_template_name(brief.layout)
    return render(brief, find_template(name, "md"))
