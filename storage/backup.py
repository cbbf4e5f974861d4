"""Backups of the library: SQLite's online backup API, compressed, a rotation beside the
library that stays within a size budget, restore.

Months of an analyst's work live in one file. A copy taken with sqlite3.Connection.backup is
consistent even while the library is open (it reads through SQLite, WAL included); a copy is
written under a temporary name, checked, and only then renamed into place, so a crash or a
full disk never leaves a half-written backup that looks good. Restoring never discards the
current library: it is kept beside the backup first.

Backups in the rotation are compressed (<name>.postil.zst): the checked copy is packed into
one zstd frame that records its size and ends in a checksum of its content; the packed file
is unpacked again and compared before it takes its name. A backup is restored from an
unpacked temporary copy that must pass the same checks as a plain backup (integrity,
application_id, user_version) before anything is replaced. Plain .postil backups (older
ones, or `postil backup --to FILE`) are restored as they always were.

The rotation keeps what matters first (the newest, the oldest still in reach, one a week,
one a month, then more days) and only as many as fit in BUDGET_FACTOR times the library's
size; see prune() and docs/storage-size.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
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
KEEP_MONTHS = 3
BUDGET_FACTOR = 2.5  # the rotated backups together stay within this times the library's size
PACKED_SUFFIX = ".zst"
PACK_LEVEL = 3  # a library packs to 0.36x at 3 (1: 0.43x, 5: 0.34x at twice the time of 3)
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_CHUNK = 1024 * 1024
_STAMP = "%Y%m%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6})-(?P<kind>daily|manual)\.postil(?P<packed>\.zst)?$"
)

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
    """Copy the open library into dest (a self-contained file, no WAL), checked, atomically;
    packed when dest ends in .zst. A damaged source is refused before anything is copied: a
    damaged copy must never take a place in the rotation that a good backup had
    (check_source=False: the caller checked)."""
    if check_source:
        try:
            verdict = check_connection(source)
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
        if verdict != "ok":
            raise LibraryDamaged(verdict)
    partial = dest.with_name(dest.name + ".partial")
    packed = dest.name.endswith(PACKED_SUFFIX)
    plain = dest.with_name(dest.name + ".plain-partial") if packed else partial
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        library_files.remove_with_sidecars(partial)
        library_files.remove_with_sidecars(plain)
        target = library_files.connect(plain)
        try:
            source.backup(target, pages=-1, progress=_adapt(progress))  # one step: no restarts
            # DELETE mode, synchronous FULL (the default there): the copy's last commit is
            # synced to disk by SQLite before the rename below makes it visible.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        verdict = quick_check(plain) if verify else "ok"
        if verdict != "ok":
            raise BackupError(f"the backup copy failed its check ({verdict}); nothing replaced")
        if packed:
            _pack_file(plain, partial)
            library_files.remove_with_sidecars(plain)
        os.replace(partial, dest)
        fsync_folder(dest.parent)
    except BackupError:
        library_files.remove_with_sidecars(partial)
        library_files.remove_with_sidecars(plain)
        raise
    except sqlite3.DatabaseError as exc:
        library_files.remove_with_sidecars(partial)
        library_files.remove_with_sidecars(plain)
        if is_damage(exc):
            raise LibraryDamaged(str(exc)) from None
        raise BackupError(f"the backup could not be written to {dest.parent}: {exc}") from None
    except (OSError, sqlite3.Error) as exc:
        library_files.remove_with_sidecars(partial)
        library_files.remove_with_sidecars(plain)
        reason = getattr(exc, "strerror", None) or exc
        raise BackupError(f"the backup could not be written to {dest.parent}: {reason}") from None
    return dest


# -- packed backups: plain files of our own (never a library SQLite has open), read by hand --


class _Hashing:
    """A file read through, hashed on the way (what was packed is what must unpack)."""

    def __init__(self, raw, digest) -> None:
        self._raw = raw
        self._digest = digest

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        self._digest.update(chunk)
        return chunk


def _pack_file(plain: Path, packed: Path) -> None:
    """Pack a checked plain copy into one zstd frame (its size and a content checksum in
    it), synced, then unpack it again: the packed file must give back the same bytes."""
    import zstandard

    digest = hashlib.sha256()
    with open(plain, "rb") as src, open(packed, "wb") as dst:
        packer = zstandard.ZstdCompressor(level=PACK_LEVEL, write_checksum=True)
        packer.copy_stream(_Hashing(src, digest), dst, size=plain.stat().st_size)
        dst.flush()
        os.fsync(dst.fileno())
    if _unpack_file(packed, None) != digest.hexdigest():
        raise BackupError("the packed backup does not unpack to the copy; nothing replaced")


def _unpack_file(packed: Path, dest: Path | None) -> str:
    """Unpack a packed backup into dest (or only read it through, dest None), checking its
    checksum and its size; returns the sha256 of what it holds."""
    import zstandard

    digest = hashlib.sha256()
    written = 0
    try:
        with open(packed, "rb") as src:
            expected = zstandard.get_frame_parameters(src.read(18)).content_size
            src.seek(0)
            unpacker = zstandard.ZstdDecompressor().decompressobj(read_across_frames=False)
            with open(dest, "wb") if dest is not None else contextlib.nullcontext() as out:
                while piece := src.read(_CHUNK):
                    chunk = unpacker.decompress(piece)
                    digest.update(chunk)
                    written += len(chunk)
                    if out is not None:
                        out.write(chunk)
                if out is not None:
                    out.flush()
                    os.fsync(out.fileno())
            whole = unpacker.eof and not unpacker.unused_data
    except zstandard.ZstdError as exc:
        raise BackupError(f"{packed} is damaged ({exc})") from None
    except OSError as exc:
        raise BackupError(f"cannot read {packed}: {exc.strerror or exc}") from None
    sized = expected != zstandard.CONTENTSIZE_UNKNOWN  # ours always say; zstd's pipes may not
    if not whole or (sized and written != expected):  # the frame must be whole
        of = f" of {expected}" if sized else ""
        raise BackupError(f"{packed} is damaged (it ends early, after {written}{of} bytes)")
    return digest.hexdigest()


def is_packed(path: Path) -> bool:
    """A packed backup: named .zst, or (renamed) starting with zstd's magic. The first bytes
    are read by hand only from a file this process holds no connection to."""
    if path.name.endswith(PACKED_SUFFIX):
        return True
    if library_files.open_here(path):
        return False
    try:
        with open(path, "rb") as head:
            return head.read(4) == _ZSTD_MAGIC
    except OSError:
        return False


@contextlib.contextmanager
def unpacked(backup: Path) -> Iterator[Path]:
    """A plain SQLite file to check or restore a backup from: the backup itself when it is
    plain, else an unpacked temporary copy (beside it when that folder is writable), deleted
    afterwards. Raises BackupError if a packed backup does not unpack whole."""
    if not is_packed(backup):
        yield backup
        return
    try:
        folder = Path(tempfile.mkdtemp(prefix=".postil-unpacking-", dir=backup.parent))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="postil-unpacking-"))
    try:
        plain = folder / backup.name.removesuffix(PACKED_SUFFIX)
        _unpack_file(backup, plain)
        yield plain
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _adapt(progress: Progress | None):
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(remaining, total)


def _backup_path(library_path: Path, kind: str, now: datetime, *, packed: bool = True) -> Path:
    folder = backups_dir(library_path)
    stem = library_path.stem or "library"
    moment = now.replace(microsecond=0)
    suffix = ".postil" + (PACKED_SUFFIX if packed else "")
    while True:  # two backups in one second: never overwrite the first
        name = f"{stem}-{moment.strftime(_STAMP)}-{kind}"
        if not any((folder / f"{name}{s}").exists() for s in (".postil", ".postil.zst")):
            return folder / f"{name}{suffix}"
        moment += timedelta(seconds=1)


def backup_now(
    source: sqlite3.Connection,
    library_path: Path,
    *,
    kind: str = "manual",
    now: datetime | None = None,
    progress: Progress | None = None,
    packed: bool = True,
) -> Path:
    """A backup into the library's backups folder (packed unless asked not to); manual
    backups are never pruned."""
    now = now or datetime.now()
    dest = _backup_path(library_path, kind, now, packed=packed)
    return write_backup(source, dest, progress=progress)


def library_size(conn: sqlite3.Connection) -> int:
    """The library's size in bytes, as SQLite counts it (WAL included, nothing read by hand)."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return pages * conn.execute("PRAGMA page_size").fetchone()[0]


