"""Finding and rendering brief templates: the presets shipped beside this module and the
analyst's own, in a templates folder under Postil's configuration folder.

Templates run in Jinja2's SandboxedEnvironment and see only core.export.brief_data's plain
data, so a template handed around by colleagues cannot call into the program. HTML
templates are autoescaped. Any template problem (syntax, an unknown field, a sandbox
refusal) becomes one TemplateProblem naming the template and its line: the caller reports
it and writes nothing.

A template file is NAME.FORMAT.j2 (brief-by-tag.md.j2, mine.html.j2); FORMAT is md, html or
csv. A user template with a preset's name and format replaces that preset.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from core.export.brief import Brief
from core.export.brief_data import NAMES, brief_data
from core.export.csv_table import render_csv
from core.export.markdown_escape import (
    autolink,
    escape_line,
    forget_escapes,
    note_block,
    quote_block,
    tag_ref,
)
from core.export.markdown_escape import yaml_value as _yaml_value

PRESETS_DIR = Path(__file__).with_name("templates")
TEMPLATES_ENV = "POSTIL_TEMPLATES"  # a templates folder instead of the configuration one
FORMATS = ("md", "html", "csv")
SUFFIX = ".j2"
TABLE = "highlights-table"  # the CSV preset, rendered by code (csv module quoting)
PRESET_TITLES = {
    "brief-by-tag": "Brief by tag",
    "brief-by-article": "Brief by article",
    "annotated-article": "Annotated article",
    "obsidian-note": "Obsidian note",
    TABLE: "Highlights table",
}


class TemplateProblem(ValueError):
    """A template that cannot be used; str() is one line with its name and line number."""


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    name: str  # brief-by-tag
    format: str  # md, html or csv
    path: Path | None  # None for a template rendered by code
    builtin: bool

    @property
    def title(self) -> str:
        base = PRESET_TITLES.get(self.name, self.name) if self.builtin else self.name
        return base if self.builtin else f"{base} (yours)"

    @property
    def label(self) -> str:
        return f"{self.title} — {self.format.upper()}"


def user_templates_dir() -> Path:
    """Where the analyst's templates live: $POSTIL_TEMPLATES, else <config>/templates (the
    same for the command line and the window)."""
    chosen = os.environ.get(TEMPLATES_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_config_dir("Postil", "Postil", roaming=True)) / "templates"


def _parse_name(path: Path) -> tuple[str, str] | None:
    if not path.name.endswith(SUFFIX) or path.name.startswith(("_", ".")):
        return None
    stem = path.name[: -len(SUFFIX)]
    name, dot, fmt = stem.rpartition(".")
    if not dot or not name or fmt not in FORMATS:
        return None
    return name, fmt


def _scan(folder: Path, builtin: bool) -> list[TemplateInfo]:
    try:
        paths = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    found = []
    for path in paths:
        parsed = _parse_name(path)
        if parsed:
            found.append(TemplateInfo(parsed[0], parsed[1], path, builtin))
    return found


def _preset_order(info: TemplateInfo) -> tuple[int, int]:
    names = list(PRESET_TITLES)
    rank = names.index(info.name) if info.name in names else len(names)
    return rank, FORMATS.index(info.format)


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """Presets in their fixed order, then the analyst's templates by name. A user template
    with a preset's name and format replaces the preset."""
    user = _scan(user_dir or user_templates_dir(), builtin=False)
    mine = {(t.name, t.format) for t in user}
    presets = [*_scan(PRESETS_DIR, builtin=True), TemplateInfo(TABLE, "csv", None, True)]
    presets = [t for t in presets if (t.name, t.format) not in mine]
    return sorted(presets, key=_preset_order) + user


