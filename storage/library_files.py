"""The one module that touches library files, and it does so only through SQLite.

Why this module exists: POSIX advisory locks belong to a process, not to a descriptor, and
closing *any* descriptor on a file drops all of that process's locks on it (SQLite's "How To
Corrupt An SQLite Database File", section 2.2). A window that once read its own library's
header with Python's open() lost its locks; the next command-line process to close believed it
was the last connection, checkpointed, and deleted the WAL the window was still writing.

So: every read of a library's header or bytes here is an SQLite connection (whose VFS keeps
descriptors open while locks are held), and connections are counted per file. Two raw
descriptors are left, and both refuse to run while this process has a connection to the
file: reading 16 bytes to tell a damaged library from a stranger's file (SQLite says "not a
database" for both), and the lock probe that asks whether another process has the library
open before it is replaced as a whole (an SQLite connection would replay or delete a damaged
library's WAL). tests/storage/test_library_files.py scans the code base so that no other
module opens library files by hand.
"""

import contextlib
import os
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import NamedTuple

SIDECARS = ("-wal", "-shm", "-journal")


class FileState(NamedTuple):  # a named tuple: cheap to define before the first frame
    """What a path holds, learnt without writing to it."""

    kind: str  # absent, folder, empty, sqlite, not_sqlite, damaged, unreadable
    application_id: int = 0
    user_version: int = 0
    objects: int = 0  # rows in sqlite_master: 0 for a new, empty database
    detail: str = ""  # SQLite's words when it could not read the file


class TrackedConnection(sqlite3.Connection):
    """An sqlite3 connection that this module counts while it is open."""

    def close(self) -> None:
        _forget(self)
        super().close()


_live: weakref.WeakSet[TrackedConnection] = weakref.WeakSet()
_owners: weakref.WeakKeyDictionary[TrackedConnection, str] = weakref.WeakKeyDictionary()
_lock = threading.RLock()  # also held while a connection opens: no raw read interleaves
SQLITE_MAGIC = b"SQLite format 3\x00"


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def _forget(conn: TrackedConnection) -> None:
    with _lock:
        _live.discard(conn)


def open_here(path: Path) -> bool:
    """Does this process hold an open connection to path?"""
    key = _key(path)
    with _lock:
        return any(_owners.get(conn) == key for conn in _live)


def _uri(path: Path, mode: str) -> str:
    return path.resolve().as_uri() + f"?mode={mode}"


def connect(
    path: Path, *, read_only: bool = False, create: bool = True, timeout: float = 10.0
) -> sqlite3.Connection:
    """A counted connection in autocommit mode (transactions are explicit: BEGIN IMMEDIATE)."""
    mode = "ro" if read_only else ("rwc" if create else "rw")
    with _lock:
        conn = sqlite3.connect(
            _uri(path, mode),
            uri=True,
            timeout=timeout,
            isolation_level=None,
            factory=TrackedConnection,
        )
        _live.add(conn)
        _owners[conn] = _key(path)
    return conn


def inspect(path: Path) -> FileState:
    """Classify path read-only. A file SQLite calls "not a database" is not_sqlite; one whose
    schema cannot be read is damaged; the operating system refusing is unreadable."""
    try:
        if not path.exists():
            return FileState("absent")
        if path.is_dir():
            return FileState("folder")
        if path.stat().st_size == 0:
            return FileState("empty")
    except OSError as exc:
        return FileState("unreadable", detail=exc.strerror or str(exc))
    try:
        conn = connect(path, read_only=True, create=False)
    except sqlite3.Error as exc:
        return FileState("unreadable", detail=str(exc))
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "")
        if name == "SQLITE_NOTADB" or "not a database" in str(exc):
            kind = "damaged" if _has_sqlite_magic(path) else "not_sqlite"
            return FileState(kind, detail=str(exc))
        if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR")):
            return FileState("unreadable", detail=str(exc))
        return FileState("damaged", detail=str(exc))
    conn.close()
    return FileState("sqlite", app_id, version, objects)


def _has_sqlite_magic(path: Path) -> bool:
    """Does a file SQLite refuses still start like one (ours, damaged) or not (a stranger)?
    SQLite says "not a database" for both, so this reads 16 bytes by hand: only while this
    process holds no connection to the file (nothing of ours to drop); else it was readable
    moments ago, so it is damage."""
    with _lock:
        if open_here(path):
            return True
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return False
        try:
            return os.read(fd, len(SQLITE_MAGIC)) == SQLITE_MAGIC
        finally:
            os.close(fd)


def in_use(path: Path) -> bool:
    """Is the library open in another connection (another process, or this one)? Asked before
    anything replaces the file as a whole: a process writing to a renamed-away file loses its
    work. The probe changes nothing: an SQLite connection would replay or delete a damaged
    library's WAL on close, so a lock is tried on a plain descriptor instead, which is safe
    only because this process holds no connection to the file (checked first)."""
    if open_here(path):
        return True
    try:
        import fcntl
    except ImportError:  # Windows: a file open elsewhere cannot be renamed or replaced there
        return False
    for name in (path, path.with_name(path.name + "-shm")):
        try:
            fd = os.open(name, os.O_RDWR)
        except FileNotFoundError:
            continue
        except OSError:
            return True  # cannot tell: say "in use", so nothing replaces it
        try:
            # Every SQLite connection holds a shared lock on the file (WAL mode) or on the
            # -shm's dead-man byte: a whole-file write lock conflicts with any of them.
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)  # lets the probe's lock go; this process held no other on the file
    return False


def same_file(path: Path, library_path: Path) -> bool:
    """Is path the library or one of its sidecars? Exports and imports refuse those."""
    try:
        target = _key(path)
    except OSError:
        return False
    base = _key(library_path)
    return target == base or any(target == base + suffix for suffix in SIDECARS)


def refuse_library_target(path: Path | str, library_path: Path) -> None:
    """An output file must never be the library or its sidecars: replacing it would lose it."""
    if same_file(Path(path), library_path):
        raise ValueError(f"{path} is the library itself; choose another file name")


def remove_with_sidecars(path: Path) -> None:
    """Delete a file that is not open anywhere (a partial backup) and what SQLite left by it."""
    for name in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        with contextlib.suppress(OSError):
            name.unlink()
