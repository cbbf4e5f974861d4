"""A hostile saved page: every way a page can run code or call home, around a real article.

Shared by the no-network test (which serves the referenced resources and counts requests)
and the fuzz tests (which mutate it).
"""

from __future__ import annotations

ARTICLE = [
    "Container traffic through the port of Latakia rose for a third consecutive month in "
    "February, according to figures published by the port authority on Sunday.",
    "Shipping agents said the increase reflected a backlog of building materials and "
    "foodstuffs rather than a lasting recovery of trade, and warned against reading too much "
    "into a single quarter.",
    "Traders pointed to two obstacles: slow customs clearance and electricity shortages that "
    "limit the hours the terminal's cranes can operate, sometimes to six hours a day.",
    "A customs official, speaking on condition of anonymity, said new scanning equipment "
    "would arrive before the summer and cut clearance times by half.",
]


def hostile_page(base: str) -> str:
    """An article page whose every active or remote part points at base (http://host:port)."""
    paragraphs = "\n".join(
        f'<p onclick="steal()" onmouseover="track({n})" style="background:url({base}/bg{n}.png)">'
        f"{text} <a href=\"javascript:alert('{n}')\">more</a> "
        f'<a href="{base}/story{n}" onclick="x()">source {n}</a></p>'
        for n, text in enumerate(ARTICLE)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Port traffic recovers</title>
<meta http-equiv="refresh" content="0; url={base}/refresh">
<link rel="stylesheet" href="{base}/style.css">
<link rel="preload" as="font" href="{base}/font-preload.woff2">
<link rel="prefetch" href="{base}/prefetch">
<link rel="icon" href="{base}/favicon.ico">
<style>
@import url("{base}/imported.css");
@font-face {{ font-family: Spy; src: url("{base}/font.woff2") format("woff2"); }}
body {{ font-family: Spy; background-image: url({base}/body-bg.png); }}
</style>
<script src="{base}/script.js"></script>
<script>fetch("{base}/inline-fetch"); document.write('<img src="{base}/written.png">');</script>
<base href="{base}/base/">
</head>
<body onload="fetch('{base}/onload')">
<article>
<h1>Port traffic recovers</h1>
{paragraphs}
<img src="{base}/photo.jpg" srcset="{base}/photo-2x.jpg 2x, {base}/photo-3x.jpg 3x"
     alt="Cranes at the terminal" onerror="fetch('{base}/onerror')">
<picture><source srcset="{base}/picture.webp" type="image/webp">
<img src="{base}/picture.jpg" alt="Quay"></picture>
<img src="{base}/pixel.gif?uid=123" width="1" height="1" alt="">
<svg><image href="{base}/svg-image.png"/><script>fetch("{base}/svg-script")</script></svg>
<iframe src="{base}/frame.html" width="600" height="400"></iframe>
<object data="{base}/object.swf"></object><embed src="{base}/embed.swf">
<video src="{base}/video.mp4" poster="{base}/poster.jpg"></video>
<audio src="{base}/audio.mp3"></audio>
<form action="{base}/collect" method="post"><input name="email" value="you@example.org">
<button formaction="{base}/button">Subscribe</button></form>
<p>The authority expects traffic to stabilise once the new cranes are installed.
<a href="JaVaScRiPt:fetch('{base}/mixed-case')">details</a>
<a href="data:text/html,<script>fetch('{base}/data')</script>">data link</a>
<a href="file:///etc/passwd">a file</a>
<a href="mailto:desk@example.org">write to the desk</a></p>
</article>
<noscript><img src="{base}/noscript-pixel.gif"></noscript>
</body></html>
"""


def as_mhtml(html: str, location: str) -> bytes:
    """The page wrapped as a browser's 'Save as MHTML' would."""
    body = html.encode("utf-8")
    return (
        b"From: <Saved by Blink>\r\n"
        b"Snapshot-Content-Location: " + location.encode() + b"\r\n"
        b"Subject: Port traffic recovers\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; type="text/html"; boundary="----b"\r\n\r\n'
        b"------b\r\n"
        b"Content-Type: text/html\r\n"
        b"Content-Transfer-Encoding: binary\r\n"
        b"Content-Location: " + location.encode() + b"\r\n\r\n" + body + b"\r\n"
        b"------b--\r\n"
    )


MARKDOWN_NOTE = """---
title: Port traffic recovers
url: https://gazette.example.org/port
---

# Port traffic recovers

Container traffic through the port rose for a **third** consecutive month.

> Shipping agents said the increase reflected a backlog.

- customs clearance
  - electricity shortages
1. cranes

[click](javascript:alert(1)) ![pixel](http://127.0.0.1:9/pixel.gif) <script>alert(1)</script>
<iframe src="http://127.0.0.1:9/frame"></iframe>

```
code block
```
"""
