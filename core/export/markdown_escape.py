"""Escaping for briefs: literal text stays literal, analysts' notes stay Markdown but contained.

Passages, titles and other literal text go through escape_line / quote_block: every character
that CommonMark, GitHub, Obsidian or pandoc could read as structure gets a backslash, and
whitespace a parser would strip or read as a line break (at a line's edges, runs of blank
lines, a CR) becomes a numeric character reference. Parsing the result gives back the text
exactly. Notes go through note_block, which keeps their Markdown but neutralises what could
leak out of them: headings, setext underlines, raw HTML, link reference definitions, block ids,
Obsidian comments and display maths.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import urlsplit

# Always escaped: inline markup (emphasis, code, links, HTML, tables, strikethrough, maths,
# footnotes and block ids, Obsidian tags and headings). Each is rare in prose.
_ALWAYS = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~$^#"})
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_DOUBLED = re.compile(r"(?<==)=|=(?==)|(?<=%)%|%(?=%)")  # ==highlight==, %%comment%%
# Line starts that open a block: bullets, ordered and pandoc's fancy lists, setext
# underlines, definition lists, example lists.
_LINE_START = re.compile(
    r"^(?:(?P<bullet>[-+=:])|(?P<num>(?:\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+))(?P<delim>[.)])"
    r"(?=\s|$)|(?P<paren>\()(?=[A-Za-z0-9]+\)|@))"
)


def _entity(ch: str) -> str:
    return f"&#{ord(ch)};"


def _escape_core(text: str) -> str:
    text = text.translate(_ALWAYS)
    if "&" in text:
        text = _ENTITY_LIKE.sub(r"\\&", text)
    if "=" in text or "%" in text:
        text = _DOUBLED.sub(lambda m: "\\" + m.group(0), text)
    match = _LINE_START.match(text)
    if match:
        if match.group("bullet") or match.group("paren"):
            text = "\\" + text
        else:
            cut = match.end("num")
            text = text[:cut] + "\\" + text[cut:]
    return text.replace("\r", "&#13;") if "\r" in text else text


@lru_cache(maxsize=4096)
def escape_line(text: str) -> str:
    """One line of literal text (a title, a tag, a colour's meaning) that renders as itself.

    Newlines become spaces: callers pass single-line values. Remembered: a brief escapes the
    same titles, sites and tags once a passage.
    """
    text = text.replace("\n", " ")
    core = text.strip()
    if not core:
        return "".join(_entity(ch) for ch in text)
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return (
        "".join(_entity(ch) for ch in text[:left])
        + _escape_core(core)
        + "".join(_entity(ch) for ch in text[right:])
    )


_NEWLINE_RUN = re.compile(r"\n+")


@lru_cache(maxsize=8192)  # a brief by tag quotes a passage once under each of its tags
def quote_block(text: str) -> str:
    """Literal text as a Markdown block quote whose parsed text is exactly text.

    One newline is a line break, one blank line a paragraph break; newlines a block quote
    cannot express (at either end, or more than one blank line) become &#10;.
    """
    lines: list[str] = []
    current = ""
    pos = 0
    for run in _NEWLINE_RUN.finditer(text):
        piece = text[pos : run.start()]
        count = len(run.group(0))
        pos = run.end()
        at_start = not piece and not lines and not current
        at_end = pos == len(text)
        current += escape_line(piece)
        if at_start or at_end:
            current += "&#10;" * count
            continue
        lines.append(current)
        current = ""
        if count >= 2:
            lines.append("")
            current = "&#10;" * (count - 2)
    current += escape_line(text[pos:])
    lines.append(current)
    return "\n".join(f"> {line}" if line else ">" for line in lines)


# -- notes -------------------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^( {0,3})(?=#{1,6}(?:[ \t]|$))")
_UNDERLINE = re.compile(r"^( {0,3})(?=(?:=+|-+|(?:-[ \t]*){3,})[ \t]*$)")
_REF_DEFINITION = re.compile(r"^( {0,3})(?=\[[^\]]*\]:)")
_BLOCK_ID = re.compile(r"(^|\s)\^(?=[A-Za-z0-9-]+\s*$)")
_TAG_START = re.compile(r"(?<!\\)((?:\\\\)*)<(?=[A-Za-z/!?])")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_DOUBLE_MARKS = re.compile(r"%%|\$\$")


def _outside_code(line: str, fix) -> str:
    """Apply fix to the parts of a line that are not inline code spans."""
    out, pos = [], 0
    for span in _CODE_SPAN.finditer(line):
        out.append(fix(line[pos : span.start()]))
        out.append(span.group(0))
        pos = span.end()
    out.append(fix(line[pos:]))
    return "".join(out)


def _neutralise_inline(part: str) -> str:
    pieces, pos = [], 0
    for link in _AUTOLINK.finditer(part):
        pieces.append(_TAG_START.sub(r"\1\\<", part[pos : link.start()]))
        pieces.append(link.group(0))
        pos = link.end()
    pieces.append(_TAG_START.sub(r"\1\\<", part[pos:]))
    joined = "".join(pieces)
    return _DOUBLE_MARKS.sub(lambda m: "".join("\\" + c for c in m.group(0)), joined)


def _neutralise_line(line: str) -> str:
    line = _ATX.sub(r"\1\\", line, count=1)
    line = _UNDERLINE.sub(r"\1\\", line, count=1)
    line = _REF_DEFINITION.sub(r"\1\\", line, count=1)
    line = _BLOCK_ID.sub(r"\1\\^", line, count=1)
    return _outside_code(line, _neutralise_inline)


@lru_cache(maxsize=8192)
def note_block(note: str, indent: str = "  ") -> str:
    """An analyst's note as Markdown indented under a list item, so that it renders as written
    but cannot end the item, add a heading, define a link for other notes or inject HTML.
    An unclosed code fence ends with the item. Lines inside code fences are left as written.
    """
    lines = note.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    out: list[str] = []
    fence: tuple[str, int] | None = None
    for line in lines:
        if fence is not None:
            out.append(line)
            stripped = line.lstrip(" ")
            if len(line) - len(stripped) <= 3 and re.fullmatch(
                rf"{re.escape(fence[0])}{{{fence[1]},}}[ \t]*", stripped
            ):
                fence = None
            continue
        opening = _FENCE_OPEN.match(line)
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = (opening.group(1)[0], len(opening.group(1)))
            out.append(line)
            continue
        out.append(_neutralise_line(line))
    return "\n".join(indent + line if line.strip() else "" for line in out)


# -- tags ------------------------------------------------------------------------------------

_NOT_TAG_CHAR = re.compile(r"[^\w/]|_", re.UNICODE)


@lru_cache(maxsize=4096)
def tag_ref(name: str) -> str:
    """A tag as Obsidian reads one: #word. Obsidian tags cannot hold spaces or punctuation, so
    every run of them becomes one hyphen ("supply chain" -> #supply-chain; "/" is kept, it
    nests tags). Underscores become hyphens too, so no renderer reads them as emphasis. A tag
    with no letter gets a "tag-" prefix (#2024 is not a tag to Obsidian). Headings and the
    front matter keep the tag's real name."""
    slug = re.sub(r"-{2,}", "-", _NOT_TAG_CHAR.sub("-", name))
    slug = re.sub(r"/{2,}", "/", slug).strip("-/")
    if not any(ch.isalpha() for ch in slug):
        slug = f"tag-{slug}" if slug else "tag"
    return f"#{slug}"


# -- links and front matter -------------------------------------------------------------------

_LINKABLE = ("http", "https")


def autolink(url: str) -> str:
    """A web URL as a CommonMark autolink; anything else (javascript:, file:) as literal text."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in _LINKABLE or not url.isprintable():
        return escape_line(url)
    safe = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"<{safe}>"


def _yaml_safe(ch: str) -> str:
    code = ord(ch)
    if 0x7F <= code <= 0x9F or code in (0xFEFF, 0xFFFE, 0xFFFF):
        return f"\\u{code:04x}"
    return ch


def yaml_value(value: object) -> str:
    """A scalar or list as YAML flow text: JSON's form, which YAML 1.2 reads as the same value,
    with the few characters YAML forbids escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return "".join(_yaml_safe(ch) for ch in text)


def forget_escapes() -> None:
    """Start a brief afresh: what was escaped is remembered within one brief (its titles,
    sites and tags, a passage under each of its tags), not from one brief to the next, so
    a brief's cost does not depend on the one made before it."""
    for cached in (escape_line, quote_block, note_block, tag_ref):
        cached.cache_clear()
