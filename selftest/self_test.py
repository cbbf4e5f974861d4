"""`postil --self-test [RESULT_FILE]`: prove that a build works on the machine it runs on.

An installer is built on one machine and run on another, where a missing Qt plugin, a data file
left out of the bundle or a module PyInstaller did not see shows up only when an analyst opens
the app. This runs the real code paths headless against a throw-away library and settings file:
window, sample import, an HTML page through the extractor, opening an article, a highlight,
re-opening the library, a brief, and the image formats articles use. A windowed build has no
console, so the verdict goes to a JSON file (default: postil-self-test.json in the temporary
folder); the exit code is 0 only if every check passed.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

RESULT_NAME = "postil-self-test.json"
FIRST_PARTY = ("core", "storage", "ui", "cli")
REQUIRED_IMAGE_FORMATS = ("png", "jpeg", "gif", "webp", "svg")

# 8x8 pictures of one colour (200, 40, 30), small enough to embed; each decoder must read it.
SAMPLE_IMAGES: dict[str, str] = {
    "png": "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFElEQVR4nGM8oSHHgA0wYRUdtBIA2IYBHhyFJMo"
    "AAAAASUVORK5CYII=",
    "jpeg": "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQ"
    "DQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQU"
    "FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAA"
    "AAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS"
    "0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJ"
    "ipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6"
    "/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJB"
    "UQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm"
    "Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna"
    "4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDxKiiivyo/tg//2Q==",
    "gif": "R0lGODdhCAAIAIEAAMgoHgAAAAAAAAAAACwAAAAACAAIAAAIDwABCBxIsKDBgwgTKkwYEAA7",
    "webp": "UklGRkAAAABXRUJQVlA4IDQAAADQAQCdASoIAAgAAMASJaACdLoB+AADsAD+98Rf/1lfz0fz0f5KP/20D+2gf"
    "20D/7TEAAAA",
}
SAMPLE_RGB = (200, 40, 30)

# A saved page as a browser writes it: navigation and a footer around the article, so the
# extractor (trafilatura and lxml, with their data files) has real work to do.
SAMPLE_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour cranes return to service | Example Gazette</title>
<meta property="og:title" content="Harbour cranes return to service">
<meta name="author" content="Lena Marsh">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>Harbour cranes return to service</h1>
<p>Three of the five gantry cranes at the northern terminal were back in service on Monday,
the port authority said, ending a stoppage that had lasted almost six weeks.</p>
<p>Shipping agents said the backlog of containers waiting on the quay would take until the end
of the month to clear, and that two lines had already moved their calls to other ports.</p>
<p>The remaining two cranes need new control systems, which the operator expects to receive
from its supplier in the spring.</p>
</article>
<footer>Copyright Example Gazette. All rights reserved.</footer>
</body></html>
"""
SAMPLE_PAGE_PHRASE = "gantry cranes at the northern terminal"


@dataclass(slots=True)
class Check:
    """One line of the verdict. missing_module names a first-party module that was not found,
    so a reader can tell "not written yet" (absent from the source too) from "left out of the
    bundle" (present in the source, absent from the build)."""

    name: str
    passed: bool
    detail: str
    seconds: float
    missing_module: str | None = None


class CheckFailed(Exception):
    """A check's own verdict that something is wrong (as opposed to a crash)."""


def default_result_path() -> Path:
    return Path(tempfile.gettempdir()) / RESULT_NAME


class _Run:
    """Runs checks in order; a check that needs an earlier one's result is skipped as failed
    when that result is missing, so one fault is reported once, not ten times."""

    def __init__(self) -> None:
        self.checks: list[Check] = []

    def check(self, name: str, body: Callable[[], str]) -> bool:
        started = time.perf_counter()
        missing = None
        try:
            detail = body()
            passed = True
        except CheckFailed as exc:
            passed, detail = False, str(exc)
        except ModuleNotFoundError as exc:
            passed = False
            name_missing = exc.name or ""
            if name_missing.split(".")[0] in FIRST_PARTY:
                missing = name_missing
                detail = f"module {name_missing} is not in this build"
            else:
                detail = f"dependency {name_missing or exc} is not in this build"
        except Exception as exc:
            passed = False
            detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}"
        seconds = round(time.perf_counter() - started, 3)
        self.checks.append(Check(name, passed, detail, seconds, missing))
        return passed

    def skip(self, name: str, because: str) -> None:
        self.checks.append(Check(name, False, f"not run: {because} failed", 0.0))


