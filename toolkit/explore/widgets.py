"""ipywidgets explorers: an entity explorer, a quote browser and an outlet comparison.

Every explorer is a function from :class:`toolkit.Tables` to a widget, so a notebook or a
Voilà dashboard shows it with one call. Pickers of entities, speakers and outlets are
searchable (``Combobox``: type part of a name, pick from the list), and each explorer has the
same filters by outlet, language and date range (:func:`toolkit.explore.selection.filter_articles`).
All text from articles is escaped before it becomes HTML (tables through
``DataFrame.to_html(escape=True)``, articles through :func:`toolkit.explore.highlight.highlight_article`).
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
import pandas as pd

from toolkit.entities import stats as entity_stats
from toolkit.explore import concordance, selection
from toolkit.explore.highlight import highlight_article
from toolkit.tables import UNKNOWN_OUTLET, Tables

STYLE = (
    "<style>.toolkit-table td,.toolkit-table th{padding:2px 8px;text-align:left}"
    ".kwic td:nth-child(2){text-align:right}.kwic td:nth-child(3){font-weight:600}</style>"  # a concordance: mentions in one column
)
MAX_LISTED = 300  # quotes listed at once; narrow the filters to see others


def table_html(frame: pd.DataFrame, rows: int = 15, kind: str = "") -> str:
    """A small table as safe HTML (article text escaped, missing values blank), saying when rows are
    left out. A pivot's column label ("outlet" over "Harbour Herald", "Tramline") is not drawn: it
    would stand as a header over nothing. ``kind="kwic"``: a keyword-in-context table (outlet, left,
    mention, right), its left context aligned right so the mentions line up."""
    more = f"<p><small>{rows} of {len(frame):,} rows shown</small></p>" if len(frame) > rows else ""
    shown = frame.head(rows).rename_axis(columns=None)
    return STYLE + shown.to_html(index=False, escape=True, classes=["toolkit-table", kind] if kind else "toolkit-table", border=0, na_rep="") + more


def _section(title: str, body: str) -> str:
    return f"<h4>{html.escape(title)}</h4>{body}"


def _picker(description: str, options: list[str], value: str = "", placeholder: str = "type to search", width: str = "440px") -> w.Combobox:
    """A searchable picker; its value is acted on only when it is one of the options (or empty)."""
    return w.Combobox(options=options, value=value, description=description, placeholder=placeholder, ensure_option=False,
                      layout=w.Layout(width=width))  # fmt: skip


class Filters:
    """Outlet, language and date-range controls over one articles table, and the articles they keep."""

    def __init__(self, articles: pd.DataFrame) -> None:
        self.articles = articles
        self.outlets = selection.outlet_options(articles)
        self.outlet = _picker("Outlet", self.outlets, placeholder="all outlets (type to search)", width="340px")
        languages = sorted(articles["language"].dropna().unique())
        self.language = w.Dropdown(options=[selection.ALL, *languages], description="Language", layout=w.Layout(width="200px"))
        self.start = w.DatePicker(description="From", layout=w.Layout(width="210px"))
        self.end = w.DatePicker(description="To", layout=w.Layout(width="210px"))
        self.box = w.HBox([self.outlet, self.language, self.start, self.end], layout=w.Layout(flex_flow="row wrap"))

    def on_change(self, callback: Callable) -> None:
        for control in (self.outlet, self.language, self.start, self.end):
            control.observe(callback, names="value")

    def kept(self) -> pd.DataFrame:
        outlet = self.outlet.value if self.outlet.value in self.outlets else None
        return selection.filter_articles(self.articles, outlet, self.language.value, self.start.value, self.end.value)


def entity_explorer(tables: Tables) -> w.Widget:
    """Search an entity: its counts per outlet, names per outlet, co-occurring entities and keyword
    in context, within the articles the filters keep."""
    labels = selection.entity_options(tables.entities)
    picker = _picker("Entity", list(labels), next(iter(labels), ""))
    filters = Filters(tables.articles)
    output = w.HTML()

    def show(change=None) -> None:
        if picker.value not in labels:
            if not labels:
                output.value = "<p>No entities yet.</p>"
            return
        chosen = labels[picker.value]
        articles = filters.kept()
        mentions = tables.mentions[tables.mentions["article_id"].isin(articles["article_id"])]
        mine = mentions[mentions["entity_id"] == chosen]
        if mine.empty:
            output.value = "<p>No mention of this entity in the articles the filters keep.</p>"
            return
        sentences = mentions[mentions.set_index(["article_id", "sentence"]).index.isin(mine.set_index(["article_id", "sentence"]).index)]
        counts = entity_stats.counts(mine, articles, by="outlet")
        variants = entity_stats.naming_variants(mine, articles, min_variants=1)
        pairs = entity_stats.cooccurrence(sentences)
        partners = pairs[(pairs["entity_id_a"] == chosen) | (pairs["entity_id_b"] == chosen)].copy()
        partners["with"] = partners["name_b"].where(partners["entity_id_a"] == chosen, partners["name_a"])
        output.value = "".join([
            _section(f"Mentions per outlet ({len(mine):,} in {mine['article_id'].nunique():,} articles)",
                     table_html(counts.sort_values("mentions", ascending=False)[["outlet", "mentions", "articles", "per_1000_words"]])),
            _section("Names used, per outlet", table_html(variants.sort_values("count", ascending=False)[["outlet", "form", "count"]])),
            _section("Appears in the same sentence as", table_html(partners[["with", "count"]])),
            _section("Keyword in context", table_html(entity_stats.kwic(chosen, mine, articles)[concordance.COLUMNS], 25, kind="kwic")),
        ])  # fmt: skip

    picker.observe(show, names="value")
    filters.on_change(show)
    show()
    return w.VBox([picker, filters.box, output], layout=w.Layout(width="100%"))


def quote_browser(tables: Tables) -> w.Widget:
    """Filter quotes by speaker (searchable), kind, outlet, language and dates; picking one shows
    its article with quotes and speakers highlighted."""
    articles = tables.articles.set_index("article_id", drop=False)  # the text is looked up when a quote is opened, not copied per quote
    quotes = tables.quotes[tables.quotes["article_id"].isin(articles.index)].copy()
    quotes["speaker_name"] = quotes["speaker"].fillna("(unknown)")
    counts = quotes["speaker_name"].value_counts()
    speakers = [name for name in counts.index if name != "(unknown)"] + (["(unknown)"] if "(unknown)" in counts.index else [])
    speaker = _picker("Speaker", speakers, placeholder="all speakers (type to search)")
    kind = w.Dropdown(options=[selection.ALL, *sorted(quotes["kind"].unique())], description="Kind", layout=w.Layout(width="200px"))
    filters = Filters(tables.articles)
    listing = w.Select(options=[], rows=8, layout=w.Layout(width="100%"), description="Quotes")
    note, article = w.HTML(), w.HTML()

    def chosen() -> pd.DataFrame:
        part = quotes[quotes["article_id"].isin(filters.kept()["article_id"])]
        if speaker.value in speakers:
            part = part[part["speaker_name"] == speaker.value]
        return part if kind.value == selection.ALL else part[part["kind"] == kind.value]

    def refresh(change=None) -> None:
        if speaker.value and speaker.value not in speakers:
            return  # a name being typed
        part = chosen()
        note.value = f"<small>{len(part):,} quotes" + (f", the first {MAX_LISTED} listed" if len(part) > MAX_LISTED else "") + "</small>"
        listing.options = [(f"[{q.kind}] {q.speaker_name}: {q.text[:90]}", q.quote_id) for q in part.head(MAX_LISTED).itertuples()]
        listing.value = listing.options[0][1] if listing.options else None
        if not listing.options:
            article.value = "<p>No quotes match.</p>"

    def open_article(change=None) -> None:
        if listing.value is None:
            return
        quote = quotes[quotes["quote_id"] == listing.value].iloc[0]
        same = quotes[quotes["article_id"] == quote["article_id"]]
        source = articles.loc[quote["article_id"]]
        title = html.escape(selection.heading(source))
        article.value = f"<h4>{title}</h4><div style='max-height:420px;overflow:auto'>{highlight_article(source['text'], same)}</div>"

    speaker.observe(refresh, names="value")
    kind.observe(refresh, names="value")
    filters.on_change(refresh)
    listing.observe(open_article, names="value")
    refresh()
    return w.VBox([w.HBox([speaker, kind]), filters.box, note, listing, article], layout=w.Layout(width="100%"))


def outlet_comparison(tables: Tables) -> w.Widget:
    """Two outlets side by side (searchable): entities each over-represents (log-odds z) and how each names them."""
    outlets = selection.outlet_options(tables.articles)
    left = _picker("Outlet A", outlets, outlets[0] if outlets else "")
    right = _picker("Outlet B", outlets, outlets[1] if len(outlets) > 1 else "")
    output = w.HTML()
    articles = tables.articles.assign(outlet=tables.articles["outlet"].fillna(UNKNOWN_OUTLET))
    odds = entity_stats.log_odds(tables.mentions, articles)
    variants = entity_stats.naming_variants(tables.mentions, articles)

    def show(change=None) -> None:
        a, b = left.value, right.value
        if a not in outlets or b not in outlets:
            return
        naming = variants[variants["outlet"].isin([a, b])].pivot_table(index="name", columns="outlet", values="form",
                                                                         aggfunc=lambda f: ", ".join(sorted(set(f))))  # fmt: skip
        naming = naming.dropna() if {a, b} <= set(naming.columns) and a != b else naming
        output.value = "".join([
            _section(f"Over-represented in {a}", table_html(odds[odds["outlet"] == a].nlargest(10, "z")[["name", "count", "z"]])),
            _section(f"Over-represented in {b}", table_html(odds[odds["outlet"] == b].nlargest(10, "z")[["name", "count", "z"]])),
            _section("How each names the entities both mention", table_html(naming.reset_index(), 20)),
        ])  # fmt: skip

    left.observe(show, names="value")
    right.observe(show, names="value")
    show()
    return w.VBox([w.HBox([left, right]), output], layout=w.Layout(width="100%"))
