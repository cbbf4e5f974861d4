"""What goes into a frozen Postil, shared by build.spec and bench/bundle_size.py.

PyInstaller's Qt hooks collect every plugin of each imported Qt module and every Qt library
those plugins link, and `excludes` only stops Python imports, so the spec filters the
collected binaries and data itself. The rules are here, in one place, so that the size
benchmark's bare-window build is trimmed exactly as Postil is.

Kept, and why: the Qt libraries Postil links (Core, Gui, Widgets, PrintSupport, Svg, Network
for the single-instance socket, DBus and the platform glue); the platform plugins for
offscreen, X11, Wayland, Windows and macOS; image formats articles contain (PNG is built in;
JPEG, GIF, WebP, SVG, ICO); the SVG icon engine; styles; printing; input methods (dead keys,
IBus). Dropped: QML/Quick, Designer, PDF, WebEngine, network information and TLS plugins
(Postil never goes online), embedded-Linux platforms (eglfs, linuxfb, vnc, evdev input),
the GTK3 platform theme (it drags in GTK, Cairo and Pango; Postil draws its own Fusion
themes), and Qt's translations (the UI is English and loads no QTranslator).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

# Modules no frozen Postil needs; some arrive only because a dependency imports them
# optionally. PIL is a dev-only tool here (icon generation) and must never ride along.
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "PIL",
    "numpy",
    "IPython",
    "setuptools",
    "pkg_resources",
    "distutils",
    "lib2to3",
    "pydoc_data",
    "xmlrpc",
    "lxml.objectify",
    "lxml.isoschematron",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtSvgWidgets",
]

# Qt libraries by module name (libQt6Xxx.so.6, Qt6Xxx.dll, QtXxx.framework).
QT_LIBRARIES_KEPT = {
    "Core",
    "Gui",
    "Widgets",
    "PrintSupport",
    "Svg",
    "Network",
    "DBus",
    "XcbQpa",
    "WaylandClient",
    "WlShellIntegration",
    "OpenGL",  # the X11 GLX/EGL integrations link it; QtWidgets may use it for some surfaces
}

# Plugin folder -> the plugins kept in it (file stem without lib/q prefixes); None keeps all.
QT_PLUGINS_KEPT: dict[str, set[str] | None] = {
    "platforms": {"offscreen", "xcb", "wayland", "windows", "cocoa"},
    "imageformats": {"gif", "ico", "jpeg", "svg", "webp"},
    "iconengines": None,
    "styles": None,
    "printsupport": None,
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "platformthemes": {"xdgdesktopportal"},
    "xcbglintegrations": None,
    "wayland-shell-integration": {"xdg-shell", "wl-shell-plugin", "qt-shell"},
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl", "shm-emulation-server"},
}

# Data that no code path of Postil reads: babel's 700 locale files (courlan parses locales
# only when asked to filter URLs by language, which Postil never does, and then catches
# UnknownLocaleError), C headers and type stubs.
DATA_DROPPED = [
    re.compile(r"^babel/locale-data/"),
    re.compile(r"(^|/)includes?/.*\.(h|pxd|pxi)$"),
    re.compile(r"\.(pyi|pxd|pyx|h|c)$"),
    re.compile(r"(^|/)tests?/"),
]

_QT_LIB = re.compile(r"(?:^|/)(?:lib)?Qt6?(\w+?)(?:\.so\.\d+|\.dll|\.framework/.*|\.dylib)$")
_QT_FRAMEWORK = re.compile(r"(?:^|/)Qt(\w+)\.framework(?:/|$)")


def _stem(name: str) -> str:
    stem = PurePosixPath(name).name.split(".")[0]
    stem = stem.removeprefix("lib")
    return stem.removeprefix("q") if not stem.startswith("qt-") else stem


def keep_qt_file(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle) stays in the build."""
    path = dest.replace("\\", "/")
    if "PySide6/" not in path and not path.startswith(("PySide6", "libQt6", "Qt6")):
        return True
    if path.rsplit("/", 1)[-1] == "opengl32sw.dll":  # Mesa software OpenGL: no GL in Postil
        return False
    if "/translations/" in path or path.endswith(".qm"):
        return False
    if "/qml/" in path or "/resources/qtwebengine" in path:
        return False
    if "/plugins/" in path:
        folder, _, name = path.split("/plugins/", 1)[1].partition("/")
        if folder not in QT_PLUGINS_KEPT:
            return False
        kept = QT_PLUGINS_KEPT[folder]
        if kept is None or not name:
            return True
        return _stem(name) in kept or _stem(name).removesuffix("d") in kept
    framework = _QT_FRAMEWORK.search(path)
    if framework:
        return framework.group(1) in QT_LIBRARIES_KEPT
    library = _QT_LIB.search(path)
    if library and "Qt6" in path.rsplit("/", 1)[-1]:
        return library.group(1) in QT_LIBRARIES_KEPT
    module = re.search(r"PySide6/Qt(\w+)\.(?:abi3\.so|pyd)$", path)
    if module:
        return module.group(1) in QT_LIBRARIES_KEPT
    return True


def keep_data_file(dest: str) -> bool:
    path = dest.replace("\\", "/")
    if not keep_qt_file(path):
        return False
    return not any(rule.search(path) for rule in DATA_DROPPED)


