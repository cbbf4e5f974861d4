"""The checks a zipped document (Word, EPUB) passes before its reader opens it: a zip at
all, not an encrypted Office file, and not a zip bomb. Shared by the Word and EPUB importers
so both refuse the same inputs with the same one-line reasons."""

from __future__ import annotations

import io
import zipfile
import zlib

from core.importers.errors import ImportRefused

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx (and old .doc) files
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # what the members may inflate to, all together
MAX_MEMBERS = 20_000


def open_zip(data: bytes, *, kind: str) -> zipfile.ZipFile:
    """The document's zip, refused with a reason when it is not one or would inflate past
    MAX_UNPACKED_BYTES (a 64 MB file of zeros can claim terabytes)."""
    if data.startswith(OLE_MAGIC):
        hint = "; save it unprotected as .docx and import that" if "Word" in kind else ""
        raise ImportRefused(
            f"this {kind} is password-protected (encrypted) or in an old binary format{hint}"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportRefused(f"this {kind} is damaged (not a readable zip container)") from None
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(f"this {kind} holds too many parts ({len(members)}) to be read")
    if sum(max(0, m.file_size) for m in members) > MAX_UNPACKED_BYTES:
        raise ImportRefused(f"this {kind} unpacks to more than 512 MB: too large to read")
    if any(m.flag_bits & 0x1 for m in members):
        raise ImportRefused(f"this {kind} is encrypted; Postil cannot read it")
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """One member's bytes, None when absent or unreadable (a damaged entry)."""
    try:
        return archive.read(name)
    except (
        KeyError,
        zipfile.BadZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
        zlib.error,
    ):
        return None
