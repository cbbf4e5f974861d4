"""Where the library lives unless the analyst says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_ENV = "POSTIL_LIBRARY"
LIBRARY_FILENAME = "library.postil"


def default_library_path() -> Path:
    """The platform's application-data folder (the same for the window and the CLI)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Postil", "Postil", roaming=True)) / LIBRARY_FILENAME


def chosen_library_path(option: str | None) -> tuple[Path, bool]:
    """(path, is_default): --library wins, then $POSTIL_LIBRARY, then the default."""
    if option:
        return Path(option).expanduser(), False
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser(), False
    return default_library_path(), True
