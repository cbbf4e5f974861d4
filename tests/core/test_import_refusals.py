"""Bad input gets a one-line ImportRefused reason, never any other exception."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest

from core.importers import dispatch
from core.importers.dispatch import import_bytes, import_clipboard, import_path
from core.importers.errors import ImportRefused

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def refusal(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    with pytest.raises(ImportRefused) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert message and "\n" not in message
    return message


def test_empty_file(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.html", "empty.md", "empty.mhtml"):
        (tmp_path / name).write_bytes(b"  \n")
        assert "empty" in refusal(import_path, tmp_path / name)


def test_binary_file_and_image_renamed_html(tmp_path: Path) -> None:
    (tmp_path / "photo.html").write_bytes(PNG)
    assert "image" in refusal(import_path, tmp_path / "photo.html")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 40)
    assert "binary" in refusal(import_path, tmp_path / "blob.txt")
    (tmp_path / "archive.html").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    assert "binary" in refusal(import_path, tmp_path / "archive.html")


def test_page_with_no_article_text() -> None:
    html = b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body>"
    assert "no article text" in refusal(import_bytes, html, name="p.html", suffix=".html")


def test_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written
    with mock.patch.object(Path, "read_bytes", side_effect=AssertionError("read")):
        assert "too large" in refusal(import_path, big)


def test_truncated_and_malformed_html_still_imports_or_refuses() -> None:
    prose = "The port authority said volumes rose for a third month in a row this winter. " * 6
    truncated = f"<html><body><article><h1>Port</h1><p>{prose}</p><p>{prose[:50]}".encode()
    article = import_bytes(truncated, name="t.html", suffix=".html")
    assert article.text.startswith("The port authority said")
    for junk in (b"<<<>>>", b"<html><body><p></html>", b"</div></div></div>", b"<!-- -->"):
        refusal(import_bytes, junk, name="j.html", suffix=".html")


def test_deeply_nested_html_is_refused_cleanly() -> None:
    html = b"<html><body>" + b"<div>" * 100_000 + b"text" + b"</div>" * 100_000
    refusal(import_bytes, html, name="deep.html", suffix=".html")


def test_malformed_mhtml() -> None:
    assert "MHTML" in refusal(
        import_bytes, b"not a mime message at all", name="x.mhtml", suffix=".mhtml"
    )
    broken = (
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
        b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\n!!!!\n--b--\n"
    )
    refusal(import_bytes, broken, name="x.mhtml", suffix=".mhtml")


def test_unexpected_parser_errors_become_refusals() -> None:
    with mock.patch("core.importers.html_page.read_meta", side_effect=KeyError("boom")):
        message = refusal(import_bytes, b"<p>Some text here.</p>", name="p.html", suffix=".html")
    assert "KeyError" in message
    with mock.patch.object(dispatch, "_import_clipboard", side_effect=ValueError("bad")):
        assert "ValueError" in refusal(import_clipboard, html="<p>x</p>", text=None)


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    assert ".xlsx" in refusal(import_path, tmp_path / "sheet.xlsx")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")  # a PDF goes to its reader, which says why
    assert "damaged" in refusal(import_path, tmp_path / "doc.pdf")
    assert "cannot read" in refusal(import_path, tmp_path / "missing.html")


def test_empty_clipboard() -> None:
    assert "no text" in refusal(import_clipboard, html="  ", text="")
