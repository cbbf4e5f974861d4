"""Images a saved page carries: files beside it, MHTML parts and data: URIs. Raster formats
only, recognised by their first bytes; nothing is ever fetched from the network."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit

from core.article import Image

MAX_IMAGE_BYTES = 20 * 1024 * 1024

# The caller's way of finding an image's bytes from its src, or None.
ImageLookup = Callable[[str], bytes | None]


def raster_mime(data: bytes) -> str | None:
    """The MIME type of a PNG, JPEG, GIF, WebP or BMP image, by its magic bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"BM") and len(data) > 26:
        return "image/bmp"
    return None


def data_uri_bytes(uri: str) -> bytes | None:
    """The bytes a data: URI holds, or None when it is malformed."""
    if uri[:5].lower() != "data:" or "," not in uri:
        return None
    header, _, payload = uri[5:].partition(",")
    try:
        if header.lower().endswith(";base64"):
            return base64.b64decode("".join(unquote(payload).split()), validate=False)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None


def folder_lookup(folder: Path) -> ImageLookup:
    """Relative srcs read from the saved page's folder, never from outside it."""
    root = folder.resolve()

    def lookup(src: str) -> bytes | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        try:
            path = (root / unquote(parts.path).lstrip("/")).resolve()
        except (OSError, ValueError, RuntimeError):
            return None
        if not path.is_relative_to(root) or not path.is_file():
            return None
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                return None
            return path.read_bytes()
        except OSError:
            return None

    return lookup


def parts_lookup(parts: Mapping[str, bytes], base_url: str | None) -> ImageLookup:
    """Images among an MHTML file's parts, by Content-Location or cid:."""

    def lookup(src: str) -> bytes | None:
        if src in parts:
            return parts[src]
        if base_url:
            try:
                return parts.get(urljoin(base_url, src))
            except ValueError:
                return None
        return None

    return lookup


class ImageCollector:
    """Turns srcs into stored images: each distinct image once, keyed by its hash."""

    def __init__(self, lookup: ImageLookup | None) -> None:
        self._lookup = lookup
        self.images: dict[str, Image] = {}

    def key_for(self, src: str | None, inline: Mapping[str, bytes] | None = None) -> str | None:
        """The stored image's key, or None for a remote or unreadable image (a placeholder)."""
        if not src:
            return None
        data = None
        if inline and src in inline:
            data = inline[src]
        elif src[:5].lower() == "data:":
            data = data_uri_bytes(src)
        elif self._lookup is not None:
            data = self._lookup(src)
        return keep_image(self.images, data)


def keep_image(images: dict[str, Image], data: bytes | None) -> str | None:
    """Keep a picture the input carries among `images` (by its content's key, so one picture
    used twice is stored once) and return that key; None for what is empty, too large, or
    not a raster picture Postil shows (the reader then draws a placeholder)."""
    if not data or len(data) > MAX_IMAGE_BYTES:
        return None
    mime = raster_mime(data)
    if mime is None:
        return None
    image = Image.from_bytes(data, mime)
    images.setdefault(image.key, image)
    return image.key
