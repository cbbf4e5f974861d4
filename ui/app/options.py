"""What the window was started with: `postil [--library PATH] [--self-test [FILE]] [FILES...]`
plus Qt's own options (-platform xcb, -style fusion, ...), which go to Qt untouched.

Parsed by hand rather than with argparse: this runs on every start, before the first frame,
and the grammar is four rules. The subcommands (import, list, ...) have their own parser in cli/.
"""

from __future__ import annotations

from collections.abc import Sequence

# Qt's command-line options that take a value (QGuiApplication and QApplication).
_QT_OPTIONS_WITH_VALUE = frozenset(
    {
        "-platform",
        "-platformpluginpath",
        "-platformtheme",
        "-plugin",
        "-qwindowgeometry",
        "-geometry",
        "-qwindowicon",
        "-qwindowtitle",
        "-display",
        "-style",
        "-stylesheet",
        "-session",
    }
)


class LaunchError(ValueError):
    """A command line the window cannot start with; the message says why."""


class LaunchOptions:
    __slots__ = ("files", "library", "qt_args", "self_test")

    def __init__(self) -> None:
        self.library: str | None = None
        self.self_test: str | None = None  # "" when asked for without a result file
        self.files: list[str] = []
        self.qt_args: list[str] = []


def parse_launch_options(argv: Sequence[str]) -> LaunchOptions:
    options = LaunchOptions()
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            options.files.extend(args[i:])
            break
        if arg == "--library" or arg.startswith("--library="):
            if "=" in arg:
                options.library = arg.split("=", 1)[1]
            elif i < len(args):
                options.library, i = args[i], i + 1
            else:
                raise LaunchError("--library needs the path of a library file")
        elif arg == "--self-test" or arg.startswith("--self-test="):
            if "=" in arg:
                options.self_test = arg.split("=", 1)[1]
            elif i < len(args) and not args[i].startswith("-"):
                options.self_test, i = args[i], i + 1
            else:
                options.self_test = ""
        elif arg.startswith("-") and len(arg) > 1 and not arg.startswith("--"):
            options.qt_args.append(arg)
            if arg in _QT_OPTIONS_WITH_VALUE and i < len(args):
                options.qt_args.append(args[i])
                i += 1
        elif arg.startswith("--"):
            raise LaunchError(f"unknown option {arg}")
        else:
            options.files.append(arg)
    return options
