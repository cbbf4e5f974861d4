"""Time from process start to the first painted window, with a 100,000-article library,
against a bare PySide6 window showing a QTextBrowser, measured the same way in the same run.

    python -m bench.startup_time [--articles 100000] [--repeat 25] [--synthetic] [--instructions]

The library is the realistic fixture (bench.library_fixture: real texts, originals, images,
versions, 300,000 highlights; target 1.3x), or with --synthetic the older library of short
synthetic articles (target 1.5x).

The two programs run in turn, each --repeat times after one warm-up; the medians are compared.
On a machine shared with other work the medians still move by a tenth of the ratio from one
run to the next; --instructions also counts, with valgrind's callgrind, the instructions
each program runs up to its first frame: the same count every run, whatever else the
machine is doing (kernel time and cache misses are not in it).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

BARE = """
import os
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser
def done():
    if os.environ.get("POSTIL_BENCH_EXIT_AT_PAINT"):
        os._exit(0)
    app.quit()
class First(QObject):
    seen = False
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, lambda: (print("first-paint", flush=True), done()))
        return False
app = QApplication(sys.argv)
window = QMainWindow()
view = QTextBrowser()
view.setHtml("<h1>Title</h1>" + "<p>Some words of an article.</p>" * 40)
window.setCentralWidget(view)
window.resize(1300, 820)
watch = First(view)
view.viewport().installEventFilter(watch)
window.show()
app.exec()
"""

from bench.synthetic import WORDS  # noqa: E402


def build_library(path: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from core.article import Block, BlockKind, ImportedArticle, Span
    from core.content import blocks_to_json
    from storage.library import Library
    from storage.originals import pack_text

    rng = random.Random(7)
    with Library.open(path) as library:
        rows = []
        for i in range(count):
            words = " ".join(rng.choice(WORDS) for _ in range(60))
            article = ImportedArticle(
                title=f"{rng.choice(WORDS).title()} report {i}",
                blocks=[Block(BlockKind.PARAGRAPH, (Span(words),))],
                original=b"",
                source_kind="text",
            )
            text = article.text
            rows.append(
                (
                    article.title,
                    rng.choice(["Gazette", "Herald", "Caliber.az"]),
                    f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00",
                    f"2026-01-01T00:00:{i % 60:02d}+00:00",
                    "text",
                    b"",
                    text,
                    pack_text(blocks_to_json(article.blocks)),
                    f"hash-{i}",
                    "2026-01-01T00:00:00",
                )
            )
        library.db.conn.execute("BEGIN")
        library.db.conn.executemany(
            "INSERT INTO articles (title, site, published, captured, source_kind, original, "
            "text, content, content_hash, added) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        library.db.conn.execute("COMMIT")


def time_to_first_paint(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "first-paint":
            elapsed = time.perf_counter() - start
            process.wait(timeout=30)
            return elapsed
    process.wait(timeout=30)
    raise RuntimeError(f"{command[1]} exited without painting (code {process.returncode})")


def instructions_to_first_paint(command: list[str], env: dict[str, str]) -> int:
    """Instructions the program runs up to its first painted frame, counted by callgrind."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        env={**env, "POSTIL_BENCH_EXIT_AT_PAINT": "1", "PYTHONHASHSEED": "0"},
        timeout=600,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if "first-paint" not in result.stdout or found is None:
        raise RuntimeError(f"{command[1]} was not counted: {result.stderr[-500:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count each program's instructions to its first frame (valgrind)",
    )
    parser.add_argument(
        "--synthetic", action="store_true", help="the short synthetic articles, not the fixture"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.synthetic:
        library = OUT / f"startup-{args.articles}.postil"
        if not library.exists():
            print(f"building a library of {args.articles:,} articles…", flush=True)
            build_library(library, args.articles)
        label, target = f"start-up to first paint, {args.articles:,} articles", 1.5
    else:
        from bench.library_fixture import ensure

        # a copy: the window writes to its library (reading places, backups beside it)
        fixture = ensure(args.articles)
        library = OUT / f"startup-fixture-{args.articles}.postil"
        if not library.exists() or library.stat().st_mtime < fixture.stat().st_mtime:
            import sqlite3

            source = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
            target_db = sqlite3.connect(library)
            source.backup(target_db)
            target_db.close()
            source.close()
        label = f"start-up to first paint, fixture of {args.articles:,} articles"
        target = 1.3
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    env["POSTIL_BENCH_FIRST_PAINT"] = "1"
    # Measured as the app runs for an analyst: from compiled bytecode (the installer ships it,
    # and a checkout caches it on its first run). Without this, a machine that sets
    # PYTHONDONTWRITEBYTECODE would time Python compiling our sources at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        env["POSTIL_SETTINGS"] = str(Path(tmp) / "settings.ini")
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE)
        ours_cmd = [sys.executable, str(ROOT / "main.py"), "--library", str(library)]
        bare_cmd = [sys.executable, str(bare_script)]
        time_to_first_paint(ours_cmd, env)  # warm the file cache and the settings
        time_to_first_paint(bare_cmd, env)
        ours, bare = [], []
        for _ in range(args.repeat):
            bare.append(time_to_first_paint(bare_cmd, env))
            ours.append(time_to_first_paint(ours_cmd, env))
        counted = None
        if args.instructions and shutil.which("valgrind"):
            counted = (
                instructions_to_first_paint(ours_cmd, env),
                instructions_to_first_paint(bare_cmd, env),
            )
    from bench.timing import report

    report(
        label,
        statistics.median(ours),
        statistics.median(bare),
        target,
        baseline_label="bare QTextBrowser window",
    )
    if counted is not None:
        report(
            f"{label}, instructions",
            counted[0],
            counted[1],
            target,
            baseline_label="bare QTextBrowser window",
            unit="M",
            scale=1e-6,
        )


if __name__ == "__main__":
    main()
