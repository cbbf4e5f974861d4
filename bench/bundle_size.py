"""How much Postil weighs in an installer, against a bare PySide6 window built the same way.

    .venv/bin/python -m bench.bundle_size [--xz] [--keep DIR]

Builds Postil with build.spec and, in the same run, a QMainWindow holding a QTextBrowser
with the same PyInstaller options, excludes and Qt filtering (packaging/freeze_rules.py), then
prints the size of each built folder and of its compressed archive (zip, or tar.xz with
--xz, closer to what Inno Setup's LZMA2 and a compressed DMG achieve), and the ratios.
Target: Postil at most 1.05x the bare window. Both builds start from an empty work folder
so neither reuses the other's analysis.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from bench.results import record

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.05

BARE_SCRIPT = '''"""The baseline: the least a PySide6 reader window needs."""
import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTextBrowser())
window.show()
sys.exit(0 if "--exit" in sys.argv else app.exec())
'''

# The same options as build.spec, for one script; the rules come from the same module.
BARE_SPEC = """# ruff: noqa
import sys
sys.path.insert(0, {packaging!r})
import freeze_rules

a = Analysis([{script!r}], excludes=freeze_rules.EXCLUDES, noarchive=False, optimize=0)
a.binaries = freeze_rules.prune_orphans(freeze_rules.filter_toc(a.binaries))
a.datas = freeze_rules.filter_toc(a.datas, data=True)
pyz = PYZ(a.pure)
strip = not sys.platform.startswith(("win", "darwin"))
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="Bare", console=False,
          strip=strip, upx=False)
coll = COLLECT(exe, a.binaries, a.datas, strip=strip, upx=False, name="Bare")
"""


def build(spec: Path, base: Path) -> tuple[Path, float]:
    """Run PyInstaller on spec into base/dist; returns the folder and the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(base / "dist"),
            "--workpath",
            str(base / "work"),
            str(spec),
        ],
        cwd=base,
        check=True,
    )
    folders = [p for p in (base / "dist").iterdir() if p.is_dir() and p.suffix != ".app"]
    return folders[0], time.perf_counter() - started


def folder_size(folder: Path) -> int:
    """Bytes of regular files; symlinks count as nothing, as they do in an archive."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def archive_size(folder: Path, out: Path, *, xz: bool) -> int:
    if xz:
        target = out.with_suffix(".tar.xz")
        with tarfile.open(target, "w:xz", preset=6) as tar:
            tar.add(folder, arcname=folder.name)
    else:
        target = out.with_suffix(".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.write(path, path.relative_to(folder.parent))
    return target.stat().st_size


def largest(folder: Path, count: int = 12) -> list[tuple[int, str]]:
    """The heaviest top-level entries of the bundle's _internal folder, to see what to trim."""
    internal = folder / "_internal"
    sizes = []
    for entry in internal.iterdir():
        size = folder_size(entry) if entry.is_dir() else entry.stat().st_size
        sizes.append((size, entry.name))
    return sorted(sizes, reverse=True)[:count]


def mb(size: int) -> str:
    return f"{size / 1_000_000:7.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xz", action="store_true", help="tar.xz instead of zip (slower)")
    parser.add_argument("--keep", type=Path, help="build here and keep the results")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory(prefix="postil-bundle-size-") as tmp:
        base = args.keep or Path(tmp)
        bare_dir, postil_dir = base / "bare", base / "postil"
        bare_dir.mkdir(parents=True, exist_ok=True)
        postil_dir.mkdir(parents=True, exist_ok=True)
        script = bare_dir / "bare.py"
        script.write_text(BARE_SCRIPT, encoding="utf-8")
        spec = bare_dir / "bare.spec"
        spec.write_text(
            BARE_SPEC.format(packaging=str(ROOT / "packaging"), script=str(script)),
            encoding="utf-8",
        )

        bare, bare_seconds = build(spec, bare_dir)
        postil, postil_seconds = build(ROOT / "build.spec", postil_dir)

        kind = "tar.xz" if args.xz else "zip"
        rows = []
        for name, folder, seconds in (
            ("bare window", bare, bare_seconds),
            ("Postil", postil, postil_seconds),
        ):
            rows.append(
                (
                    name,
                    folder_size(folder),
                    archive_size(folder, base / f"{name.split()[0]}", xz=args.xz),
                    seconds,
                )
            )
        (_, bare_folder, bare_archive, _), (_, postil_folder, postil_archive, _) = rows

        print(f"{'':12} {'folder':>10} {kind:>10} {'build':>8}")
        for name, folder_bytes, archive_bytes, seconds in rows:
            print(f"{name:12} {mb(folder_bytes)} {mb(archive_bytes)} {seconds:6.0f} s")
        folder_ratio = postil_folder / bare_folder
        archive_ratio = postil_archive / bare_archive
        print(f"ratio folder  {folder_ratio:.3f}x  (target <= {TARGET_RATIO}x)")
        print(f"ratio {kind:7} {archive_ratio:.3f}x  (target <= {TARGET_RATIO}x)")
        for what, ours, bare, ratio in (
            ("folder", postil_folder, bare_folder, folder_ratio),
            (kind, postil_archive, bare_archive, archive_ratio),
        ):
            record(
                f"Postil {what}: {mb(ours).strip()}",
                ratio=ratio,
                baseline=f"bare window {mb(bare).strip()}",
                target=f"<= {TARGET_RATIO:.2f}x",
                met=ratio <= TARGET_RATIO,
            )
        print("Postil's heaviest parts:")
        for size, name in largest(postil):
            print(f"  {mb(size)}  {name}")
        met = max(folder_ratio, archive_ratio) <= TARGET_RATIO
        print("target met" if met else "target NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