def _quote_from(text: str) -> str:
    """A passage of whole words, inside one paragraph, that occurs once in text."""
    for paragraph in text.split("\n"):
        words = paragraph.split()
        for start in range(0, max(0, len(words) - 5)):
            quote = " ".join(words[start : start + 6])
            if len(quote) >= 24 and text.count(quote) == 1:
                return quote
    raise CheckFailed("no passage of six words occurs exactly once in the article")


def _image_checks(run: _Run) -> None:
    from PySide6.QtGui import QColor, QImage, QImageReader

    from core.resources import resources_dir

    def formats() -> str:
        found = {bytes(f.data()).decode().lower() for f in QImageReader.supportedImageFormats()}
        missing = [f for f in REQUIRED_IMAGE_FORMATS if f not in found]
        if missing:
            raise CheckFailed(f"missing: {', '.join(missing)}; found: {', '.join(sorted(found))}")
        return "found: " + ", ".join(sorted(found))

    run.check("image_formats", formats)

    for fmt, encoded in SAMPLE_IMAGES.items():

        def decode(fmt: str = fmt, encoded: str = encoded) -> str:
            image = QImage()
            if not image.loadFromData(base64.b64decode(encoded)):
                raise CheckFailed(f"Qt could not decode a {fmt.upper()} picture")
            pixel = QColor(image.pixel(4, 4))
            got = (pixel.red(), pixel.green(), pixel.blue())
            if image.size().width() != 8 or any(
                abs(a - b) > 8 for a, b in zip(got, SAMPLE_RGB, strict=True)
            ):
                raise CheckFailed(f"decoded {image.size().toTuple()} with colour {got}")
            return f"8x8, colour {got}"

        run.check(f"decode_{fmt}", decode)

    def svg_icon() -> str:
        path = resources_dir() / "icons" / "postil.svg"
        image = QImage(str(path))
        if image.isNull():
            raise CheckFailed(f"could not render {path}")
        return f"{path.name} rendered at {image.width()}x{image.height()}"

    run.check("decode_svg_icon", svg_icon)


def _native_checks(run: _Run) -> None:
    """The libraries with native code or data of their own, which a freeze can leave
    behind without any import failing until an analyst opens such a file."""

    def pdf_reader() -> str:
        import pypdfium2

        made = pypdfium2.PdfDocument.new()
        made.new_page(200, 300)
        buffer = io.BytesIO()
        made.save(buffer)
        reopened = pypdfium2.PdfDocument(buffer.getvalue())
        width, height = reopened[0].get_size()
        if len(reopened) != 1 or round(width) != 200:
            raise CheckFailed(f"pdfium read back {len(reopened)} page(s) of {width}x{height}")
        return f"pdfium {pypdfium2.PDFIUM_INFO}: a page of {round(width)}x{round(height)}"

    run.check("pdf_reader", pdf_reader)

    def compression() -> str:
        from storage import originals

        data = b"<p>The port reopened.</p>" * 400
        stored = originals.pack(data)
        if originals.unpack(stored) != data:
            raise CheckFailed("a stored original does not read back as it was")
        return f"{len(data)} bytes stored in {len(stored)}"

    run.check("compressed_originals", compression)

    def stemming() -> str:
        import Stemmer

        stems = {lang: Stemmer.Stemmer(lang).stemWord(word) for lang, word in STEM_CASES}
        wrong = [lang for lang, word in STEM_CASES if stems[lang] == word]
        if wrong:
            raise CheckFailed(f"no stemming for {', '.join(wrong)}")
        return ", ".join(f"{lang}: {stem}" for lang, stem in stems.items())

    run.check("stemming", stemming)

    def documents() -> str:
        import docx
        import ebooklib.epub

        document = docx.Document()  # reads python-docx's default template from its data
        version = ".".join(str(n) for n in ebooklib.epub.VERSION)
        return f"python-docx ({len(document.styles)} styles), ebooklib {version}"

    run.check("word_and_epub", documents)


STEM_CASES = (("english", "elections"), ("russian", "латакии"), ("arabic", "الانتخابات"))


