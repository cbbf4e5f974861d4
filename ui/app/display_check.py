"""Before Qt loads: is there a screen, and does Qt's X11 plugin have its system libraries?

Qt itself would abort with a long message; an analyst deserves one line that says what to do.
"""

from __future__ import annotations

import os
import sys

# Shared libraries Qt's xcb plugin loads, and the Debian/Ubuntu package that provides each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-image.so.0": "libxcb-image0",
}


def missing_xcb_packages() -> list[str]:
    import ctypes  # only on X11: a start with another platform does not load it

    missing = []
    for soname, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def display_problem(
    environ: dict[str, str] | None = None, platform: str | None = None
) -> str | None:
    """A one-line explanation when the window cannot open here, else None."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "postil: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set); the command line works without one: python main.py --help"
        )
    if env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        missing = missing_xcb_packages()
        if missing:
            return (
                "postil: Qt needs system libraries that are not installed; install them "
                f"with: sudo apt install {' '.join(missing)}"
            )
    return None