def backup_if_due(
    source: sqlite3.Connection, library_path: Path, *, now: datetime | None = None
) -> Path | None:
    """At start-up: one daily backup per calendar day, then the rotation within the budget
    (BUDGET_FACTOR times the library's size). The source must have passed its check first
    (a damaged library must not push good backups out of rotation)."""
    now = now or datetime.now()
    if any(b.kind == "daily" and b.taken.date() == now.date() for b in list_backups(library_path)):
        return None
    made = backup_now(source, library_path, kind="daily", now=now)
    prune(library_path, budget=int(BUDGET_FACTOR * library_size(source)))
    return made


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def prune(
    library_path: Path,
    *,
    keep_days: int = KEEP_DAYS,
    keep_weeks: int = KEEP_WEEKS,
    keep_months: int = KEEP_MONTHS,
    budget: int | None = None,
) -> list[Path]:
    """Decide which daily backups stay; delete the others. Manual backups are the analyst's
    and never touched.

    Candidates: the newest daily backup of each of the last keep_days days that have one,
    of each of the last keep_weeks ISO weeks and of each of the last keep_months months.
    Counting days that have backups (not calendar days) means a library left alone for
    months still keeps its history. With a budget (bytes), candidates are kept in the order
    of what matters, as long as they fit: the newest (always), the oldest (the furthest
    back a mistake noticed late can be undone), then one a week and one a month, newest
    first, then the other days, newest first."""
    daily = [b for b in list_backups(library_path) if b.kind == "daily"]  # newest first
    if not daily:
        return []
    days: dict[object, BackupInfo] = {}
    weeks: dict[object, BackupInfo] = {}
    months: dict[object, BackupInfo] = {}
    for b in daily:
        days.setdefault(b.taken.date(), b)
        weeks.setdefault(b.taken.isocalendar()[:2], b)
        months.setdefault((b.taken.year, b.taken.month), b)
    chosen = {
        *list(days.values())[:keep_days],
        *list(weeks.values())[:keep_weeks],
        *list(months.values())[:keep_months],
    }
    by_age = sorted(chosen, key=lambda b: (b.taken, b.path.name), reverse=True)
    order = [
        daily[0],
        by_age[-1],
        *(b for b in weeks.values() if b in chosen),
        *(b for b in months.values() if b in chosen),
        *by_age,
    ]
    keep: set[Path] = set()
    total = 0
    for b in dict.fromkeys(order):
        size = _size(b.path)
        if budget is not None and keep and total + size > budget:
            continue
        keep.add(b.path)
        total += size
    removed = []
    for b in daily:
        if b.path not in keep:
            library_files.remove_with_sidecars(b.path)
            removed.append(b.path)
    return removed


