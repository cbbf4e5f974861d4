"""Postil: without a command, the window; with one (import, list, show, ...), the command line.

Heavy modules (Qt, trafilatura) are imported only on the path that needs them.
"""

from __future__ import annotations

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
        "backup",
        "restore",
    }
)


def _is_cli(argv: list[str]) -> bool:
    args = iter(argv)
    for arg in args:
        if arg in ("-h", "--help", "--version"):
            return True
        if arg == "--library":
            next(args, None)
            continue
        if arg.startswith("--library="):
            continue
        return arg in COMMAND_NAMES
    return False


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # folder imports parse files in worker processes
        import multiprocessing

        multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    if _is_cli(argv):
        from cli.main import run_cli

        return run_cli(argv)
    from ui.launch import launch

    return launch(argv)


if __name__ == "__main__":
    sys.exit(main())
