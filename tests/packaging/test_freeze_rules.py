"""The rules that trim a frozen Postil, on the paths each platform's PyInstaller produces."""

from __future__ import annotations

import plistlib

import pytest

from tests.packaging.helpers import ROOT, load_freeze_rules

rules = load_freeze_rules()


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6\\Qt6Widgets.dll",
        "PySide6\\QtPrintSupport.pyd",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
        "lxml/etree.cpython-311-x86_64-linux-gnu.so",
        "libsqlite3.so.0",
    ],
)
def test_kept(dest: str) -> None:
    assert rules.keep_qt_file(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "libQt6Pdf.so.6",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qtbase_fr.qm",
        "PySide6\\opengl32sw.dll",
        "PySide6\\Qt6Quick.dll",
        "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
    ],
)
def test_dropped(dest: str) -> None:
    assert not rules.keep_qt_file(dest)


def test_data_rules_keep_resources_and_drop_unread_data() -> None:
    assert rules.keep_data_file("resources/samples/manifest.json")
    assert rules.keep_data_file("trafilatura/settings.cfg")
    assert rules.keep_data_file("babel/global.dat")
    assert not rules.keep_data_file("babel/locale-data/de.dat")
    assert not rules.keep_data_file("tld/tests/res/effective_tld_names_custom.dat.txt")


def test_version_info_carries_the_version_of_pyproject() -> None:
    version = rules.app_version((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    text = rules.windows_version_info(version)
    assert f"StringStruct('ProductVersion', '{version}')" in text
    assert "StringStruct('OriginalFilename', 'Postil.exe')" in text
    numbers = tuple(int(n) for n in version.split(".")) + (0,) * (4 - len(version.split(".")))
    assert f"filevers={numbers!r}" in text


def test_version_info_evaluates_to_pyinstallers_structure() -> None:
    """PyInstaller eval()s the file with its versioninfo classes in scope (that module needs
    pefile, Windows only); stand-ins with the same signatures prove the text's shape here."""
    seen: dict[str, object] = {}

    def record(kind: str):
        def make(*args, **kwargs):
            seen.setdefault(kind, (args, kwargs))
            return kind

        return make

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable")
    scope = {name: record(name) for name in (*names, "StringStruct", "VarFileInfo", "VarStruct")}
    assert eval(rules.windows_version_info("2.5.1"), scope) == "VSVersionInfo"
    assert seen["FixedFileInfo"][1]["filevers"] == (2, 5, 1, 0)
    assert seen["StringTable"][0][0] == "040904B0"


def test_info_plist_declares_what_postil_opens() -> None:
    plist = rules.info_plist("1.2.3")
    data = plistlib.loads(plistlib.dumps(plist))  # valid plist types throughout
    assert data["NSHighResolutionCapable"] is True
    assert data["NSRequiresAquaSystemAppearance"] is False
    extensions = {e for t in data["CFBundleDocumentTypes"] for e in t["CFBundleTypeExtensions"]}
    assert {"html", "htm", "mhtml", "mht", "txt", "md"} <= extensions
    assert data["CFBundleShortVersionString"] == "1.2.3"
    schemes = {s for t in data["CFBundleURLTypes"] for s in t["CFBundleURLSchemes"]}
    assert schemes == {"postil"}  # postil:// links from briefs open the app