def filter_toc(entries: Iterable[tuple[str, str, str]], *, data: bool = False) -> list:
    """The TOC without what the rules drop (a.binaries with data=False, a.datas with True)."""
    keep = keep_data_file if data else keep_qt_file
    return [entry for entry in entries if keep(entry[0])]


def dropped(entries: Iterable[tuple[str, str, str]], *, data: bool = False) -> list[str]:
    keep = keep_data_file if data else keep_qt_file
    return [entry[0] for entry in entries if not keep(entry[0])]


# -- metadata the installers and the OS read ---------------------------------------------------

APP_NAME = "Postil"
BUNDLE_IDENTIFIER = "org.postil.Postil"
COPYRIGHT = "Copyright © the Postil authors"
DESCRIPTION = "Postil: read, highlight and annotate articles"


def app_version(pyproject: str) -> str:
    """The version in pyproject.toml: one number for the app, its installers and the OS."""
    import tomllib

    return tomllib.loads(pyproject)["project"]["version"]


def _version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def windows_version_info(version: str) -> str:
    """The text of a PyInstaller version file: what Explorer's Details tab shows.

    Written as text (the form PyInstaller's load_version_info_from_text_file evaluates)
    because PyInstaller's versioninfo module imports pefile, which exists only on Windows.
    """
    numbers = _version_tuple(version)
    strings = {
        "CompanyName": APP_NAME,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


# The files Postil opens, as Finder should offer them ("Open With" and drag onto the icon).
DOCUMENT_TYPES = [
    ("Web page", ["public.html"], ["html", "htm"]),
    ("Web archive (MHTML)", ["org.ietf.mhtml"], ["mhtml", "mht"]),
    ("Plain text", ["public.plain-text"], ["txt"]),
    ("Markdown", ["net.daringfireball.markdown"], ["md", "markdown"]),
    ("E-mail message", ["com.apple.mail.email"], ["eml"]),
    ("PDF document", ["com.adobe.pdf"], ["pdf"]),
    ("Word document", ["org.openxmlformats.wordprocessingml.document"], ["docx"]),
    ("EPUB book", ["org.idpf.epub-container"], ["epub"]),
]


def info_plist(version: str) -> dict[str, object]:
    """Info.plist keys for the macOS bundle beyond those PyInstaller writes itself."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHumanReadableCopyright": COPYRIGHT,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSPrincipalClass": "NSApplication",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": name,
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": utis,
                "CFBundleTypeExtensions": extensions,
            }
            for name, utis, extensions in DOCUMENT_TYPES
        ],
        # postil:// links from exported briefs open the app at the highlight (ui.app.links).
        "CFBundleURLTypes": [
            {
                "CFBundleURLName": "org.postil.link",
                "CFBundleURLSchemes": ["postil"],
                "CFBundleTypeRole": "Viewer",
            }
        ],
        # Types macOS does not declare itself, so that the UTIs above mean something.
        "UTImportedTypeDeclarations": [
            {
                "UTTypeIdentifier": "org.ietf.mhtml",
                "UTTypeDescription": "MHTML web archive",
                "UTTypeConformsTo": ["public.data"],
                "UTTypeTagSpecification": {
                    "public.filename-extension": ["mhtml", "mht"],
                    "public.mime-type": ["multipart/related", "message/rfc822"],
                },
            },
            {
                "UTTypeIdentifier": "net.daringfireball.markdown",
                "UTTypeDescription": "Markdown document",
                "UTTypeConformsTo": ["public.plain-text"],
                "UTTypeTagSpecification": {
                    "public.filename-extension": ["md", "markdown"],
                    "public.mime-type": ["text/markdown"],
                },
            },
        ],
    }


def prune_orphans(binaries: list) -> list:
    """Drop system libraries that only dropped plugins needed (Linux).

    On Linux PyInstaller copies each collected plugin's system dependencies beside it, at the
    top of the bundle; the GTK3 theme plugin alone brings GTK, Cairo, Pango and GLib's friends.
    Filtering the plugin out leaves those behind, so keep a top-level library only if
    something still in the build links it (directly or through another kept library).
    """
    import sys

    if not sys.platform.startswith("linux"):
        return binaries
    from PyInstaller.depend.bindepend import get_imports

    def top_level(entry: tuple[str, str, str]) -> bool:
        dest = entry[0].replace("\\", "/")
        return entry[2] == "BINARY" and "/" not in dest and not dest.startswith("libpython")

    by_name: dict[str, tuple[str, str, str]] = {}
    for entry in binaries:
        by_name.setdefault(PurePosixPath(entry[0]).name, entry)
    reached: set[str] = set()
    queue = [e for e in binaries if not top_level(e)]
    queue += [e for e in binaries if PurePosixPath(e[0]).name.startswith("libpython")]
    seen_sources: set[str] = set()
    while queue:
        entry = queue.pop()
        if entry[1] in seen_sources or entry[2] == "SYMLINK":
            continue
        seen_sources.add(entry[1])
        for name, _path in get_imports(entry[1]):
            base = PurePosixPath(name).name
            if base in by_name and base not in reached:
                reached.add(base)
                queue.append(by_name[base])
    return [e for e in binaries if not top_level(e) or PurePosixPath(e[0]).name in reached]
