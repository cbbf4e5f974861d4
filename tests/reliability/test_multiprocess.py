"""One library, many processes (issue 12): the window and the command line share it safely.

The slow test runs the real window (`main.py` under QT_QPA_PLATFORM=offscreen) importing files
handed over to it, while three CLI workers annotate, import, list, search, export, back up
(and delete junk) on the same library; see tests/reliability/multiprocess_harness.py. Every
acknowledged write must be there at the end, integrity_check must pass, and no process may
hold a deleted -wal or -shm open while they run.

The quick tests reproduce the mechanism in one process: this process holds a connection (the
window's), runs one of the storage operations the window runs while its library is open, and
another process opens and closes the library. If the operation closed a raw descriptor on the
library file, this process lost its POSIX locks, the other process's close found itself the
last connection and deleted the WAL this process still writes to.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from storage.library import Library
from tests.conftest import make_article
from tests.reliability.multiprocess_harness import MixSettings, Report, run_mix
from tests.reliability.report import record

MIX_SECONDS = float(os.environ.get("POSTIL_MULTIPROCESS_SECONDS", "20"))
SEED = int(os.environ.get("POSTIL_MULTIPROCESS_SEED", "20261130"))
LEAST_WORK = {"annotations": 10, "articles": 5, "handed": 3}  # articles: 3 seeds + CLI imports


def summary(report: Report) -> str:
    figures = report.as_json()
    keep = (
        "seconds",
        "processes_started",
        "commands",
        "annotations_acknowledged",
        "articles_acknowledged",
        "deletions_acknowledged",
        "files_handed_to_window",
        "handed_files_imported",
        "integrity_final",
        "errors_seen",
        "window_problems",
        "check_command",
    )
    return "\nrun: " + json.dumps({k: figures[k] for k in keep}, indent=1, ensure_ascii=False)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/fd")
def test_window_and_command_line_share_one_library(tmp_path: Path):
    settings = MixSettings(
        seconds=MIX_SECONDS,
        cli_workers=3,
        seed=SEED,
        least_work=LEAST_WORK,
        extra_seconds=60,  # a loaded machine gets more time to do the least work
    )
    report = run_mix(tmp_path, settings)
    record(
        "multiprocess",
        seconds=round(report.seconds, 1),
        processes=sum(report.processes_started.values()),
        annotations=report.annotations_acknowledged,
        articles=report.articles_acknowledged,
        handed=report.files_handed,
        lost=report.writes_lost,
    )
    lost = {kind: ids[:10] for kind, ids in report.lost.items() if kind != "window imports"}
    checks = [
        (
            not report.deleted_held,
            "a process kept writing to a -wal/-shm that another process had deleted "
            f"(issue 12): {report.deleted_held[:3]}",
        ),
        (
            bool(report.integrity) and report.integrity[-1].endswith(": ok"),
            f"the library failed PRAGMA integrity_check: {report.integrity[-1:]}",
        ),
        (report.writes_lost == 0, f"{report.writes_lost} acknowledged writes were lost: {lost}"),
        (
            not report.lost.get("window imports"),
            "files handed over to the window never reached the library: "
            f"{report.lost.get('window imports', [])[:10]}",
        ),
        (
            not report.stale_reads,
            f"reads missed writes acknowledged before them: {report.stale_reads[:3]}",
        ),
        (
            not report.damage_messages,
            f"a process said the library is damaged: {report.damage_messages[:3]}",
        ),
        (not report.failures, f"everything the run found: {report.failures[:8]}"),
        # The run meant something: writes from both sides, while the window was importing.
        (
            report.files_handed >= LEAST_WORK["handed"],
            f"too few files handed to the window ({report.files_handed})",
        ),
        (
            report.annotations_acknowledged >= LEAST_WORK["annotations"],
            f"too few annotations acknowledged ({report.annotations_acknowledged})",
        ),
        (
            report.articles_acknowledged >= LEAST_WORK["articles"],
            f"too few articles imported ({report.articles_acknowledged})",
        ),
        (report.fd_samples >= 20, f"open files hardly sampled ({report.fd_samples} times)"),
    ]
    problems = [message for ok, message in checks if not ok]
    if problems:
        pytest.fail("\n".join(f"- {p}" for p in problems) + summary(report), pytrace=False)


# -- the mechanism, in one process --------------------------------------------------------

OTHER_PROCESS = (
    "import json, sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], timeout=30)\n"
    "print(json.dumps([r[0] for r in conn.execute('SELECT title FROM articles')]))\n"
    "conn.close()\n"
)


def titles_seen_by_another_process(path: Path) -> list[str]:
    """Another process (a CLI command) opens the library, reads and closes its connection."""
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def deleted_sidecars_held(path: Path) -> list[str]:
    """This process's descriptors on the library's -wal/-shm after they were deleted."""
    if not Path("/proc/self/fd").is_dir():
        return []
    watched = {os.path.realpath(path) + s for s in ("-wal", "-shm")}
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.endswith(" (deleted)") and link.removesuffix(" (deleted)") in watched:
            held.append(link)
    return held


def _open_again(path: Path, library: Library) -> None:
    Library.open(path).close()  # the window's import worker opens its own connection


def _start_up_check(path: Path, library: Library) -> None:
    from storage.integrity import check_library

    check_library(path)


def _background_check(path: Path, library: Library) -> None:
    from storage.integrity import quick_check

    quick_check(path)


def _backup(path: Path, library: Library) -> None:
    from storage.backup import backup_now

    backup_now(library.conn, library.path)


OPERATIONS: dict[str, Callable[[Path, Library], None]] = {
    "a second Library.open (an import worker)": _open_again,
    "the start-up check": _start_up_check,
    "the background quick_check": _background_check,
    "a backup": _backup,
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_storage_operations_keep_this_process_locks(tmp_path: Path, operation: str):
    """This process (the window) runs a storage operation on its open library, then a CLI
    process opens and closes it: this process's WAL must not be deleted under it, and what
    it commits next must be visible to other processes."""
    path = tmp_path / "library.postil"
    paragraph = "The {} ledger of the harbour council was read in {} before the vote."
    with Library.open(path) as library:  # this process is the window
        library.articles.add(make_article("Before", [paragraph.format("first", "spring")]))
        OPERATIONS[operation](path, library)
        titles_seen_by_another_process(path)  # a CLI command opens and closes the library
        held = deleted_sidecars_held(path)
        library.articles.add(make_article("After", [paragraph.format("second", "autumn")]))
        seen = titles_seen_by_another_process(path)  # while this connection is still open
    assert not held, (
        f"after {operation} in this process, another process's close deleted the WAL this "
        f"process still had open: {held}"
    )
    assert "After" in seen, (
        f"after {operation}, a write committed here is invisible to other processes "
        f"(it went to a deleted WAL): they see {seen}"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_a_deleted_wal_held_open_is_seen(tmp_path: Path):
    """The detector itself: a WAL unlinked under an open connection is reported."""
    import sqlite3

    path = tmp_path / "library.postil"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        assert deleted_sidecars_held(path) == []
        Path(f"{path}-wal").unlink()
        assert any(h.endswith("-wal (deleted)") for h in deleted_sidecars_held(path))
    finally:
        conn.close()


def test_generated_articles_import_with_their_titles_and_quotes(tmp_path: Path):
    """The harness's articles: each format imports with the token-bearing title, and every
    quote the workers annotate is in the text."""
    import random

    from core.importers.dispatch import import_path
    from tests.reliability.multiprocess_harness import SUFFIXES, title_token, write_article

    rng = random.Random(7)
    for n, suffix in enumerate(SUFFIXES):
        article = write_article(tmp_path, f"T{n:04d}x", rng, suffix)
        imported = import_path(article.path)
        assert imported.title == article.title
        assert title_token(imported.title) == article.token
        assert all(q in imported.text for q in article.quotes), suffix
