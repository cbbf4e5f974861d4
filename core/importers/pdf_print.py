"""A web page a browser printed to PDF: its print header and footer read and taken away.

Chromium's "Save as PDF" (and Firefox's, much the same) puts on every page, in small type in
the margins, a header with the print date (left) and the page's title (centre), and a footer
with the page's address (left) and "page/pages" (right). Those lines are metadata: the
address is the article's source (a later capture of the same page becomes a version of it),
the title a candidate for the headline. The print date is when the page was printed, not
when the article was published, so it is only used to recognise the header.

A PDF is taken as browser-printed when most of its pages carry such a footer: its page
number counting up to the page count, beside an address or under a header with a date (a
report's own "Page 3 of 9" has neither).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from core.importers.dates import find_date
from core.importers.pdf_pages import PdfPage, TextLine

BAND = 0.07  # share of the page's height where the print header and footer sit
PRINTED_SHARE = 0.6  # pages that must carry the footer for the PDF to be browser-printed
# "3/7" on its own, or after the address when a long one runs up to it ("https://…… 3/7")
_PAGE_OF = re.compile(
    r"(?:^|\s)(?:page\s+)?(?P<n>\d{1,4})\s*(?:/|of)\s*(?P<of>\d{1,4})$", re.IGNORECASE
)
_ELLIPSIS = ("…", "...")
_ADDRESS = re.compile(r"^(?:https?|file|ftp)://\S+$|^about:\S+$|^www\.\S+$", re.IGNORECASE)


@dataclass(slots=True)
class PrintBands:
    """What the print header and footer said."""

    url: str | None
    title: str
    printed: str  # the header's date line, as printed


def _same_row(a: TextLine, b: TextLine) -> bool:
    return abs(a.bottom - b.bottom) < 2.0


def _footer(page: PdfPage, count: int) -> list[TextLine] | None:
    """The footer row: a page number "n/N" for this page, and what sits on its baseline."""
    for line in page.lines:
        if line.top < (1 - BAND) * page.height:
            continue
        match = _PAGE_OF.search(line.text)
        if match and int(match["n"]) == page.number + 1 and int(match["of"]) == count:
            return [x for x in page.lines if _same_row(x, line)]
    return None


def _header(page: PdfPage) -> list[TextLine]:
    """The header row: the topmost row in the band, if it holds a date."""
    top = [x for x in page.lines if x.bottom <= BAND * page.height]
    if not top:
        return []
    first = min(top, key=lambda x: x.top)
    row = [x for x in top if _same_row(x, first)]
    return row if any(find_date(x.text) for x in row) else []


def complete_address(address: str, links: list[str]) -> str | None:
    """A long address the footer cut short ("https://example.com/news/a-long-sl…") made
    whole from the links the page itself holds (its own link, a share button's address);
    None when no link completes it."""
    stem = address
    for mark in _ELLIPSIS:
        stem = stem.removesuffix(mark)
    if stem == address:
        return address
    found: list[str] = []
    for link in links:
        for text in (link, unquote(link)):
            at = text.find(stem)
            if at < 0 or (at and text[at - 1] not in "=&?/"):
                continue
            whole = re.split(r"[\s&\"'<>]", text[at:], maxsplit=1)[0]
            if len(whole) > len(stem):
                found.append(whole)
            break
    if not found:
        return None
    return max(set(found), key=lambda u: (found.count(u), -len(u)))


def _holds_address(footer: list[TextLine]) -> bool:
    return any(_ADDRESS.match(_PAGE_OF.sub("", x.text).strip()) for x in footer)


def read_bands(pages: list[PdfPage], links: list[str] | None = None) -> PrintBands | None:
    """The print header and footer of a browser-printed PDF, removed from its pages' lines;
    None (and nothing removed) when the PDF is not one."""
    count = len(pages)
    footers = [_footer(page, count) for page in pages]
    printed = [
        f is not None and (_holds_address(f) or bool(_header(page)))
        for page, f in zip(pages, footers, strict=True)
    ]
    if sum(printed) < max(1, PRINTED_SHARE * count):
        return None  # no footer, or a report's own "Page 3 of 9" without address or date
    addresses: list[str] = []
    titles: list[str] = []
    dates: list[str] = []
    for page, footer in zip(pages, footers, strict=True):
        header = _header(page)
        band = set(map(id, (footer or []) + header))
        for line in footer or []:
            text = _PAGE_OF.sub("", line.text).strip()
            if _ADDRESS.match(text):
                addresses.append(text)
        header_sorted = sorted(header, key=lambda x: x.x0)
        for line in header_sorted:
            if find_date(line.text) and not dates:
                dates.append(line.text)
            elif not find_date(line.text) or line is not header_sorted[0]:
                titles.append(line.text)
        page.lines = [x for x in page.lines if id(x) not in band]
    url = max(set(addresses), key=addresses.count) if addresses else None
    if url is not None:
        url = complete_address(url, links or [])
    title = max(set(titles), key=titles.count) if titles else ""
    return PrintBands(url=url, title=title, printed=dates[0] if dates else "")
