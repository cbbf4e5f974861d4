"""Backups of the library: SQLite's online backup API, a rotation beside the library, restore.

Months of an analyst's work live in one file. A copy taken with sqlite3.Connection.backup is
consistent even while the library is open (it reads through SQLite, WAL included); a copy is
written under a temporary name, checked, and only then renamed into place, so a crash or a
full disk never leaves a half-written backup that looks good. Restoring never discards the
current library: it is kept beside the backup first.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from core.export.files import fsync_folder
from storage import library_files
from storage.errors import LibraryDamaged, LibraryError, is_damage
from storage.integrity import check_connection, quick_check
from storage.migrations import APPLICATION_ID, LATEST_VERSION

KEEP_DAYS = 7
KEEP_WEEKS = 4
_STAMP = "%Y%m%dT%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6})-(?P<kind>daily|manual)\.postil$")

Progress = Callable[[int, int], None]  # (pages remaining, total pages)


class BackupError(LibraryError):
    """A backup could not be made or is not fit to restore from; the library is unchanged."""


class LibraryInUse(BackupError):
    """The library file is open in another process (a window): it must not be replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is open in Postil (a window or another command); close it and try again, "
            "nothing was changed"
        )


class BackupInfo(NamedTuple):  # a named tuple: cheap to define before the first frame
    path: Path
    taken: datetime  # local time, to the second
    kind: str  # "daily" (start-up, rotated) or "manual" (Backup now; never pruned)


def backups_dir(library_path: Path) -> Path:
    """<library>.backups/ beside the library: found by whoever finds the library."""
    return library_path.with_name(library_path.name + ".backups")


