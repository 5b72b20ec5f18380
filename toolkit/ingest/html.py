"""Article body and metadata from saved HTML pages, with trafilatura.

When trafilatura finds no body (a fragment, broken markup, a page of links), the page's
visible text is returned as lines so the dump cleaner can still try.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura

from toolkit.ingest.metadata import Metadata, parse_date

PUBLISHED_META = re.compile(
    r"""(?:article:published_time|datePublished|pubdate)["']?\s*(?:content|:)\s*=?\s*["']([^"']{10,40})["']""",
    re.IGNORECASE,
)


def extract_html(html: str) -> tuple[Metadata, list[str]] | None:
    """Metadata and body paragraphs of an HTML page, or None when no body was found."""
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if document is None or not (document.text or "").strip():
        return None
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in document.text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and document.title and paragraphs[0] == document.title.strip():
        paragraphs = paragraphs[1:]
    stamp = PUBLISHED_META.search(html)
    published = (parse_date(stamp.group(1)) if stamp else None) or document.date
    meta = Metadata(
        title=document.title or None,
        published=published,
        author=document.author or None,
        outlet=document.sitename or None,
        section=(document.categories or [None])[0],
    )
    return meta, paragraphs


def visible_lines(html: str) -> str:
    """The page's visible text, one block element a line (fallback input for the dump cleaner)."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", "\n", html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for block in tree.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//tr|//article|//section"):
        block.tail = "\n" + (block.tail or "")
    return tree.text_content()
