"""A brief as a Word document (python-docx), from the same plain-data model the templates see.

Real headings (Heading 1 per article or tag), the passages in Word's "Quote" style, each
followed by its short citation and two links (the source page at the passage, and the
highlight in Postil). Notes are Word comments anchored on their passage, not footnotes:
a note is the analyst's remark on that passage, and a comment sits beside it in the margin
where the reader of the brief looks for it, is shown or hidden with Word's review tools, and
python-docx writes comments natively (footnotes would need hand-built XML). The annotated
article is the article's whole text with each highlight shaded in its colour and its note
as a comment on it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

Data = dict[str, Any]
AUTHOR = "Postil"
DOCX_TEMPLATES = ("brief-by-tag", "brief-by-article", "annotated-article")
# Word's highlight colours nearest to Postil's (WD_COLOR_INDEX names).
_SHADE = {
    "yellow": "YELLOW",
    "green": "BRIGHT_GREEN",
    "blue": "TURQUOISE",
    "red": "PINK",
    "purple": "VIOLET",
}


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A clickable link run (python-docx has no API for it: the relationship and the
    w:hyperlink element are made by hand, as Word writes them). Each link gets its own
    relationship id from a counter: python-docx's relate_to looks through every existing
    relationship first, which made a brief of thousands of links take minutes."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rels = paragraph.part.rels
    rel = f"rIdLink{len(rels) + 1}"
    rels.add_relationship(RELATIONSHIP_TYPE.HYPERLINK, url, rel, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1F5FA8")
    props.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    label = OxmlElement("w:t")
    label.text = text
    label.set(qn("xml:space"), "preserve")
    run.append(label)
    link.append(run)
    paragraph._p.append(link)


def _links(document, passage: Data) -> None:
    line = document.add_paragraph()
    line.add_run(passage["citation"]["short"]).italic = True
    if passage["tags"]:
        line.add_run("  " + " ".join(f"#{t}" for t in passage["tags"]))
    if passage["links"]["source"]:
        line.add_run("  ")
        _hyperlink(line, passage["links"]["source"], "source")
    line.add_run("  ")
    _hyperlink(line, passage["links"]["postil"], "in Postil")


def _style(document, name: str):
    """A style object, looked up once per document (by name python-docx searches the styles
    part, found among all the document's relationships, on every paragraph)."""
    styles = getattr(document, "_postil_styles", None)
    if styles is None:
        styles = document._postil_styles = {}
    if name not in styles:
        styles[name] = document.styles[name]
    return styles[name]


def _heading(document, text: str, level: int):
    return document.add_paragraph(text, style=_style(document, f"Heading {level}"))


def _comment(document, run, note: str) -> None:
    """A Word comment on `run`. The comments collection is looked up once per document:
    python-docx finds it among all the document's relationships on every call, and a brief
    has thousands (its links)."""
    comments = getattr(document, "_postil_comments", None)
    if comments is None:
        comments = document._postil_comments = document.comments
    comment = comments.add_comment(text=note, author=AUTHOR, initials="P")
    run.mark_comment_range(run, comment.comment_id)


def _passage(document, passage: Data) -> None:
    quote = document.add_paragraph(style=_style(document, "Quote"))
    run = quote.add_run(passage["quote"])
    if passage["note"].strip():
        _comment(document, run, passage["note"].strip())
    _links(document, passage)


def _sections(document, sections: list[Data], orphans: list[Data], heading: str) -> None:
    for section in sections:
        _heading(document, section["heading"], 1)
        if section.get("article"):
            document.add_paragraph(section["article"]["citation"]["full"]).italic = True
        for passage in section["passages"]:
            _passage(document, passage)
    if orphans:
        _heading(document, heading, 1)
        for group in orphans:
            _heading(document, group["heading"], 2)
            for passage in group["passages"]:
                _passage(document, passage)


def _annotated(document, articles: list[Data]) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for article in articles:
        _heading(document, article["heading"], 1)
        citation = article["article"]["citation"] if article.get("article") else None
        if citation:
            document.add_paragraph(citation["full"]).italic = True
        notes = {n["number"]: n for n in article["notes"]}
        for paragraph in article["paragraphs"]:
            block = document.add_paragraph()
            for segment in paragraph:
                run = block.add_run(segment["text"])
                note = notes.get(segment["mark"]) if segment["mark"] else None
                if note is None:
                    continue
                shade = _SHADE.get(note["colour"], "YELLOW")
                run.font.highlight_color = getattr(WD_COLOR_INDEX, shade)
                if note["note"].strip():
                    _comment(document, run, note["note"].strip())


def write_docx(data: Data, template: str, path: Path | str) -> None:
    """The brief `data` (core.export.brief_data) laid out as `template` says: the annotated
    article, or passages grouped by tag or by article."""
    import docx

    document = docx.Document()
    brief = data["brief"]
    document.core_properties.title = brief["title"]
    document.core_properties.author = AUTHOR
    document.add_heading(brief["title"], level=0)
    counts = brief["counts"]
    document.add_paragraph(
        f"{counts['passages']} passage(s) from {counts['articles']} article(s) · "
        f"generated {brief['generated'][:10]}"
    )
    if template == "annotated-article":
        _annotated(document, data["annotated"])
    elif template == "brief-by-tag":
        _sections(document, data["by_tag"], data["by_tag_orphans"], data["headings"]["orphans"])
    else:
        orphans = data["by_article_orphans"]
        _sections(document, data["by_article"], orphans, data["headings"]["orphans"])
    if data["articles"]:
        _heading(document, "Sources", 1)
        for article in data["articles"]:
            bullet = _style(document, "List Bullet")
            line = document.add_paragraph(article["citation"]["full"], style=bullet)
            line.add_run("  ")
            _hyperlink(line, article["links"]["postil"], "in Postil")
    document.save(str(path))
    _pin_times(Path(path), brief["generated"])


def _pin_times(path: Path, generated: str) -> None:
    """The same brief gives the same bytes: the zip's entry times (python-docx stamps the
    moment of writing) are set to the brief's generation time, as --generated pins it."""
    moment = (1980, 1, 1, 0, 0, 0)
    try:
        digits = [int(x) for x in generated[:19].replace("T", "-").replace(":", "-").split("-")]
        if len(digits) >= 3:
            moment = (max(1980, digits[0]), *digits[1:3], *[*digits[3:6], 0, 0, 0][:3])
    except ValueError:
        pass
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as pinned:
        for info, blob in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=moment)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            pinned.writestr(fixed, blob)
