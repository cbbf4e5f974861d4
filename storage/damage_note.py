"""Damage, once found, is remembered beside the library until a check passes or a restore
replaces it: `postil list` on a damaged library must say so even when the pages it happens
to read are whole. The note is a small JSON file of ours, never the library itself."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from core.export.files import write_atomically
from storage.backup import newest_good_backup


class DamageNote(NamedTuple):
    found: str  # ISO time, local
    detail: str  # SQLite's words, one line


def note_path(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + ".damaged.json")


def record(library_path: Path, detail: str) -> None:
    """Remember damage; never fails the command that found it (the disk may be the problem)."""
    note = {"found": datetime.now().isoformat(timespec="seconds"), "detail": detail[:500]}
    with contextlib.suppress(OSError):
        write_atomically(note_path(library_path), json.dumps(note, ensure_ascii=False) + "\n")


def read(library_path: Path) -> DamageNote | None:
    try:
        data = json.loads(note_path(library_path).read_text(encoding="utf-8"))
        return DamageNote(str(data["found"]), str(data["detail"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return DamageNote("", "a damage note beside the library could not be read")


def clear(library_path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        note_path(library_path).unlink()


def restore_advice(library_path: Path) -> str:
    """How to get a good library back: the newest backup that passes its check, named."""

    backup = newest_good_backup(library_path)
    if backup is None:
        return "no good backup was found; run 'postil check' and keep a copy of the file"
    return f"restore the newest good backup with: postil restore '{backup}'"


def damaged_message(library_path: Path, detail: str) -> str:
    """The one line every command prints when it meets damage."""
    return f"the library {library_path} is damaged ({detail[:160]}); {restore_advice(library_path)}"
