"""Starting the window: display check, application, settings, theme, library, main window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

SETTINGS_ENV = "POSTIL_SETTINGS"  # an .ini file instead of the platform's settings store


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="postil", add_help=False)
    parser.add_argument("--library")
    parser.add_argument("--self-test", dest="self_test", metavar="RESULT_FILE", nargs="?", const="")
    parser.add_argument("files", nargs="*")
    args, _unknown = parser.parse_known_args(argv)  # Qt's own options pass through
    return args


def make_settings():
    from PySide6.QtCore import QSettings

    from ui.settings import Settings

    path = os.environ.get(SETTINGS_ENV)
    store = QSettings(path, QSettings.Format.IniFormat) if path else QSettings()
    return Settings(store=store)


def launch(argv: list[str]) -> int:
    args = _parse(argv)
    if args.self_test is not None:
        from ui.self_test import run_self_test

        return run_self_test(args.self_test or None)

    from ui.display_check import display_problem

    problem = display_problem()
    if problem:
        sys.stderr.write(problem + "\n")
        return 2

    from PySide6.QtWidgets import QApplication, QMessageBox

    from storage.errors import LibraryError
    from storage.opening import open_chosen_library
    from ui.main_window import MainWindow
    from ui.theme_manager import ThemeManager

    QApplication.setOrganizationName("Postil")
    QApplication.setApplicationName("Postil")
    app = QApplication([sys.argv[0], *[a for a in argv if a.startswith("-platform")]])
    settings = make_settings()
    themes = ThemeManager(settings=settings, app=app)
    try:
        library = open_chosen_library(args.library)
    except LibraryError as exc:
        QMessageBox.critical(None, "Postil", f"The library cannot be opened.\n\n{exc}")
        return 1
    window = MainWindow(library=library, settings=settings, themes=themes)
    window.show()
    window.open_start_article()
    if args.files:
        window.import_paths([Path(f) for f in args.files])
    code = app.exec()
    library.close()
    return code