def validate_backup(path: Path, *, full: bool = True, shown: Path | None = None) -> None:
    """Raise BackupError unless path is a Postil library this version reads, passing
    PRAGMA integrity_check (full=False: quick_check, to name a backup, not to restore it);
    a packed backup is unpacked (to a temporary file) and checked whole. shown: the name
    the messages give (the packed backup, when path is its unpacked copy)."""
    with unpacked(path) as plain:
        _validate_plain(plain, shown=shown or path, full=full)


def _validate_plain(path: Path, *, shown: Path, full: bool = True) -> None:
    state = library_files.inspect(path)
    if state.kind in ("absent", "unreadable"):
        raise BackupError(f"cannot read {shown}: {state.detail or 'no such file'}")
    if state.kind in ("folder", "empty", "not_sqlite"):
        raise BackupError(f"{shown} is not a Postil backup (not an SQLite file)")
    if state.kind == "damaged":
        raise BackupError(f"{shown} is damaged ({state.detail})")
    if state.application_id != APPLICATION_ID:
        raise BackupError(f"{shown} is not a Postil library backup")
    if state.user_version > LATEST_VERSION:
        raise BackupError(f"{shown} was written by a newer Postil; please update Postil")
    try:
        verdict = quick_check(path, full=full)
    except sqlite3.Error as exc:
        raise BackupError(f"{shown} is damaged ({exc})") from None
    if verdict != "ok":
        raise BackupError(f"{shown} is damaged ({verdict[:200]})")


def newest_good_backup(library_path: Path) -> Path | None:
    """The newest backup that passes validate_backup (its quick check: restoring checks it
    in full again), or None."""
    for b in list_backups(library_path):
        try:
            validate_backup(b.path, full=False)
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
    went. If anything fails, the damaged file is put back where it was. A packed backup
    is unpacked to a temporary file and checked before anything is touched."""
    with unpacked(backup) as plain:
        _validate_plain(plain, shown=backup)
        return _replace_with(library_path, plain, now=now)


def _replace_with(library_path: Path, backup: Path, *, now: datetime | None) -> Path:
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
    <library>.before-restore-<time>; returns that path. A packed backup is unpacked to a
    temporary file and checked before anything is touched."""
    with unpacked(backup) as plain:
        _validate_plain(plain, shown=backup)
        return _restore_from(conn, library_path, plain, now=now)


def _restore_from(
    conn: sqlite3.Connection, library_path: Path, backup: Path, *, now: datetime | None
) -> Path:
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
