"""Fuzzing the importers of zip-based documents (Word, EPUB): damage one part of a good
file, as a broken save does (random bytes the zip reader refuses at once), and check the
importer's promise: an article, or a one-line refusal."""

from __future__ import annotations

import io
import zipfile

from core.importers.dispatch import import_bytes
from core.importers.errors import ImportRefused


def mutate_member(data: bytes, name: str, edits: list[tuple[int, bytes]]) -> bytes:
    """The document with its part `name` cut and spliced at the edits' positions."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    part = bytearray(members.get(name, b""))
    for position, insert in edits:
        at = position % (len(part) + 1)
        part[at : at + len(insert)] = insert
    members[name] = bytes(part)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


def imports_or_refuses(data: bytes, suffix: str) -> None:
    """An article of the suffix's kind with a title, or a refusal in one line."""
    try:
        article = import_bytes(data, name=f"fuzz{suffix}", suffix=suffix)
    except ImportRefused as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert article.title and article.source_kind == suffix.lstrip(".")
