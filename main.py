"""Postil: without a command, the window; with one (import, list, show, ...), the command line.

The first word decides: a command (or --help, --version) runs the command line, an option or
an existing file opens the window, anything else is refused in one line before Qt loads.
Heavy modules (Qt, trafilatura) are imported only on the path that needs them.
"""

from __future__ import annotations

import os
import sys

# The subcommands, named here so that opening the window imports none of the CLI.
COMMAND_NAMES = frozenset(
    {
        "import",
        "list",
        "show",
        "search",
        "annotate",
        "export",
        "export-annotations",
        "import-annotations",
        "import-highlights",
        "compact",
        "backup",
        "restore",
        "check",
        "delete",
    }
)


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is not --library and its path: a command, an option, a file."""
    args = iter(argv)
    for arg in args:
        if arg == "--library":
            next(args, None)
        elif not arg.startswith("--library="):
            return arg
    return None


def _unknown_word(word: str) -> str:
    """One line for a first word that is no command and no file: `postil chekc`, a command of
    a newer Postil or a mistyped path, which the window would otherwise try to import."""
    commands = ", ".join(sorted(COMMAND_NAMES))
    seps = {"/", os.sep, os.altsep} - {None}
    looks_like_path = any(sep in word for sep in seps) or os.path.splitext(word)[1]
    what = "no such file or command" if looks_like_path else "unknown command"
    return f"postil: {what} {word!r} (commands: {commands})"


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # folder imports parse files in worker processes
        import multiprocessing

        multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    word = _first_word(argv)
    if word in COMMAND_NAMES or word in ("-h", "--help", "--version"):
        from cli.main import run_cli

        return run_cli(argv)
    link = word is not None and word.lower().startswith("postil:")  # opens the window there
    if word is not None and not word.startswith("-") and not link and not os.path.exists(word):
        if sys.stderr is not None:  # a windowed build on Windows has no stderr
            sys.stderr.write(_unknown_word(word) + "\n")
        return 2
    # The window: Python's collector stays off until its first frame is painted (launch()
    # turns it back on). Imports make many objects and free few; collecting them again and
    # again before the frame only costs time.
    import gc

    gc.disable()
    from ui.app.launch import launch

    return launch(argv)


if __name__ == "__main__":
    sys.exit(main())
