"""PySide's import hook, made to read less: 10-20 ms before the first frame.

Once PySide6.QtCore is loaded, every module imported after it goes through PySide's hook
(shibokensupport.feature.feature_imported), which asks whether the module may switch PySide's
`from __feature__ import ...` options: "PySide6" appears in its source. It gets the source with
inspect.getsource: linecache stats the file, sniffs its encoding, decodes it and splits it into
lines, for each of the 80 or so modules the window imports after Qt. The same question is
answered here from the file's bytes; anything but a plain .py file (a frozen build's, a
compiled extension) still goes to PySide's own answer, and nothing is changed when a PySide
release no longer has the function (tests/ui/app/test_pyside_imports.py keeps both honest).
"""

from __future__ import annotations

import sys
from types import ModuleType


def read_sources_quickly() -> None:
    """Answer PySide's question about each imported module from the file's bytes."""
    feature = sys.modules.get("shibokensupport.feature")
    pysides_own = getattr(feature, "_mod_uses_pyside", None)
    if pysides_own is None or getattr(pysides_own, "reads_bytes", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return pysides_own(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