def find_template(
    wanted: str, fmt: str | None = None, user_dir: Path | None = None
) -> TemplateInfo:
    """A template by name (and format, when it has several), or a template file's path."""
    path = Path(wanted)
    if wanted.endswith(SUFFIX) and path.is_file():
        parsed = _parse_name(path)
        if parsed is None:
            raise TemplateProblem(
                f"template {path.name}: name it NAME.FORMAT.j2, FORMAT one of {', '.join(FORMATS)}"
            )
        return TemplateInfo(parsed[0], parsed[1], path, builtin=False)
    every = list_templates(user_dir)
    named = [t for t in every if t.name == wanted or t.title == wanted]
    if not named:
        names = ", ".join(dict.fromkeys(t.name for t in every))
        raise TemplateProblem(f"there is no template {wanted!r}; choose one of {names}")
    if fmt is None:
        return named[0]
    for t in named:
        if t.format == fmt:
            return t
    offered = ", ".join(t.format for t in named)
    raise TemplateProblem(f"template {wanted!r} has no {fmt} version (it offers {offered})")


# -- rendering -------------------------------------------------------------------------------


def _safe_url(url: object) -> str | None:
    """A link a brief may carry: web and postil:// links only (never javascript: or file:)."""
    if isinstance(url, str) and url.startswith(("http://", "https://", "postil://")):
        return url
    return None


def _md_dest(url: object) -> str:
    """A URL as a Markdown link destination in angle brackets, whatever it holds."""
    text = str(url).replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return "<" + text.replace("\n", "%0A").replace("\r", "%0D") + ">"


def _yaml(value: object) -> str:
    return _yaml_value(value)


FILTERS: dict[str, Callable[..., Any]] = {
    "md": lambda text: escape_line(str(text)),
    "md_quote": lambda text: quote_block(str(text)),
    "md_note": lambda text, indent="  ": note_block(str(text), indent),
    "md_tag": lambda text: tag_ref(str(text)),
    "md_link": lambda url: autolink(str(url)),
    "md_dest": _md_dest,
    "yaml": _yaml,
    "safe_url": _safe_url,
}


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.endswith((".html.j2", ".htm.j2"))


class _BriefEnvironment(SandboxedEnvironment):
    """The sandbox, with `p.quote` on the model's plain dicts read as the key it names.

    Jinja looks for an attribute first and for an item only when that fails, and the
    sandbox then vets what it found: on a brief of 5,000 passages that was a third of the
    rendering. A key of a plain dict is what the template means and is always safe; any
    other name (a dict's methods, like `scope.items`) goes the sandbox's way."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@lru_cache(maxsize=8)
def _environment(folders: tuple[str, ...]) -> SandboxedEnvironment:
    env = _BriefEnvironment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
    env.filters.update(FILTERS)
    return env


def _where(exc: BaseException, info: TemplateInfo) -> str:
    """'template NAME, line N' for the innermost template frame the error went through."""
    name = info.path.name if info.path else info.name
    line = getattr(exc, "lineno", None)
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        name = Path(exc.filename).name
    else:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(SUFFIX):
                name, line = Path(frame.filename).name, frame.lineno
                break
    return f"template {name}, line {line}" if line else f"template {name}"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def names_read(env: jinja2.Environment, name: str, seen: set[str] | None = None) -> set[str]:
    """The top-level names a template can read, through the templates it imports, includes
    or extends: only those parts of the brief's model are made. A template named by an
    expression (which could be any) reads them all."""
    from jinja2 import meta

    seen = set() if seen is None else seen
    if name in seen:
        return set()
    seen.add(name)
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    tree = env.parse(source)
    names = set(meta.find_undeclared_variables(tree))
    for other in meta.find_referenced_templates(tree):
        if other is None:
            return set(NAMES)
        names |= names_read(env, other, seen)
    return names


def render(brief: Brief, info: TemplateInfo, user_dir: Path | None = None) -> str:
    """The brief through a template; raises TemplateProblem, never a half result."""
    if info.path is None:
        return render_csv(brief_data(brief))
    forget_escapes()
    folders = [str(info.path.parent), str(user_dir or user_templates_dir()), str(PRESETS_DIR)]
    env = _environment(tuple(dict.fromkeys(folders)))
    try:
        template = env.get_template(info.path.name)
        text = template.render(brief_data(brief, names_read(env, info.path.name)))
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise TemplateProblem(f"{_where(exc, info)}: {_one_line(exc)}") from None
    if info.format == "csv":
        return text
    return text.rstrip("\n") + "\n"
