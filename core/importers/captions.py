"""A saved page's picture captions, folded into their pictures before extraction.

The reader shows an image's alt text as the caption under the picture, and the caption is
not body text (search, anchoring and briefs never see it). So each caption (a <figcaption>, an
element whose class says caption, a photo credit in a figure) becomes its picture's alt text
and leaves the page, where extraction with images on would keep it as a paragraph.

What a page showed under the picture wins over its alt attribute, which only a screen reader
reads out. A caption belongs to the picture of its own figure, never to one further up the
page: the nearest picture is looked for only while the enclosing element holds little text
beside the caption (a figure, a captioned frame), not once it is the article itself. An
element whose class says caption but which holds its picture is such a frame: its text is the
caption, its picture stays. A figure whose picture was not saved (no image, or an image with
no source) keeps its caption on a placeholder image; a figure of text (a table, a quotation)
keeps its caption as text.
"""

from __future__ import annotations

from typing import Any

from core.importers import tuning as t

# The src of a picture the page did not carry: the importer finds no image under that name
# and keeps an "image not saved" placeholder with the caption.
UNSAVED_IMAGE = "postil-unsaved-image.png"

_CAPTIONS = (
    "//figcaption"
    " | //*[contains(@class, 'caption') or contains(@id, 'caption')][not(self::body)]"
    " | //*[contains(@class, 'credit')][ancestor::figure]"
)
_NEVER = frozenset({"html", "body", "article", "main"})
# What a caption never holds: an element that does is the captioned frame, not its caption.
_MEDIA_TAGS = frozenset({"img", "picture", "video", "audio", "iframe", "object", "embed"})
_MEDIA = " | ".join(f".//{tag}" for tag in sorted(_MEDIA_TAGS))
_PLAYERS = " | ".join(f".//{tag}" for tag in sorted(_MEDIA_TAGS - {"img", "picture"}))
# What makes a figure one of text, whose caption is read with it.
_TEXT_FIGURE = ".//table | .//blockquote | .//pre | .//code | .//ul | .//ol | .//dl | .//p"
# Text beside the caption that a picture's frame may hold (a credit, a "zoom" label): an
# element with more is part of the article, and its pictures are not this caption's. This
# and the other limits are in core.importers.tuning.


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _holds_text_beyond(element: Any, caption_length: int) -> bool:
    """Whether the element holds more than a frame's text beside its caption: read only as
    far as needed, so a caption deep in a long page does not read the whole page."""
    limit = caption_length + t.CAPTION_FRAME_CHARS
    total = 0
    for piece in element.itertext():
        total += len(_squeeze(piece))
        if total > limit:
            return True
    return False


def _pictures(element: Any) -> list[Any]:
    """The element's images, but for copies in <noscript> (the same picture for readers
    without scripts)."""
    return [
        img
        for img in element.iter("img")
        if not any(a.tag == "noscript" for a in img.iterancestors())
    ]


def _usable(element: Any) -> bool:
    """A caption short enough to be one; a frame only when it holds a single picture (one
    with several is a gallery, one with a video is not a picture's)."""
    if element.tag in _NEVER or element.tag in _MEDIA_TAGS or element.getparent() is None:
        return False
    text = _squeeze(element.text_content())
    long_part = f".//p[string-length(normalize-space()) > {t.MAX_CAPTION_CHARS}]"
    if len(text) > t.MAX_CAPTION_CHARS or element.xpath(long_part):
        return False
    if element.xpath(_MEDIA):
        return len(_pictures(element)) == 1 and not element.xpath(_PLAYERS)
    return True


def _candidates(tree: Any) -> list[Any]:
    """Caption elements and captioned frames, the outermost of those that may be folded."""
    found = [e for e in tree.xpath(_CAPTIONS) if _usable(e)]
    chosen = set(found)
    return [e for e in found if not any(a in chosen for a in e.iterancestors())]


def _nearest(holder: Any, caption: Any) -> Any | None:
    """The picture a caption is about: the last one before it, else the first after it."""
    images: list[Any] = []
    at = 0
    for element in holder.iter("img", caption.tag):
        if element is caption:
            at = len(images)
        elif element.tag == "img" and not any(a.tag == "noscript" for a in element.iterancestors()):
            images.append(element)
    if not images:
        return None
    return images[at - 1] if at else images[0]


def _picture_of(caption: Any, caption_length: int) -> tuple[Any | None, Any | None]:
    """The caption's picture and its figure (either may be None)."""
    figure = next(iter(caption.xpath("ancestor::figure[1]")), None)
    holder = caption.getparent()
    for _ in range(t.CAPTION_CLIMB):
        if holder is None or _holds_text_beyond(holder, caption_length):
            break  # climbed out of the picture's frame into the text
        image = _nearest(holder, caption)
        if image is not None:
            return image, figure
        if holder is figure:
            break
        holder = holder.getparent()
    return None, figure


def _placeholder(caption: Any, figure: Any, caption_length: int) -> Any | None:
    """An image put where a figure's missing picture was, or None for a figure of text."""
    if figure is None:
        return None
    inside = set(caption.iter())
    if any(e not in inside for e in figure.xpath(_TEXT_FIGURE)):
        return None
    if _holds_text_beyond(figure, caption_length):
        return None
    image = caption.makeelement("img", {"src": UNSAVED_IMAGE})
    caption.addprevious(image)
    return image


def _strip_frame(frame: Any, picture: Any) -> None:
    """Take a captioned frame's text out, its picture (and the link around it) kept."""
    keep = {frame, picture, *picture.iterancestors()}
    for element in list(frame.iter()):
        if element in keep:
            element.text = None
            for child in element:
                child.tail = None
            continue
        parent = element.getparent()
        if parent is not None and parent in keep:
            element.drop_tree()


def fold_captions(tree: Any) -> None:
    """Every caption becomes its picture's alt text (several, such as a caption and a credit,
    joined) and is taken out of the page."""
    texts: dict[Any, list[tuple[bool, str]]] = {}
    for caption in _candidates(tree):
        text = _squeeze(caption.text_content())
        framed = _pictures(caption) if caption.xpath(_MEDIA) else []
        if framed:
            if text:
                texts.setdefault(framed[0], []).append((False, text))
            _strip_frame(caption, framed[0])
            continue
        image, figure = _picture_of(caption, len(text))
        if image is None and text:
            image = _placeholder(caption, figure, len(text))
            if image is None and figure is not None:
                continue  # a table's or a quotation's caption: text, read with it
        if image is not None and text:
            texts.setdefault(image, []).append((caption.tag != "figcaption", text))
        caption.drop_tree()
    for image, found in texts.items():
        kept: list[str] = []
        for _, text in sorted(found, key=lambda item: item[0]):  # the figcaption first
            if not any(text.casefold() in other.casefold() for other in kept):
                kept.append(text)
        image.set("alt", " ".join(kept)[: t.MAX_ALT_CHARS])
        if not (image.get("src") or "").strip():
            image.set("src", UNSAVED_IMAGE)  # its sources were not kept: a placeholder
