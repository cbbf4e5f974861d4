"""Two captures of one made-up article, as an analyst gets them, and a different article on
the same subject: test data for near-duplicate captures (core, storage, cli and window).

- BROWSER_TEXT: the page's visible text as a browser copies it (Select All + Copy) in the
  morning: menu, section, byline, the body, the photo credit, share and "Most read" lines,
  the footer.
- saved_page(): the same page saved in the afternoon ("Web Page, Complete"): nav, header,
  the article with a heading, a figure, a block quote and a list, an aside and a footer;
  by then the outlet had added an update at the end.
- OTHER_ARTICLE: another outlet's piece on the same silos, quoting the same miller.

All of it is invented: the port, the people, the outlet and the figures.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "Grain silos at Port Ardent reopen after two years"
URL = "https://coastal-ledger.example/2026/03/port-ardent-grain-silos-reopen"

PARAGRAPHS = [
    "The grain silos at Port Ardent reopened on Monday after almost two years of repairs, "
    "allowing the port to store wheat and barley shipments again instead of sending them "
    "straight on to inland warehouses by lorry.",
    "The port authority said the six concrete silos, damaged by a fire in the spring of 2024, "
    "can now hold up to 48,000 tonnes, roughly a month of the region's grain imports at last "
    "year's rate.",
    "Traders in Velmora welcomed the news but warned that storage alone would not bring "
    "prices down. Mira Castell, who runs a milling cooperative north of the city, said the "
    "silos had never been the only bottleneck.",
    "According to the port's own figures, a bulk carrier waited an average of nine days at "
    "anchor in February before it could unload, against four days a year earlier. Shipping "
    "agents blame a shortage of trained crane operators as much as the electricity supply.",
]
QUOTE = (
    "Slow customs clearance and the power cuts at the terminal cost us more than the fire ever did."
)
HEADING = "What changes for importers"
AFTER_HEADING = [
    "From April, importers will be able to book silo space online up to three weeks before a "
    "ship arrives. The authority says it will publish weekly figures on occupancy and waiting "
    "times, a step that shipping agents have demanded for years.",
    "The repairs were paid for with a loan from a regional development fund, which the port "
    "must repay over twelve years out of storage fees. Fees will rise by about a fifth "
    "compared with 2023, the authority said, although it promised discounts for cooperatives.",
]
FACTS = [
    "Capacity: 48,000 tonnes in six silos",
    "Average wait at anchor in February: nine days",
    "Storage fees: about a fifth higher than in 2023",
]
CLOSING = (
    "Independent analysts cautioned that the authority's figures could not be verified, and "
    "that similar promises to publish waiting times had been made, and quietly dropped, in 2021."
)
UPDATE = (
    "Update, 16 March, 17:20: The port authority said in the afternoon that the first two "
    "ships had unloaded into the new silos, carrying 11,500 tonnes of wheat between them."
)
CAPTION = "The rebuilt silos seen from the harbour road."
HIGHLIGHT = "a shortage of trained crane operators"  # a passage both captures have

BROWSER_TEXT = "\n".join(
    [
        "Skip to main content",
        "The Coastal Ledger",
        "Home",
        "Politics",
        "Economy",
        "Regions",
        "Opinion",
        "Subscribe",
        "Sign in",
        "ECONOMY",
        TITLE,
        "By Tomas Reyne",
        "16 March 2026, 08:40",
        "",
        *(line for p in PARAGRAPHS for line in (p, "")),
        QUOTE,
        "",
        f"{CAPTION} Photo: Coastal Ledger",
        "",
        HEADING,
        "",
        *(line for p in AFTER_HEADING for line in (p, "")),
        *FACTS,
        "",
        CLOSING,
        "",
        "Share this article",
        "Facebook",
        "Email",
        "Copy link",
        "Most read",
        "Ferry timetable cut for the summer",
        "Velmora council approves a new bus depot",
        "Fishing quotas: what the new rules mean for small boats",
        "About us",
        "Contact",
        "Privacy",
        "© 2026 The Coastal Ledger. All rights reserved.",
    ]
)


def saved_page(*, updated: bool = True) -> str:
    """The saved page as HTML; updated: with the afternoon's update at the end."""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    after = "\n".join(f"<p>{p}</p>" for p in AFTER_HEADING)
    facts = "".join(f"<li>{f}</li>" for f in FACTS)
    update = f"<p><em>{UPDATE}</em></p>" if updated else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | The Coastal Ledger</title>
<link rel="canonical" href="{URL}">
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Tomas Reyne">
<meta property="article:published_time" content="2026-03-16T08:40:00+01:00">
<meta property="article:section" content="Economy">
</head><body>
<header><a href="/">The Coastal Ledger</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/economy">Economy</a></li><li><a href="/regions">Regions</a></li>
<li><a href="/opinion">Opinion</a></li></ul>
<a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></nav></header>
<main><article>
<p class="kicker">Economy</p>
<h1>{TITLE}</h1>
<p class="byline">By Tomas Reyne · <time datetime="2026-03-16T08:40:00+01:00">16 March 2026,
08:40</time></p>
{body}
<blockquote><p>{QUOTE}</p></blockquote>
<figure><figcaption>{CAPTION}</figcaption></figure>
<h2>{HEADING}</h2>
{after}
<ul>{facts}</ul>
<p>{CLOSING}</p>
{update}
</article>
<aside><h2>Most read</h2><ol><li><a href="/a">Ferry timetable cut for the summer</a></li>
<li><a href="/b">Velmora council approves a new bus depot</a></li>
<li><a href="/c">Fishing quotas: what the new rules mean for small boats</a></li></ol></aside>
</main>
<footer><a href="/about">About us</a> <a href="/contact">Contact</a>
<a href="/privacy">Privacy</a> <p>© 2026 The Coastal Ledger. All rights reserved.</p></footer>
</body></html>
"""


OTHER_TITLE = "Millers doubt the new silos will bring bread prices down"
OTHER_ARTICLE = f"""---
title: {OTHER_TITLE}
---

Millers in Velmora say the reopening of the grain silos at Port Ardent this week will do
little for the price of bread, which has risen by almost a third since the fire that closed
the silos in 2024.

Mira Castell, whose milling cooperative buys most of its wheat through the port, put it
bluntly. "{QUOTE}" Her cooperative has twice had to stop its mills for lack of grain this
winter, she said, while ships waited offshore.

Other millers point to the cost of borrowing. Loans for buying grain in advance have become
dearer since the regional bank raised its rates in the autumn, and small cooperatives cannot
hold stocks for long. Storage at the port, at fees that will rise again in April, does not
change that arithmetic.

The port authority argues that online booking of silo space, promised for April, will cut
waiting times and so the cost of freight. Shipping agents are more cautious: crane operators
are still scarce, and the terminal's generators cover only part of the night shift.

Bakers, for their part, have asked the regional council for a temporary subsidy on flour. The
council has said it will decide after the spring budget, and few in the trade expect an
answer before the summer harvest comes in.
"""


def write_captures(folder: Path) -> tuple[Path, Path]:
    """(browser text .txt, saved page .html) of the article, written into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "port-ardent-silos.txt"
    text.write_text(BROWSER_TEXT, encoding="utf-8")
    page = folder / "port-ardent-silos.html"
    page.write_text(saved_page(), encoding="utf-8")
    return text, page


def write_other(folder: Path) -> Path:
    """The different article on the same subject, as a Markdown note."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "millers-doubt-silos.md"
    path.write_text(OTHER_ARTICLE, encoding="utf-8")
    return path
