"""Without a screen, or without Qt's X11 libraries, one line says what to do."""

from __future__ import annotations

from ui.app import display_check
from ui.app.display_check import display_problem


def test_no_display_points_at_the_command_line() -> None:
    message = display_problem({}, "linux")
    assert message is not None and "--help" in message and "\n" not in message


def test_a_chosen_platform_or_another_os_is_left_to_qt() -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None
    assert display_problem({}, "darwin") is None


def test_missing_xcb_library_names_the_package(monkeypatch) -> None:

    def cdll(name, *args, **kwargs):
        if name == "libxcb-cursor.so.0":
            raise OSError("not found")
        return object()

    import ctypes

    monkeypatch.setattr(ctypes, "CDLL", cdll)
    message = display_problem({"DISPLAY": ":0"}, "linux")
    assert message is not None
    assert "sudo apt install libxcb-cursor0" in message and "\n" not in message


def test_wayland_session_needs_no_xcb(monkeypatch) -> None:
    monkeypatch.setattr(display_check, "missing_xcb_packages", lambda: ["libxcb-cursor0"])
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux") is None
