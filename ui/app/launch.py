"""Starting the window: display check, one instance per library, the library checked (and
recovered from a backup if damaged), main window, daily backup."""

from __future__ import annotations

import gc
import importlib
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.app.options import LaunchOptions

LINK_PREFIX = "postil:"  # a postil:// link on the command line (core.export.links)
# The library's side of the first frame, loaded before Qt. Once PySide is loaded, it reads the
# source of every module imported after it (shibokensupport.feature looks for `__feature__`);
# what only these modules import (sqlite3, the schema, the queries) is spared that.
BEFORE_QT = (
    "storage.opening",
    "storage.highlight_spans",
    "ui.app.library_opening",
)


def launch(argv: list[str]) -> int:
    # Start-up makes many objects and frees few: Python's collector would walk them all, again
    # and again, before the first frame (main() turns it off before importing this module).
    # It is back on once the window has painted, or when anything else ends the launch.
    gc.disable()
    try:
        return _launch(argv)
    finally:
        gc.enable()


def _launch(argv: list[str]) -> int:
    from ui.app.options import LaunchError, parse_launch_options

    try:
        args = parse_launch_options(argv)
    except LaunchError as exc:
        sys.stderr.write(f"postil: {exc}\n")
        return 2
    if args.self_test is not None:
        gc.enable()  # the self-test imports and runs everything: a normal process
        from selftest.self_test import run_self_test

        return run_self_test(args.self_test or None)

    from ui.app.display_check import display_problem

    problem = display_problem()
    if problem:
        sys.stderr.write(problem + "\n")
        return 2

    for name in BEFORE_QT:
        importlib.import_module(name)
    return _open_window(args)


def _open_window(args: LaunchOptions) -> int:
    """The window on the chosen library, until it closes; the exit code."""
    from PySide6.QtCore import QTimer

    from ui.app.pyside_imports import read_sources_quickly

    read_sources_quickly()  # before the window's modules are imported
    from PySide6.QtWidgets import QApplication

    from storage.location import chosen_library_path
    from ui.app.application import PostilApplication
    from ui.app.library_opening import open_library_checked
    from ui.app.settings import settings_from_environment
    from ui.app.single_instance import SingleInstance
    from ui.shell.main_window import MainWindow
    from ui.theme.manager import ThemeManager

    QApplication.setOrganizationName("Postil")
    QApplication.setApplicationName("Postil")
    app = PostilApplication([sys.argv[0], *args.qt_args])
    _set_window_icon(app)
    links = [f for f in args.files if f.lower().startswith(LINK_PREFIX)]  # postil:// links
    files = [Path(f) for f in args.files if f not in links]
    library_path, _ = chosen_library_path(args.library)
    instance = SingleInstance(library_path=library_path)
    if not instance.acquire():
        if instance.hand_over(files, links=links):
            return 0  # the running window has the files and comes to the front
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            None,
            "Postil",
            "Postil is already open on this library but does not answer. Close it (or wait "
            "for it) and try again; a second window on the same library is not opened.",
        )
        return 1
    settings = settings_from_environment()
    themes = ThemeManager(settings=settings, app=app)
    library = open_library_checked(args.library, scan=False, check_stems=False)
    if library is None:
        instance.release()
        return 1
    _install_write_error_hook()
    window = MainWindow(library=library, settings=settings, themes=themes, defer_panels=True)
    instance.activation_requested.connect(lambda: bring_to_front(window))
    instance.files_received.connect(window.import_paths)
    instance.links_received.connect(lambda received: [window.open_link(x) for x in received])
    window.show()
    window.open_start_article()
    app.deliver_files_to(window.import_paths)  # macOS: documents opened in the Finder
    app.deliver_links_to(window.open_link)  # macOS: postil:// links opened anywhere
    if files:
        window.import_paths(files)
    for link in links:
        window.open_link(link)
    background: list = []  # what runs beside the window once its first frame is painted

    def after_first_frame() -> None:
        # Off since launch(). The start-up objects (modules, Qt wrappers, the window) live as
        # long as the window: frozen, the collector no longer walks them on every full pass.
        gc.freeze()
        gc.enable()
        from storage.stems import check_format
        from ui.safety.background_check import BackgroundCheck
        from ui.safety.background_compaction import BackgroundCompaction, status_message
        from ui.safety.backup_actions import backup_message, daily_backup

        try:
            check_format(library.conn)  # before anything stems: left out of the first frame
        except sqlite3.Error as exc:  # asked again at the next start; nothing else waits on it
            sys.stderr.write(f"postil: the stemmed index's format was not checked: {exc}\n")
        if not instance.serve():
            sys.stderr.write("postil: a later launch cannot hand files to this window\n")
        check = BackgroundCheck(library_path=library.path, parent=window)
        check.damaged.connect(lambda verdict: _on_damage_found(window, verdict))
        check.start()  # the page-by-page check of the library
        daily = window.run_operation(work=daily_backup, label="Daily backup", quiet=True)
        status = window.statusBar()
        daily.succeeded.connect(
            lambda made: made and status.showMessage(backup_message(made), 8000)
        )
        daily.failed.connect(
            lambda exc: status.showMessage(f"The daily backup was not made: {exc}", 8000)
        )
        QTimer.singleShot(2000, daily.run)  # the daily backup, off the UI thread
        background.append(check)
        compaction = BackgroundCompaction(library_path=library.path, parent=window)
        compaction.finished.connect(
            lambda report: status_message(report) and status.showMessage(status_message(report))
        )
        for ended in (daily.succeeded, daily.failed):  # after the backup: one at a time
            ended.connect(lambda _outcome: compaction.running or compaction.start())
        background.append(compaction)

    window.setup_finished.connect(after_first_frame)
    code = app.exec()
    for check in background:
        # a read-only check may be abandoned, the compaction stops between batches (a batch
        # cut short is rolled back); writes were waited for on close
        check.wait(0)
    library.close()
    instance.release()
    return code


