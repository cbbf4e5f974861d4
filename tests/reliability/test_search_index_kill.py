"""SIGKILL the background work of migration 5 at random moments, again and again: the
retiring of migration 4's stems table and the catch-up that builds the contentless indexes,
while another process changes and deletes articles. After every kill the library passes
PRAGMA integrity_check; at the end the indexes hold exactly what the articles say."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import migrations, stems
from storage.library import Library
from tests.conftest import ROOT, make_article

KILLS = 12
RUNNER = """
import sys, time
from storage import stems
from storage.library import Library
stems.RETIRE_ROWS = {"content": 2, "data": 2, "docsize": 8}
store = stems._store
stems._store = lambda *args: (time.sleep(0.003), store(*args))[1]  # a longer window to kill
with Library.open(sys.argv[1]) as library:
    print("ready", flush=True)
    stems.catch_up(library.conn, batch=2)
print("finished", flush=True)
"""


def _old_library(path: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> list[int]:
    """A library at migration 4 whose stems table holds a copy of every text."""
    with monkeypatch.context() as v4:
        v4.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        with Library.open(path) as old:
            ids = []
            for i in range(n):
                article = make_article(
                    f"Harbour report {i}", [f"Cranes {i} stood idle while tugs waited."]
                )
                article.language = "en" if i % 3 else "ru"
                ids.append(old.articles.add(article).article_id)
            old.conn.execute(
                "INSERT INTO articles_stems (rowid, title, text) "
                "SELECT id, title, text FROM articles"
            )
    return ids


@pytest.mark.slow
def test_migration_5s_background_work_killed_anywhere_leaves_exact_indexes(
    tmp_path: Path, monkeypatch
):
    path = tmp_path / "library.postil"
    ids = _old_library(path, monkeypatch, n=40)
    rng = random.Random(5)
    killed_mid_work = 0
    for attempt in range(KILLS + 1):  # the last run is left to finish
        proc = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        with Library.open(path) as library:  # the window or the command line, meanwhile
            target = ids[attempt]
            library.conn.execute(
                "UPDATE articles SET text = ? WHERE id = ?", [f"Rewritten {attempt}.", target]
            )
            if attempt % 4 == 3:
                library.conn.execute("DELETE FROM articles WHERE id = ?", [ids[-1 - attempt]])
        if attempt < KILLS:
            time.sleep(rng.uniform(0.0, 0.05))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=120)
        with Library.open(path) as library:
            assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            killed_mid_work += attempt < KILLS and stems.work_left(library.conn)
    assert killed_mid_work >= KILLS // 2  # the kills fell inside the work, not after it
    with Library.open(path) as library:
        stems.catch_up(library.conn)  # what the window's next idle moment does
        assert not stems.work_left(library.conn)
        assert stems.index_mismatches(library.conn) == []
        found = {hit.id for hit in library.search.articles("rewritten")}
        assert found == set(ids[: KILLS + 1])
