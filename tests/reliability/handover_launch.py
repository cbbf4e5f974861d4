"""A later launch reduced to its hand-over, which never becomes a window itself.

    python -m tests.reliability.handover_launch LIBRARY [FILE...]

Exit 0: the window running on LIBRARY acknowledged the files (none: a plain "come to the
front", which is how the multi-process harness asks whether the window is up yet). Exit 3:
nobody answered. Unlike `main.py LIBRARY FILE...`, it never takes the single-instance lock,
so when the window is not (or no longer) running it cannot open a window of its own on the
library, nor hold the lock a restarting window needs. The soak uses it because it kills
windows at random; the suite's test hands files over through the real `main.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.app.single_instance import SingleInstance


def main(argv: list[str]) -> int:
    app = QCoreApplication([])  # noqa: F841 -- QLocalSocket wants an application object
    instance = SingleInstance(library_path=Path(argv[0]))
    return 0 if instance.hand_over([Path(a) for a in argv[1:]], attempts=1) else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
