"""Library files are touched only through SQLite (issue 12): the scan that keeps it so, the
probes, and the mechanism itself: a process that holds a connection and runs every check and
backup on its own library keeps its locks, so another process cannot delete its WAL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from storage import library_files
from storage.backup import backup_now, validate_backup
from storage.connection import check_library_file
from storage.integrity import check_library, quick_check
from storage.library import Library
from tests.conftest import ROOT, make_article

OWNER = "storage/library_files.py"
SCANNED = ("storage", "cli", "ui", "selftest", "main.py")
RAW_CALLS = {"open", "fdopen"}
RAW_METHODS = {"open", "read_bytes", "read_text", "write_bytes", "write_text", "connect"}
# Every raw file call outside the owner, with what it opens. None of them is a library file.
ALLOWED = {
    ("storage/samples.py", "read_text"): "the sample manifest shipped with the app",
    ("storage/damage_note.py", "read_text"): "the damage note beside the library (JSON)",
    ("cli/commands/annotations_json.py", "read_text"): "the analyst's annotation JSON",
    ("selftest/self_test.py", "read_text"): "the sample manifest and the brief the self-test wrote",
    ("selftest/self_test.py", "write_bytes"): "the self-test's own import files",
    ("selftest/self_test.py", "write_text"): "the self-test's own files and its result",
    ("ui/theme/icons.py", "read_text"): "the toolbar's SVG icons shipped with the app",
    ("storage/backup.py", "open"): (
        "compressed backups and the plain copy being packed or unpacked: never a library "
        "SQLite has open"
    ),
    ("storage/highlight_import.py", "write_bytes"): "an Omnivore archive's pages, to a temp folder",
    ("cli/document_writers.py", "read_bytes"): "the PDF just written, to pin its dates",
    ("cli/document_writers.py", "write_bytes"): "the PDF with its dates pinned",
    ("ui/app/pyside_imports.py", "open"): "the app's own .py modules, read for PySide's hook",
}
NOT_FILES = {"Library", "dialog"}  # Library.open(path) goes through SQLite; QDialog.open()


def _raw_calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in RAW_CALLS:
            yield func.id, node.lineno
        elif isinstance(func, ast.Attribute) and func.attr in RAW_METHODS | RAW_CALLS:
            receiver = ast.unparse(func.value)
            if func.attr == "connect" and receiver != "sqlite3":
                continue  # signal.connect(slot)
            if func.attr == "open" and receiver in NOT_FILES:
                continue
            yield func.attr, node.lineno


def _scanned_files():
    for name in SCANNED:
        top = ROOT / name
        yield from ([top] if top.is_file() else sorted(top.rglob("*.py")))


def test_no_module_but_the_owner_opens_files_by_hand():
    found = {}
    for path in _scanned_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel == OWNER:
            continue
        for call, line in _raw_calls(path):
            found.setdefault((rel, call), []).append(line)
    unexpected = {k: v for k, v in found.items() if k not in ALLOWED}
    assert not unexpected, (
        f"raw file calls outside {OWNER} (a library file must go through SQLite): {unexpected}"
    )
    stale = set(ALLOWED) - set(found)
    assert not stale, f"allowed calls that no longer exist (remove them): {stale}"


def test_the_scan_catches_what_it_is_for(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os, sqlite3\n"
        "def f(p):\n"
        "    with p.open('rb') as fh: fh.read(16)\n"
        "    open(p).close(); os.open(p, 0); p.read_bytes()\n"
        "    sqlite3.connect(p); sig.connect(slot); Library.open(p)\n"
    )
    calls = sorted(call for call, _line in _raw_calls(sample))
    assert calls == ["connect", "open", "open", "open", "read_bytes"]


def _hold_library_in_subprocess(path: Path) -> subprocess.Popen:
    """Another process with the library open, reading, as a window would be."""
    code = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(path)!r})\n"
        "c.execute('SELECT count(*) FROM articles').fetchone()\n"
        "print('ready', flush=True); sys.stdin.readline()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_in_use_sees_another_process_and_this_one(library_path: Path):
    with Library.open(library_path) as library:
        library.articles.add(make_article())
        assert library_files.in_use(library_path)  # this process
    assert not library_files.in_use(library_path)
    other = _hold_library_in_subprocess(library_path)
    try:
        assert library_files.in_use(library_path)
    finally:
        other.communicate("\n")
    assert not library_files.in_use(library_path)


@pytest.mark.parametrize(
    ("content", "kind"),
    [(None, "absent"), (b"", "empty"), (b"plain text, not a database " * 40, "not_sqlite")],
)
def test_inspect_names_what_a_file_is(tmp_path: Path, content, kind):
    path = tmp_path / "file.postil"
    if content is not None:
        path.write_bytes(content)
    assert library_files.inspect(path).kind == kind
    if content is not None:
        assert path.read_bytes() == content  # looked at, not changed


def _count_in_fresh_process(path: Path) -> int:
    code = (
        f"import sqlite3; c = sqlite3.connect({str(path)!r}); "
        "print(c.execute('SELECT count(*) FROM articles').fetchone()[0]); c.close()"
    )
    return int(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )


def test_checks_and_backups_in_a_writing_process_lose_nothing(library_path: Path):
    """The issue's mechanism: the window's process runs the header check, the health check,
    a backup and its validation while writing; a command-line process opens and closes the
    library in between. Before the fix, that process deleted the window's WAL."""
    library = Library.open(library_path)
    try:
        for n in range(12):
            library.articles.add(make_article(f"Article {n}", [f"Paragraph {n} of the day."]))
            if n % 3 == 0:
                check_library_file(library_path)
                assert check_library(library_path).state == "ok"
                made = backup_now(library.conn, library_path)
                validate_backup(made)
                assert quick_check(library_path) == "ok"
                assert _count_in_fresh_process(library_path) == n + 1
        assert library_path.with_name(library_path.name + "-wal").exists()
    finally:
        library.close()
    assert _count_in_fresh_process(library_path) == 12
