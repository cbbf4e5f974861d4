"""Choose the importer for a file or a clipboard payload, and enforce the limits on input."""

from __future__ import annotations

from pathlib import Path

from core.article import ImportedArticle
from core.importers.encoding import decode
from core.importers.errors import ImportRefused

MAX_INPUT_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MHTML_SUFFIXES = {".mhtml", ".mht"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
EMAIL_SUFFIXES = {".eml"}
PDF_SUFFIXES = {".pdf"}
WORD_SUFFIXES = {".docx"}
EPUB_SUFFIXES = {".epub"}
# Documents in a binary container: their importer reads the bytes, no text sniffing.
DOCUMENT_SUFFIXES = PDF_SUFFIXES | WORD_SUFFIXES | EPUB_SUFFIXES
IMPORTABLE_SUFFIXES = (
    TEXT_SUFFIXES
    | HTML_SUFFIXES
    | MHTML_SUFFIXES
    | MARKDOWN_SUFFIXES
    | EMAIL_SUFFIXES
    | DOCUMENT_SUFFIXES
)

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM", b"II*\x00", b"MM\x00*")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x7fELF", b"MZ", b"\x1f\x8b", b"SQLite format 3")


def _sniff_binary(data: bytes) -> None:
    head = data[:16]
    if any(head.startswith(m) for m in _IMAGE_MAGIC):
        raise ImportRefused("this is an image, not a web page or text")
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        raise ImportRefused("this is a binary file (archive, PDF or program), not an article")


def read_input(path: Path) -> bytes:
    """Read a file, refusing what is too large before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_INPUT_BYTES:
        raise ImportRefused(
            f"the file is too large ({size / 1048576:.0f} MB; the limit is "
            f"{MAX_INPUT_BYTES // 1048576} MB)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None


def import_path(path: Path) -> ImportedArticle:
    """Import one file. Raises ImportRefused with a one-line reason."""
    suffix = path.suffix.lower()
    if suffix not in IMPORTABLE_SUFFIXES:
        raise ImportRefused(f"Postil does not import {suffix} files")
    data = read_input(path)
    return import_bytes(data, name=path.name, suffix=suffix, folder=path.parent)


def _one_line(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def import_bytes(
    data: bytes, *, name: str, suffix: str, folder: Path | None = None
) -> ImportedArticle:
    """Import one input already in memory. Raises ImportRefused, and only that: a failure of a
    third-party parser becomes a refusal with its reason rather than a crash of the caller."""
    try:
        return _import_bytes(data, name=name, suffix=suffix.lower(), folder=folder)
    except ImportRefused:
        raise
    except RecursionError:
        raise ImportRefused("the page is nested too deeply to be read") from None
    except MemoryError:
        raise ImportRefused("the input is too large to read in memory") from None
    except Exception as exc:
        raise ImportRefused(f"the input could not be read ({_one_line(exc)})") from None


def _import_bytes(data: bytes, *, name: str, suffix: str, folder: Path | None) -> ImportedArticle:
    if not data.strip():
        raise ImportRefused("the file is empty")
    if len(data) > MAX_INPUT_BYTES:
        raise ImportRefused(f"the input is too large (limit {MAX_INPUT_BYTES // 1048576} MB)")
    if suffix in DOCUMENT_SUFFIXES:
        return _import_document(data, name=name, suffix=suffix)
    _sniff_binary(data)
    if suffix in MHTML_SUFFIXES:
        from core.importers.mhtml import import_mhtml

        return import_mhtml(data, source_name=name)
    if suffix in EMAIL_SUFFIXES:
        from core.importers.email_message import import_email

        return import_email(data, source_name=name)
    if suffix in HTML_SUFFIXES:
        from core.importers.html_page import import_html

        return import_html(decode(data, html=True), original=data, source_name=name, folder=folder)
    text = decode(data)
    if suffix in MARKDOWN_SUFFIXES:
        from core.importers.markdown_note import import_markdown

        return import_markdown(text, original=data, source_name=name, folder=folder)
    from core.importers.browser_text import import_browser_text

    return import_browser_text(text, original=data, source_name=name)


def _import_document(data: bytes, *, name: str, suffix: str) -> ImportedArticle:
    """PDF, Word and EPUB: each has its own reader of the container."""
    if suffix in PDF_SUFFIXES:
        from core.importers.pdf_document import import_pdf

        return import_pdf(data, source_name=name)
    if suffix in WORD_SUFFIXES:
        from core.importers.word_document import import_docx

        return import_docx(data, source_name=name)
    from core.importers.epub_book import import_epub

    return import_epub(data, source_name=name)


def import_clipboard(*, html: str | None, text: str | None) -> ImportedArticle:
    """Paste as new article: the clipboard's HTML when it has some, else its text."""
    try:
        return _import_clipboard(html=html, text=text)
    except ImportRefused:
        raise
    except RecursionError:
        raise ImportRefused("the pasted page is nested too deeply to be read") from None
    except Exception as exc:
        raise ImportRefused(f"the clipboard could not be read ({_one_line(exc)})") from None


def _import_clipboard(*, html: str | None, text: str | None) -> ImportedArticle:
    if html and html.strip():
        from core.importers.html_page import import_html

        try:
            return import_html(html, original=html.encode("utf-8"), source_name="clipboard")
        except ImportRefused:
            if not (text and text.strip()):
                raise
    if text and text.strip():
        from core.importers.browser_text import import_browser_text

        return import_browser_text(text, original=text.encode("utf-8"), source_name="clipboard")
    raise ImportRefused("the clipboard holds no text")
