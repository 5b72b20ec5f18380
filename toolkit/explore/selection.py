"""Choosing what to look at: the articles a filter keeps, the article a notebook explains, the
labels of searchable pickers. Plain functions on the tables, so the explorers stay thin and
every choice is tested without a browser.
"""

from __future__ import annotations

import pandas as pd

from toolkit.entities import stats as entity_stats
from toolkit.explore.timeline import article_dates
from toolkit.tables import UNKNOWN_OUTLET, outlet_order

ALL = "(all)"


def filter_articles(articles: pd.DataFrame, outlet: str | None = None, language: str | None = None,
                    start: str | pd.Timestamp | None = None, end: str | pd.Timestamp | None = None) -> pd.DataFrame:  # fmt: skip
    """The articles of one outlet (:data:`UNKNOWN_OUTLET` for pages without one), one language and
    a date range (inclusive; an article without a date is kept only when no range is set).
    ``None`` or :data:`ALL` means no filter on that column."""
    keep = pd.Series(True, index=articles.index)
    if outlet not in (None, ALL):
        keep &= articles["outlet"].isna() if outlet == UNKNOWN_OUTLET else articles["outlet"] == outlet
    if language not in (None, ALL):
        keep &= articles["language"] == language
    if start is not None or end is not None:
        dates = pd.Series(article_dates(articles).to_numpy(), index=articles.index)
        keep &= dates.notna()
        if start is not None:
            keep &= dates >= pd.Timestamp(start)
        if end is not None:
            keep &= dates <= pd.Timestamp(end)
    return articles[keep]


def outlet_options(articles: pd.DataFrame) -> list[str]:
    """Outlets for a picker, most articles first, then pages without an outlet."""
    return outlet_order(articles["outlet"])


def entity_options(entities: pd.DataFrame) -> dict[str, str]:
    """Picker label ("Vladimir Putin (PERSON, 41 mentions)") → entity id, most mentioned first."""
    ranked = entity_stats.top_entities(entities, n=len(entities))
    return {f"{r.name} ({r.label}, {r.n_mentions} mentions)": r.entity_id for r in ranked.itertuples()}


class NoArticles(ValueError):
    """The folder gave no article (every file was refused): a notebook has nothing to show."""


def article_to_explain(articles: pd.DataFrame, chosen: str | None = None) -> pd.Series:
    """The article a notebook walks through: ``chosen`` (an article id or a file name) if given,
    else the longest article in the folder's most common language (the first file may be a
    paywall stub, the longest one in a language the reader does not read)."""
    if articles.empty:
        raise NoArticles("no article was kept from this folder, so there is none to walk through; the ingest report says why for each file")
    if chosen:
        match = articles[(articles["article_id"] == chosen) | (articles["file"] == chosen)]
        if match.empty:
            raise KeyError(f"no article with id or file {chosen!r}; the articles table lists both")
        return match.iloc[0]
    return _main_language(articles).sort_values(["n_words", "file"], ascending=[False, True]).iloc[0]


def _main_language(articles: pd.DataFrame) -> pd.DataFrame:
    languages = articles["language"].dropna()
    return articles[articles["language"] == languages.mode().iloc[0]] if len(languages) else articles


def article_to_highlight(articles: pd.DataFrame, quotes: pd.DataFrame, chosen: str | None = None) -> pd.Series:
    """The article whose quotes a notebook shows: ``chosen`` if given, else the most quoted one
    (ties: the longest), else the longest."""
    if chosen or quotes.empty:
        return article_to_explain(articles, chosen)
    counts = quotes["article_id"].value_counts()
    ranked = _main_language(articles).assign(quotes=lambda a: a["article_id"].map(counts).fillna(0))
    return ranked.sort_values(["quotes", "n_words", "file"], ascending=[False, False, True]).iloc[0]


def heading(article: pd.Series) -> str:
    """A short plain-text heading: title (or file name), outlet and date when known."""

    def known(name: str) -> str:
        value = article.get(name)
        return str(value).strip() if isinstance(value, str) and pd.notna(value) else ""

    title = known("title") or f"Untitled article ({article.get('file')})"
    details = [part for part in (known("outlet"), known("published")[:10]) if part]
    return title + (f" — {' · '.join(details)}" if details else "")