def list_backups(library_path: Path) -> list[BackupInfo]:
    """Every backup of this library, newest first."""
    folder = backups_dir(library_path)
    found: list[BackupInfo] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if match and entry.is_file():
                taken = datetime.strptime(match["stamp"], _STAMP)
                found.append(BackupInfo(entry, taken, match["kind"]))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def write_backup(
    source: sqlite3.Connection,
    dest: Path,
    *,
    progress: Progress | None = None,
    check_source: bool = True,
    verify: bool = True,
) -> Path:
    """Copy the open library into dest (a self-contained file, no WAL), checked, atomically.
    A damaged source is refused before anything is copied: a damaged copy must never take a
    place in the rotation that a good backup had (check_source=False: the caller checked)."""
    if check_source:
        try:
            verdict = check_connection(source)
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
        if verdict != "ok":
            raise LibraryDamaged(verdict)
    partial = dest.with_name(dest.name + ".partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        library_files.remove_with_sidecars(partial)
        target = library_files.connect(partial)
        try:
            source.backup(target, pages=-1, progress=_adapt(progress))  # one step: no restarts
            # DELETE mode, synchronous FULL (the default there): the copy's last commit is
            # synced to disk by SQLite before the rename below makes it visible.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        verdict = quick_check(partial) if verify else "ok"
        if verdict != "ok":
            raise BackupError(f"the backup copy failed its check ({verdict}); nothing replaced")
        os.replace(partial, dest)
        fsync_folder(dest.parent)
    except BackupError:
        library_files.remove_with_sidecars(partial)
        raise
    except sqlite3.DatabaseError as exc:
        library_files.remove_with_sidecars(partial)
        if is_damage(exc):
            raise LibraryDamaged(str(exc)) from None
        raise BackupError(f"the backup could not be written to {dest.parent}: {exc}") from None
    except (OSError, sqlite3.Error) as exc:
        library_files.remove_with_sidecars(partial)
        reason = getattr(exc, "strerror", None) or exc
        raise BackupError(f"the backup could not be written to {dest.parent}: {reason}") from None
    return dest


def _adapt(progress: Progress | None):
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(remaining, total)


def _backup_path(library_path: Path, kind: str, now: datetime) -> Path:
    folder = backups_dir(library_path)
    stem = library_path.stem or "library"
    moment = now.replace(microsecond=0)
    while True:  # two backups in one second: never overwrite the first
        path = folder / f"{stem}-{moment.strftime(_STAMP)}-{kind}.postil"
        if not path.exists():
            return path
        moment += timedelta(seconds=1)


def backup_now(
    source: sqlite3.Connection,
    library_path: Path,
    *,
    kind: str = "manual",
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """A backup into the library's backups folder; manual backups are never pruned."""
    now = now or datetime.now()
    return write_backup(source, _backup_path(library_path, kind, now), progress=progress)


def backup_if_due(
    source: sqlite3.Connection, library_path: Path, *, now: datetime | None = None
) -> Path | None:
    """At start-up: one daily backup per calendar day, then the rotation. The source must have
    passed its check first (a damaged library must not push good backups out of rotation)."""
    now = now or datetime.now()
    if any(b.kind == "daily" and b.taken.date() == now.date() for b in list_backups(library_path)):
        return None
    made = backup_now(source, library_path, kind="daily", now=now)
    prune(library_path)
    return made


def prune(
    library_path: Path, *, keep_days: int = KEEP_DAYS, keep_weeks: int = KEEP_WEEKS
) -> list[Path]:
    """Keep the newest daily backup of each of the last keep_days days that have one, and of each
    of the last keep_weeks ISO weeks that have one; delete the other daily backups. Counting
    days that have backups (not calendar days) means a library left alone for months still
    keeps its history."""
    daily = [b for b in list_backups(library_path) if b.kind == "daily"]  # newest first
    keep: set[Path] = set()
    days: dict[object, Path] = {}
    weeks: dict[object, Path] = {}
    for b in daily:
        days.setdefault(b.taken.date(), b.path)
        weeks.setdefault(b.taken.isocalendar()[:2], b.path)
    keep.update(list(days.values())[:keep_days])
    keep.update(list(weeks.values())[:keep_weeks])
    removed = []
    for b in daily:
        if b.path not in keep:
            library_files.remove_with_sidecars(b.path)
            removed.append(b.path)
    return removed


def validate_backup(path: Path) -> None:
    """Raise BackupError unless path is a Postil library this version reads, passing its check."""
    state = library_files.inspect(path)
    if state.kind in ("absent", "unreadable"):
        raise BackupError(f"cannot read {path}: {state.detail or 'no such file'}")
    if state.kind in ("folder", "empty", "not_sqlite"):
        raise BackupError(f"{path} is not a Postil backup (not an SQLite file)")
    if state.kind == "damaged":
        raise BackupError(f"{path} is damaged ({state.detail})")
    if state.application_id != APPLICATION_ID:
        raise BackupError(f"{path} is not a Postil library backup")
    if state.user_version > LATEST_VERSION:
        raise BackupError(f"{path} was written by a newer Postil; please update Postil")
    try:
        verdict = quick_check(path)
    except sqlite3.Error as exc:
        raise BackupError(f"{path} is damaged ({exc})") from None
    if verdict != "ok":
        raise BackupError(f"{path} is damaged ({verdict[:200]})")


def newest_good_backup(library_path: Path) -> Path | None:
    """The newest backup that passes validate_backup, or None."""
    for b in list_backups(library_path):
        try:
            validate_backup(b.path)
        except BackupError:
            continue
        return b.path
    return None


def _aside_name(library_path: Path, label: str, now: datetime) -> Path:
    base = library_path.with_name(f"{library_path.name}.{label}-{now.strftime(_STAMP)}")
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    return path


def set_aside(library_path: Path, *, label: str = "damaged", now: datetime | None = None) -> Path:
    """Rename the library file (and its -wal/-shm, which belong to it) out of the way, intact.
    A stale -wal left beside a restored file would be replayed into it; hence they move too."""
    if library_files.in_use(library_path):
        raise LibraryInUse(library_path)
    aside = _aside_name(library_path, label, now or datetime.now())
    os.replace(library_path, aside)
    for suffix in library_files.SIDECARS:
        sidecar = library_path.with_name(library_path.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, aside.with_name(aside.name + suffix))
    fsync_folder(library_path.parent)
    return aside


def replace_damaged(library_path: Path, backup: Path, *, now: datetime | None = None) -> Path:
    """Recovery when the library cannot be opened: the damaged file is renamed aside (kept,
    never overwritten), the backup is copied into its place. Returns where the damaged file
    went. If anything fails, the damaged file is put back where it was."""
    validate_backup(backup)
    if library_files.in_use(library_path):
        raise LibraryInUse(library_path)
    staged = library_path.with_name(library_path.name + ".restoring")
    library_files.remove_with_sidecars(staged)
    try:
        source = library_files.connect(backup, read_only=True, create=False)
        try:
            write_backup(source, staged)
        finally:
            source.close()
        aside = set_aside(library_path, now=now) if library_path.exists() else None
        try:
            os.replace(staged, library_path)
        except OSError:
            if aside is not None:
                os.replace(aside, library_path)
            raise
        fsync_folder(library_path.parent)
    except OSError as exc:
        library_files.remove_with_sidecars(staged)
        raise BackupError(f"could not restore into {library_path}: {exc.strerror or exc}") from None
    return aside if aside is not None else library_path


def restore_into(
    conn: sqlite3.Connection, library_path: Path, backup: Path, *, now: datetime | None = None
) -> Path:
    """Restore a backup into the open library (through SQLite, so other connections and the
    WAL stay coherent). The current contents are first saved beside the library as
    <library>.before-restore-<time>; returns that path."""
    validate_backup(backup)
    keep = _aside_name(library_path, "before-restore", now or datetime.now())
    # The library as it was is kept aside whatever its state: damaged pages included.
    write_backup(conn, keep, check_source=False, verify=False)
    try:
        source = library_files.connect(backup, read_only=True, create=False)
        try:
            source.backup(conn)
        finally:
            source.close()
        # Other processes see the restored pages like any commit; this mark tells a window
        # that the whole library changed under it (its undo history no longer applies).
        stamp = (now or datetime.now()).isoformat(timespec="seconds")
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('restored', ?)", [stamp])
    except sqlite3.Error as exc:
        raise BackupError(
            f"the restore failed ({exc}); the library as it was is kept at {keep}"
        ) from None
    return keep
