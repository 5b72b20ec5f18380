"""ipywidgets explorers: an entity explorer, a quote browser and an outlet comparison.

Every explorer is a function from :class:`toolkit.Tables` to a widget, so a notebook or a
Voilà dashboard shows it with one call. All text from articles is escaped before it becomes
HTML (tables through ``DataFrame.to_html(escape=True)``, articles through
:func:`toolkit.highlight.highlight_article`).
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from toolkit.entities import stats as entity_stats
from toolkit.explore.highlight import highlight_article
from toolkit.tables import Tables

STYLE = "<style>.toolkit-table td,.toolkit-table th{padding:2px 8px;text-align:left}</style>"


def table_html(frame: pd.DataFrame, rows: int = 15) -> str:
    """A small table as safe HTML (article text escaped)."""
    return STYLE + frame.head(rows).to_html(index=False, escape=True, classes="toolkit-table", border=0)


def _section(title: str, body: str) -> str:
    return f"<h4>{html.escape(title)}</h4>{body}"


def entity_explorer(tables: Tables) -> w.Widget:
    """Pick an entity: its counts per outlet, aliases per outlet, co-occurring entities, keyword in context."""
    entities = entity_stats.top_entities(tables.entities, n=len(tables.entities))
    choices = [(f"{r.name} ({r.label}, {r.n_mentions})", r.entity_id) for r in entities.itertuples()]
    picker = w.Dropdown(options=choices, description="Entity", layout=w.Layout(width="480px"))
    output = w.HTML()
    counts = entity_stats.counts(tables.mentions, tables.articles, by="outlet")
    variants = entity_stats.naming_variants(tables.mentions, tables.articles, min_variants=1)
    pairs = entity_stats.cooccurrence(tables.mentions)

    def show(change=None) -> None:
        chosen = picker.value
        if chosen is None:
            output.value = "<p>No entities yet.</p>"
            return
        partners = pairs[(pairs["entity_id_a"] == chosen) | (pairs["entity_id_b"] == chosen)].copy()
        partners["with"] = partners["name_b"].where(partners["entity_id_a"] == chosen, partners["name_a"])
        output.value = "".join([
            _section("Mentions per outlet", table_html(counts[counts["entity_id"] == chosen][["outlet", "mentions", "articles", "per_1000_words"]])),
            _section("Names used, per outlet", table_html(variants[variants["entity_id"] == chosen][["outlet", "form", "count"]])),
            _section("Appears in the same sentence as", table_html(partners[["with", "count", "npmi"]])),
            _section("Keyword in context", table_html(entity_stats.kwic(chosen, tables.mentions, tables.articles)[["outlet", "left", "mention", "right"]], 25)),
        ])  # fmt: skip

    picker.observe(show, names="value")
    show()
    return w.VBox([picker, output], layout=w.Layout(width="100%"))


def quote_browser(tables: Tables) -> w.Widget:
    """Filter quotes by speaker, outlet and kind; picking one shows its article with quotes highlighted."""
    quotes = tables.quotes.merge(tables.articles[["article_id", "outlet", "title", "text"]].rename(columns={"text": "article_text"}),
                                 on="article_id")  # fmt: skip
    quotes["outlet"] = quotes["outlet"].fillna("(unknown outlet)")
    quotes["speaker_name"] = quotes["speaker"].fillna("(unknown)")
    everyone = ["(all)"]
    speaker = w.Dropdown(options=everyone + sorted(quotes["speaker_name"].unique()), description="Speaker")
    outlet = w.Dropdown(options=everyone + sorted(quotes["outlet"].unique()), description="Outlet")
    kind = w.Dropdown(options=everyone + sorted(quotes["kind"].unique()), description="Kind")
    listing = w.Select(options=[], rows=8, layout=w.Layout(width="100%"), description="Quotes")
    article = w.HTML()

    def chosen() -> pd.DataFrame:
        part = quotes
        for control, column in ((speaker, "speaker_name"), (outlet, "outlet"), (kind, "kind")):
            if control.value != "(all)":
                part = part[part[column] == control.value]
        return part

    def refresh(change=None) -> None:
        part = chosen()
        listing.options = [(f"[{q.kind}] {q.speaker_name}: {q.text[:90]}", q.quote_id) for q in part.itertuples()]
        listing.value = listing.options[0][1] if listing.options else None
        if not listing.options:
            article.value = "<p>No quotes match.</p>"

    def open_article(change=None) -> None:
        if listing.value is None:
            return
        quote = quotes[quotes["quote_id"] == listing.value].iloc[0]
        same = tables.quotes[tables.quotes["article_id"] == quote["article_id"]]
        title = html.escape(str(quote["title"] if pd.notna(quote["title"]) else "(untitled)"))
        article.value = (f"<h4>{title} <small>({html.escape(quote['outlet'])})</small></h4>"
                         f"<div style='max-height:420px;overflow:auto'>{highlight_article(quote['article_text'], same)}</div>")  # fmt: skip

    for control in (speaker, outlet, kind):
        control.observe(refresh, names="value")
    listing.observe(open_article, names="value")
    refresh()
    return w.VBox([w.HBox([speaker, outlet, kind]), listing, article], layout=w.Layout(width="100%"))


def outlet_comparison(tables: Tables) -> w.Widget:
    """Two outlets side by side: entities each over-represents (log-odds z) and how each names them."""
    outlets = sorted(tables.articles["outlet"].fillna("(unknown outlet)").unique())
    left = w.Dropdown(options=outlets, value=outlets[0] if outlets else None, description="Outlet A")
    right = w.Dropdown(options=outlets, value=outlets[-1] if outlets else None, description="Outlet B")
    output = w.HTML()
    odds = entity_stats.log_odds(tables.mentions, tables.articles)
    variants = entity_stats.naming_variants(tables.mentions, tables.articles)

    def show(change=None) -> None:
        a, b = left.value, right.value
        naming = variants[variants["outlet"].isin([a, b])].pivot_table(index="name", columns="outlet", values="form",
                                                                         aggfunc=lambda f: ", ".join(sorted(set(f))))  # fmt: skip
        output.value = "".join([
            _section(f"Over-represented in {a}", table_html(odds[odds["outlet"] == a].nlargest(10, "z")[["name", "count", "z"]])),
            _section(f"Over-represented in {b}", table_html(odds[odds["outlet"] == b].nlargest(10, "z")[["name", "count", "z"]])),
            _section("How each names the same entities", table_html(naming.reset_index(), 20)),
        ])  # fmt: skip

    left.observe(show, names="value")
    right.observe(show, names="value")
    show()
    return w.VBox([w.HBox([left, right]), output], layout=w.Layout(width="100%"))