def _library_checks(run: _Run, folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from core.resources import resources_dir
    from storage.library import Library
    from ui.app.settings import settings_from_environment

    library_path = folder / "library.postil"
    state: dict[str, object] = {}

    def resources() -> str:
        base = resources_dir()
        manifest = base / "samples" / "manifest.json"
        if not manifest.is_file():
            raise CheckFailed(f"{manifest} is missing")
        entries = json.loads(manifest.read_text(encoding="utf-8"))["samples"]
        absent = [e["file"] for e in entries if not (base / "samples" / e["file"]).is_file()]
        if absent:
            raise CheckFailed(f"sample files missing from {base}: {', '.join(absent)}")
        state["samples"] = len(entries)
        from core.importers import title_model

        if title_model.shipped() is None:
            raise CheckFailed(f"the title model {title_model.DATA} is missing or stale")
        return f"{base} with {len(entries)} samples; the title model"

    if not run.check("resources", resources):
        return

    library = Library.open(library_path)
    state["library"] = library
    try:

        def window() -> str:
            from ui.shell.main_window import MainWindow
            from ui.theme.manager import ThemeManager

            app = QApplication.instance()
            settings = settings_from_environment()
            themes = ThemeManager(settings=settings, app=app)
            win = MainWindow(library=library, settings=settings, themes=themes)
            win.show()
            app.processEvents()
            state["window"] = win
            return f"{type(win).__name__} shown, theme {themes.current.name}"

        window_ok = run.check("main_window", window)

        def samples() -> str:
            from storage.samples import seed_if_new

            imported = seed_if_new(library)
            if imported != state["samples"]:
                raise CheckFailed(f"imported {imported} of {state['samples']} samples")
            titles = [a.title for a in library.articles.list()]
            return f"{imported} imported: {'; '.join(titles)}"

        samples_ok = run.check("import_samples", samples)

        def html_page() -> str:
            from core.importers.dispatch import import_bytes

            article = import_bytes(SAMPLE_PAGE, name="harbour.html", suffix=".html")
            if SAMPLE_PAGE_PHRASE not in article.text:
                raise CheckFailed(f"the article text lost its body: {article.text[:200]!r}")
            if "All rights reserved" in article.text:
                raise CheckFailed("the page's footer was kept as article text")
            outcome = library.articles.add(article)
            return f"“{article.title}”, {len(article.text)} characters, #{outcome.article_id}"

        run.check("import_html_page", html_page)

        def folder_import() -> str:
            """Folder imports parse in worker processes: in a frozen build those need
            multiprocessing.freeze_support(), and the workers must find every importer."""
            from core.importers.batch import parse_paths
            from core.importers.errors import ImportRefused

            batch = folder / "batch"
            batch.mkdir(exist_ok=True)
            (batch / "harbour.html").write_bytes(SAMPLE_PAGE)
            (batch / "note.md").write_text(
                "---\ntitle: A note\n---\n\nA short note with a body to import.\n", encoding="utf-8"
            )
            (batch / "empty.txt").write_bytes(b"")
            outcomes = {path.name: parsed for path, parsed in parse_paths([batch], workers=2)}
            imported = sorted(n for n, p in outcomes.items() if not isinstance(p, ImportRefused))
            if imported != ["harbour.html", "note.md"] or not isinstance(
                outcomes.get("empty.txt"), ImportRefused
            ):
                raise CheckFailed(f"worker processes gave {outcomes!r}")
            return f"{len(outcomes)} files parsed in worker processes, 1 refused as expected"

        run.check("folder_import", folder_import)

        if not (window_ok and samples_ok):
            for name in ("open_article", "highlight", "reopen_library", "export_brief"):
                run.skip(name, "main_window or import_samples")
            return

        def open_article() -> str:
            win = state["window"]
            article_id = library.articles.list()[0].id
            win.open_article(article_id)
            QApplication.processEvents()
            if win.view.article is None or win.view.article.id != article_id:
                raise CheckFailed(f"the reader does not show article #{article_id}")
            shown = win.view.toPlainText()
            if len(shown.strip()) < 20:
                raise CheckFailed(f"the reader shows almost nothing: {shown!r}")
            state["article_id"] = article_id
            return f"#{article_id} “{win.view.article.title}”, {len(shown)} characters shown"

        if not run.check("open_article", open_article):
            for name in ("highlight", "reopen_library", "export_brief"):
                run.skip(name, "open_article")
            return

        def highlight() -> str:
            from storage.highlighting import annotate_quote

            win = state["window"]
            article_id = state["article_id"]
            quote = _quote_from(library.articles.get(article_id).text)
            annotation_id = annotate_quote(
                library, article_id, quote, color="yellow", tags=["self-test"], note="checked"
            )
            win.annotation_actions.refresh_highlights()
            QApplication.processEvents()
            painted = [s.cursor.selectedText() for s in win.view.extraSelections()]
            if quote not in painted:
                raise CheckFailed(f"the reader paints {painted!r}, not {quote!r}")
            state["quote"], state["annotation_id"] = quote, annotation_id
            return f"#{annotation_id} “{quote}” anchored and painted"

        if not run.check("highlight", highlight):
            for name in ("reopen_library", "export_brief"):
                run.skip(name, "highlight")
            return

        def reopen() -> str:
            win = state.pop("window")
            win.close()
            win.deleteLater()
            QApplication.processEvents()
            count = library.articles.count()
            library.close()
            with Library.open(library_path) as again:
                if again.articles.count() != count:
                    raise CheckFailed(f"{again.articles.count()} articles after re-opening")
                found = again.annotations.get(state["annotation_id"])
                if found.quote != state["quote"] or "self-test" not in found.tags:
                    raise CheckFailed(f"the highlight came back as {found!r}")
            return f"{count} articles and highlight #{found.id} found after re-opening"

        reopened = run.check("reopen_library", reopen)
        state["library"] = None
        if not reopened:
            run.skip("export_brief", "reopen_library")
            return

        def export() -> str:
            import importlib

            importlib.import_module("core.export")
            from cli.main import run_cli

            out = folder / "brief.md"
            errors = io.StringIO()
            with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
                code = run_cli(
                    [
                        "--library",
                        str(library_path),
                        "export",
                        str(state["article_id"]),
                        "-o",
                        str(out),
                    ]
                )
            if code != 0:
                raise CheckFailed(f"export exited {code}: {errors.getvalue().strip()}")
            if not out.is_file():
                raise CheckFailed("export succeeded but wrote no file")
            brief = out.read_text(encoding="utf-8")
            if state["quote"] not in brief:
                raise CheckFailed(f"the brief does not quote the highlight: {brief[:300]!r}")
            return f"{out.name}: {len(brief)} characters, quotes the highlight"

        run.check("export_brief", export)
    finally:
        win = state.get("window")
        if win is not None:
            win.close()
        if state.get("library") is not None:
            library.close()


def run_checks(folder: Path) -> list[Check]:
    """Every check, in order, with its data in folder."""
    from PySide6.QtWidgets import QApplication

    run = _Run()
    app = QApplication.instance()

    def qt() -> str:
        from PySide6.QtCore import qVersion

        from ui.app.application import PostilApplication

        nonlocal app
        if app is None:
            app = PostilApplication([sys.argv[0] if sys.argv else "postil"])
        return f"Qt {qVersion()}, platform {app.platformName()}"

    if not run.check("qt_application", qt):
        return run.checks
    _image_checks(run)
    _native_checks(run)
    _library_checks(run, folder)
    return run.checks


def write_result(path: Path, checks: list[Check], started: float) -> None:
    from ui.app.launch import launch  # noqa: F401  (proves the launcher is in the build)

    result = {
        "passed": bool(checks) and all(c.passed for c in checks),
        "checks": [asdict(c) for c in checks],
        "failed": [c.name for c in checks if not c.passed],
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "seconds": round(time.perf_counter() - started, 3),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run_self_test(result_path: str | None = None) -> int:
    """Run every check; write the JSON verdict; 0 only if all passed."""
    from ui.app.settings import SETTINGS_ENV

    started = time.perf_counter()
    path = Path(result_path) if result_path else default_result_path()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    saved_settings = os.environ.get(SETTINGS_ENV)
    with tempfile.TemporaryDirectory(prefix="postil-self-test-") as tmp:
        folder = Path(tmp)
        os.environ[SETTINGS_ENV] = str(folder / "settings.ini")
        try:
            checks = run_checks(folder)
        except Exception as exc:  # the verdict file must be written whatever happens
            checks = [Check("self_test", False, f"{type(exc).__name__}: {exc}", 0.0)]
        finally:
            if saved_settings is None:
                os.environ.pop(SETTINGS_ENV, None)
            else:
                os.environ[SETTINGS_ENV] = saved_settings
    write_result(path, checks, started)
    failed = [c.name for c in checks if not c.passed]
    if sys.stdout is not None:  # a windowed build on Windows has no console at all
        verdict = "all passed" if not failed else f"FAILED: {', '.join(failed)}"
        print(f"postil self-test: {len(checks)} checks, {verdict}; details in {path}")
    return 0 if not failed else 1
