"""The child of the crash test: writes annotations through the real code path until killed.

Run as `python -m tests.reliability.crash_writer LIBRARY RUN`. After open it prints "ready";
after each annotations.add returns (the commit is done) it prints "ack <id> <note>", flushed,
so the parent knows exactly which writes were acknowledged before the SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from storage.annotations import NewAnnotation
from storage.library import Library


def main(path: str, run: str) -> None:
    library = Library.open(Path(path))
    article_id = library.articles.ids()[0]
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        note = f"run {run} write {n} " + "evidence " * (n % 7)
        new_id = library.annotations.add(
            article_id,
            NewAnnotation("Container", "", " traffic", 0, 9, note=note, tags=(f"run-{run}",)),
        )
        print(f"ack {new_id} {note}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
