"""Writing an export so that a crash never leaves half a file where a whole one was."""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path | str, text: str) -> None:
    """Write text (UTF-8, newlines as given) so that readers see the old file or the new one,
    never a mix: to a temporary file in the same folder, fsynced, then renamed over path."""

    def write(temp: Path) -> None:
        with open(temp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    write_file_atomically(path, write)


def write_file_atomically(path: Path | str, write: Callable[[Path], None]) -> None:
    """Let `write` make the file under a temporary name beside `path`, then rename it over
    `path`: a binary format (a PDF, a DOCX) is there whole or not at all, like a text one."""
    path = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(temp_name))
        os.chmod(temp_name, _mode_for(path))
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new one gets the usual rw-r--r--, not mkstemp's
    owner-only mode."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def pin_zip_times(path: Path, generated: str) -> None:
    """The same brief gives the same bytes: a zip-based document's entry times (python-docx
    and Qt's ODF writer stamp the moment of writing) are set to the brief's generation
    time, as --generated pins it."""
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
            fixed.compress_type = info.compress_type  # ODF's mimetype stays stored, first
            fixed.external_attr = info.external_attr
            pinned.writestr(fixed, blob)