def _on_damage_found(window, verdict: str) -> None:
    """Damage found after the window opened: nothing more is written to the file; the
    analyst is told, and offered the newest good backup after the window closes."""
    from PySide6.QtWidgets import QMessageBox

    from storage.integrity import Health, State
    from ui.safety.recovery_dialog import RecoveryDialog

    path = window.library.path
    QMessageBox.critical(
        window,
        "Postil — the library is damaged",
        f"Checking the library found damage:\n\n{verdict[:300]}\n\nPostil will close the "
        "library now and offer to restore the newest good backup; the damaged file is kept.",
    )
    window.library_writable = False  # closing the window must not write to it
    window.close()
    window.library.close()
    dialog = RecoveryDialog(library_path=path, health=Health(State.DAMAGED, verdict[:200]))
    dialog.exec()
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QApplication

    if dialog.restored_from is not None:  # start again on the restored library
        frozen = getattr(sys, "frozen", False)
        QProcess.startDetached(sys.executable, sys.argv[1:] if frozen else sys.argv)
    QApplication.quit()


def _set_window_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from core.resources import resources_dir

    icons = resources_dir() / "icons"
    icon = QIcon()
    for size in (16, 32, 64, 256):
        icon.addFile(str(icons / f"postil-{size}.png"))
    app.setWindowIcon(icon)


def bring_to_front(window) -> None:
    """A second launch asked for this window: un-minimise, raise and activate it."""
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _install_write_error_hook() -> None:
    """A write refused by a full or read-only disk reaches the analyst as a sentence; every
    write is one transaction, so only that action was lost (see storage.integrity)."""
    from PySide6.QtWidgets import QApplication

    from storage.integrity import explain_write_error

    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        message = explain_write_error(value) if value is not None else None
        if message is None or QApplication.instance() is None:
            previous(kind, value, tb)
            return
        sys.stderr.write(f"postil: {type(value).__name__}: {value}\n")
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(QApplication.activeWindow(), "Postil could not save", message)

    sys.excepthook = hook
