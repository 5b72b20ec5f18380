"""Article body and metadata from saved HTML pages, with trafilatura.

Where trafilatura misses the title, author or date, the page's own metadata gives them (the
``og:title``/``<title>`` and ``author`` meta elements, and htmldate's ranking of the page's date
candidates). When trafilatura finds no body (a fragment, broken markup, a page of links), the
page's visible text is returned as lines so the dump cleaner can still try.
"""

from __future__ import annotations

import re

import htmldate
import lxml.html
import trafilatura

from toolkit.ingest.dates import parse_date
from toolkit.ingest.metadata import Metadata
from toolkit.ingest.outlets import NEVER_OUTLETS, clean_name

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
    published = (parse_date(stamp.group(1)) if stamp else None) or document.date or _htmldate(html)
    outlet = clean_name(document.sitename) if document.sitename else None
    meta = Metadata(
        title=document.title or _meta_content(html, "//meta[@property='og:title']/@content", "//title/text()"),
        published=published,
        author=document.author or _meta_content(html, "//meta[@name='author']/@content", "//meta[@property='article:author']/@content"),
        outlet=None if not outlet or NEVER_OUTLETS.search(outlet) else outlet,
        section=(document.categories or [None])[0],
    )
    return meta, paragraphs


def _htmldate(html: str) -> str | None:
    """The publication date htmldate ranks first among the page's date candidates."""
    try:
        return htmldate.find_date(html, original_date=True, extensive_search=True)
    except (ValueError, TypeError):
        return None


def _meta_content(html: str, *paths: str) -> str | None:
    """The first non-empty value of the given XPaths in the page's head."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    for path in paths:
        found = next((re.sub(r"\s+", " ", str(v)).strip() for v in tree.xpath(path) if str(v).strip()), None)
        if found:
            return found
    return None


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
