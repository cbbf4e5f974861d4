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

import re
from pathlib import Path
from typing import Any

from core.export.files import pin_zip_times

Data = dict[str, Any]
AUTHOR = "Postil"
DOCX_TEMPLATES = ("brief-by-tag", "brief-by-article", "annotated-article")
# Word's highlight colours nearest to Postil's (w:highlight values; WD_COLOR_INDEX YELLOW,
# BRIGHT_GREEN, TURQUOISE, PINK and VIOLET).
_SHADE = {
    "yellow": "yellow",
    "green": "green",
    "blue": "cyan",
    "red": "magenta",
    "purple": "darkMagenta",
}


# Characters XML 1.0 cannot carry (a Word file with one does not open): shown as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(text: str) -> str:
    """Text as XML character data."""
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _text(text).replace('"', "&quot;")


class _Writer:
    """Writes the brief's paragraphs as WordprocessingML text, parsed once into the body.

    python-docx's paragraph API is quadratic on a long document: each add_paragraph looks
    for the body's sectPr among all its children, each style assignment finds the styles part
    among all the document's relationships, each comment scans every earlier comment for a
    free id, and each element it makes parses its namespace declarations. A brief of 5,000
    passages took 47 s that way. Here the body is written as text (the elements Word and
    python-docx write), style ids are looked up once, links and comments take their ids
    from counters, and lxml parses the lot in one go."""

    def __init__(self, document) -> None:
        self.document = document
        self._styles: dict[str, str] = {}
        self._body: list[str] = []
        self._comments: list[str] = []
        self._rels = document.part.rels
        self._link_number = len(self._rels)
        self._comment_id: int | None = None

    def style_id(self, name: str) -> str:
        if name not in self._styles:
            self._styles[name] = self.document.styles[name].style_id
        return self._styles[name]

    def paragraph(self, content: str, style: str | None = None) -> None:
        props = f'<w:pPr><w:pStyle w:val="{_attr(self.style_id(style))}"/></w:pPr>' if style else ""
        self._body.append(f"<w:p>{props}{content}</w:p>")

    @staticmethod
    def run(
        text: str, *, italic: bool = False, shade: str | None = None, link_style: bool = False
    ) -> str:
        """A run of text; a line break in the text becomes w:br and a tab w:tab, as
        python-docx's run.text does."""
        props = ""
        if italic or shade or link_style:  # children in the schema's order
            props = "<w:rPr>"
            if link_style:
                props += '<w:rStyle w:val="Hyperlink"/>'
            if italic:
                props += "<w:i/>"
            if link_style:
                props += '<w:color w:val="1F5FA8"/>'
            if shade:
                props += f'<w:highlight w:val="{shade}"/>'
            if link_style:
                props += '<w:u w:val="single"/>'
            props += "</w:rPr>"
        pieces = []
        for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
            if number:
                pieces.append("<w:br/>")
            for index, piece in enumerate(line.split("\t")):
                if index:
                    pieces.append("<w:tab/>")
                if piece:
                    pieces.append(f'<w:t xml:space="preserve">{_text(piece)}</w:t>')
        return f"<w:r>{props}{''.join(pieces)}</w:r>"

    def hyperlink(self, url: str, text: str) -> str:
        """A clickable link: an external relationship and a w:hyperlink around a run."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        self._link_number += 1
        rel = f"rIdLink{self._link_number}"
        self._rels.add_relationship(RELATIONSHIP_TYPE.HYPERLINK, url, rel, is_external=True)
        return f'<w:hyperlink r:id="{rel}">{self.run(text, link_style=True)}</w:hyperlink>'

    def commented(self, run: str, note: str) -> str:
        """`run` with a Word comment on it: the comment goes to the comments part (one
        paragraph a line of the note, as python-docx's add_comment makes them)."""
        if self._comment_id is None:
            existing = self.document.part._comments_part.element
            used = [int(x) for x in existing.xpath("./w:comment/@w:id")]
            self._comment_id = max(used, default=-1) + 1
        number = self._comment_id
        self._comment_id += 1
        paragraphs = []
        for index, line in enumerate(note.split("\n")):
            reference = (
                '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                if index == 0
                else ""
            )
            text = self.run(line) if line else ""
            paragraphs.append(
                f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{reference}{text}</w:p>'
            )
        self._comments.append(
            f'<w:comment w:id="{number}" w:author="{AUTHOR}" w:initials="P">'
            f"{''.join(paragraphs)}</w:comment>"
        )
        return (
            f'<w:commentRangeStart w:id="{number}"/>{run}<w:commentRangeEnd w:id="{number}"/>'
            f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{number}"/></w:r>'
        )

    def finish(self) -> None:
        """Parse what was written and put it into the body, before its section properties,
        and into the comments part."""
        from docx.oxml.ns import nsdecls
        from docx.oxml.parser import parse_xml

        body = self.document.element.body
        section = body.sectPr
        if section is not None:
            body.remove(section)
        written = parse_xml(f"<w:body {nsdecls('w', 'r')}>{''.join(self._body)}</w:body>")
        body.extend(list(written))
        if section is not None:
            body.append(section)
        if self._comments:
            comments = parse_xml(
                f"<w:comments {nsdecls('w')}>{''.join(self._comments)}</w:comments>"
            )
            self.document.part._comments_part.element.extend(list(comments))
        self._body, self._comments = [], []

    # -- the brief's parts -------------------------------------------------------------------

    def heading(self, text: str, level: int) -> None:
        self.paragraph(self.run(text), "Title" if level == 0 else f"Heading {level}")

    def links(self, passage: Data) -> None:
        line = self.run(passage["citation"]["short"], italic=True)
        if passage["tags"]:
            line += self.run("  " + " ".join(f"#{t}" for t in passage["tags"]))
        if passage["links"]["source"]:
            line += self.run("  ") + self.hyperlink(passage["links"]["source"], "source")
        line += self.run("  ") + self.hyperlink(passage["links"]["postil"], "in Postil")
        self.paragraph(line)

    def passage(self, passage: Data) -> None:
        quote = self.run(passage["quote"])
        if passage["note"].strip():
            quote = self.commented(quote, passage["note"].strip())
        self.paragraph(quote, "Quote")
        self.links(passage)

    def sections(self, sections: list[Data], orphans: list[Data], heading: str) -> None:
        for section in sections:
            self.heading(section["heading"], 1)
            if section.get("article"):
                self.paragraph(self.run(section["article"]["citation"]["full"], italic=True))
            for passage in section["passages"]:
                self.passage(passage)
        if orphans:
            self.heading(heading, 1)
            for group in orphans:
                self.heading(group["heading"], 2)
                for passage in group["passages"]:
                    self.passage(passage)

    def annotated(self, articles: list[Data], title: str) -> None:
        """Each article whole; its heading only when it is not the brief's own title (one
        article, titled after it, would read its name twice)."""
        for article in articles:
            if len(articles) > 1 or article["heading"] != title:
                self.heading(article["heading"], 1)
            citation = article["article"]["citation"] if article.get("article") else None
            if citation:
                self.paragraph(self.run(citation["full"], italic=True))
            notes = {n["number"]: n for n in article["notes"]}
            for paragraph in article["paragraphs"]:
                runs = []
                for segment in paragraph:
                    note = notes.get(segment["mark"]) if segment["mark"] else None
                    if note is None:
                        runs.append(self.run(segment["text"]))
                        continue
                    shade = _SHADE.get(note["colour"], "yellow")
                    run = self.run(segment["text"], shade=shade)
                    if note["note"].strip():
                        run = self.commented(run, note["note"].strip())
                    runs.append(run)
                self.paragraph("".join(runs))


def names_read(template: str) -> set[str]:
    """The parts of the brief's model (core.export.brief_data) write_docx reads for
    `template`: only those need making."""
    if template == "annotated-article":
        grouping = {"annotated"}
    elif template == "brief-by-tag":
        grouping = {"by_tag", "by_tag_orphans"}
    else:
        grouping = {"by_article", "by_article_orphans"}
    return {"brief", "articles", "headings", *grouping}


def write_docx(data: Data, template: str, path: Path | str) -> None:
    """The brief `data` (core.export.brief_data) laid out as `template` says: the annotated
    article, or passages grouped by tag or by article."""
    import docx

    document = docx.Document()
    brief = data["brief"]
    document.core_properties.title = brief["title"]
    document.core_properties.author = AUTHOR
    writer = _Writer(document)
    writer.heading(brief["title"], 0)
    counts = brief["counts"]
    writer.paragraph(
        writer.run(
            f"{counts['passages']} passage(s) from {counts['articles']} article(s) · "
            f"generated {brief['generated'][:10]}"
        )
    )
    if template == "annotated-article":
        writer.annotated(data["annotated"], brief["title"])
    elif template == "brief-by-tag":
        writer.sections(data["by_tag"], data["by_tag_orphans"], data["headings"]["orphans"])
    else:
        orphans = data["by_article_orphans"]
        writer.sections(data["by_article"], orphans, data["headings"]["orphans"])
    if data["articles"]:
        writer.heading("Sources", 1)
        for article in data["articles"]:
            line = writer.run(article["citation"]["full"] + "  ")
            line += writer.hyperlink(article["links"]["postil"], "in Postil")
            writer.paragraph(line, "List Bullet")
    writer.finish()
    document.save(str(path))
    pin_zip_times(Path(path), brief["generated"])
