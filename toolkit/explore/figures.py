"""Plotly figures of the toolkit's tables, one consistent template, counts in every hover.

Each function takes tidy tables (the pipeline's or :mod:`toolkit.entity_stats`'s) and returns a
``plotly.graph_objects.Figure`` with a title, axis labels and hover text carrying the counts
behind each mark. Article text that reaches hover labels is HTML-escaped (plotly renders hover
text as HTML).
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter, defaultdict
from itertools import combinations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from rapidfuzz import fuzz

from toolkit.entities import stats as entity_stats
from toolkit.quotes.table import sourced

TEMPLATE = "news_toolkit"
pio.templates[TEMPLATE] = go.layout.Template(
    layout={
        "font": {"family": "Inter, Helvetica, Arial, sans-serif", "size": 13},
        "colorway": ["#1f4e79", "#c0504d", "#4f8f3a", "#e69f00", "#7b5ea7", "#2a9d8f", "#8c564b", "#6c757d"],
        "plot_bgcolor": "white",
        "xaxis": {"gridcolor": "#eeeeee", "zeroline": False},
        "yaxis": {"gridcolor": "#eeeeee", "zeroline": False},
        "margin": {"l": 60, "r": 30, "t": 70, "b": 60},
        "hoverlabel": {"bgcolor": "white"},
    }
)
UNKNOWN = "(unknown outlet)"


def _layout(figure: go.Figure, title: str, x: str, y: str, rows: int = 0) -> go.Figure:
    """The common layout; charts with one bar per row grow with their number of rows."""
    figure.update_layout(template=TEMPLATE, title=title, xaxis_title=x, yaxis_title=y, legend_title_text="")
    figure.update_yaxes(automargin=True)
    if rows:
        figure.update_layout(height=max(360, 160 + 28 * rows))
    return figure


def _safe(values: pd.Series) -> list[str]:
    """Labels taken from article text, escaped (plotly renders labels and hover text as HTML)."""
    return [html.escape(str(v)) for v in values]


def _outlets(articles: pd.DataFrame) -> pd.DataFrame:
    return articles.assign(outlet=articles["outlet"].fillna(UNKNOWN))


def top_entities_by_outlet(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 10) -> go.Figure:
    """Horizontal bars: mentions of the n most mentioned entities, stacked by outlet."""
    table = entity_stats.counts(mentions, articles, by="outlet")
    top = table.groupby("name")["mentions"].sum().nlargest(n).index
    table = table[table["name"].isin(top)]
    figure = go.Figure()
    for outlet, part in table.groupby("outlet"):
        figure.add_bar(y=_safe(part["name"]), x=part["mentions"], name=html.escape(outlet), orientation="h",
                       customdata=part[["articles", "per_1000_words"]],
                       hovertemplate="%{y} in " + html.escape(outlet) + ": %{x} mentions in %{customdata[0]} articles"
                                     " (%{customdata[1]} per 1,000 words)<extra></extra>")  # fmt: skip
    figure.update_layout(barmode="stack", yaxis={"categoryorder": "total ascending"})
    return _layout(figure, f"Top {len(top)} entities by outlet", "mentions", "", rows=len(top))


def attention_over_time(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 5) -> go.Figure:
    """Lines: mentions per day of the n most mentioned entities."""
    table = entity_stats.counts(mentions, articles, by="date").dropna(subset=["date"])
    top = table.groupby("name")["mentions"].sum().nlargest(n).index
    figure = go.Figure()
    for name, part in table[table["name"].isin(top)].groupby("name"):
        part = part.sort_values("date")
        figure.add_scatter(x=part["date"], y=part["mentions"], mode="lines+markers", name=html.escape(name), customdata=part[["articles"]],
                           hovertemplate=html.escape(name) + " on %{x}: %{y} mentions in %{customdata[0]} articles<extra></extra>")  # fmt: skip
    return _layout(figure, "Attention over time", "date", "mentions per day")


def cooccurrence_network(cooccurrence: pd.DataFrame, n: int = 30) -> go.Figure:
    """A network of the n strongest co-occurring pairs: nodes on a circle, edge width by count."""
    pairs = cooccurrence.nlargest(n, "count")
    names = sorted(set(pairs["name_a"]) | set(pairs["name_b"]))
    position = {name: (math.cos(2 * math.pi * i / max(len(names), 1)), math.sin(2 * math.pi * i / max(len(names), 1)))
                for i, name in enumerate(names)}  # fmt: skip
    figure = go.Figure()
    top = max(pairs["count"].max(), 1) if len(pairs) else 1
    for pair in pairs.itertuples():
        (x0, y0), (x1, y1) = position[pair.name_a], position[pair.name_b]
        figure.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", showlegend=False, line={"width": 1 + 6 * pair.count / top, "color": "#9bb3c9"},
                           hovertemplate=f"{html.escape(pair.name_a)} + {html.escape(pair.name_b)}: {pair.count} sentences, "
                                         f"NPMI {pair.npmi}<extra></extra>")  # fmt: skip
    degree = pd.concat([pairs.groupby("name_a")["count"].sum(), pairs.groupby("name_b")["count"].sum()]).groupby(level=0).sum()
    figure.add_scatter(x=[position[n][0] for n in names], y=[position[n][1] for n in names], mode="markers+text", text=_safe(pd.Series(names)),
                       textposition="top center", showlegend=False, marker={"size": [8 + 2 * degree.get(n, 0) for n in names]},
                       customdata=[degree.get(n, 0) for n in names],
                       hovertemplate="%{text}: %{customdata} co-occurrences<extra></extra>")  # fmt: skip
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False, scaleanchor="x")
    return _layout(figure, "Who appears next to whom (same sentence)", "", "")


def naming_variants(variants: pd.DataFrame, n: int = 8) -> go.Figure:
    """Stacked bars per entity and outlet: the share of each spelling (Kiev vs Kyiv)."""
    keep = variants.groupby("name")["count"].sum().nlargest(n).index
    table = variants[variants["name"].isin(keep)].assign(label=lambda t: t["name"] + " · " + t["outlet"])
    figure = go.Figure()
    for form, part in table.groupby("form"):
        figure.add_bar(x=part["share_in_outlet"], y=_safe(part["label"]), name=html.escape(form), orientation="h", customdata=part[["count"]],
                       hovertemplate=html.escape(form) + " in %{y}: %{customdata[0]} mentions (%{x:.0%})<extra></extra>")  # fmt: skip
    figure.update_layout(barmode="stack", xaxis={"tickformat": ".0%"})
    return _layout(figure, "Naming variants by outlet", "share of the outlet's mentions", "", rows=table["label"].nunique())


def quotes_per_speaker(quotes: pd.DataFrame, articles: pd.DataFrame, n: int = 12) -> go.Figure:
    """Stacked bars: quotes of the n most quoted speakers by outlet."""
    table = sourced(quotes).merge(_outlets(articles)[["article_id", "outlet"]], on="article_id")
    top = table["speaker"].value_counts().nlargest(n).index
    counts = table[table["speaker"].isin(top)].groupby(["speaker", "outlet"]).size().rename("quotes").reset_index()
    figure = go.Figure()
    for outlet, part in counts.groupby("outlet"):
        figure.add_bar(y=_safe(part["speaker"]), x=part["quotes"], name=html.escape(outlet), orientation="h",
                       hovertemplate="%{y} quoted %{x} times by " + html.escape(outlet) + "<extra></extra>")  # fmt: skip
    figure.update_layout(barmode="stack", yaxis={"categoryorder": "total ascending"})
    return _layout(figure, "Who is quoted, by outlet", "quotes", "", rows=len(top))


def talks_about(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Speaker → entity mentioned inside their quotes, with counts (the table behind the heatmap)."""
    rows = []
    by_article = dict(tuple(mentions.groupby("article_id"))) if not mentions.empty else {}
    for quote in quotes.dropna(subset=["speaker_entity_id"]).itertuples():
        inside = by_article.get(quote.article_id)
        if inside is None:
            continue
        for fragment_start, fragment_end in quote.fragments:
            hits = inside[(inside["start"] >= fragment_start) & (inside["end"] <= fragment_end) & (inside["entity_id"] != quote.speaker_entity_id)]
            rows.extend({"speaker": quote.speaker, "entity": name} for name in hits["name"])
    table = pd.DataFrame(rows, columns=["speaker", "entity"])
    return table.groupby(["speaker", "entity"]).size().rename("count").reset_index()


def who_talks_about_whom(quotes: pd.DataFrame, mentions: pd.DataFrame, n: int = 12) -> go.Figure:
    """Heatmap: speakers (rows) by the entities mentioned inside their quotes (columns)."""
    table = talks_about(quotes, mentions)
    speakers = table.groupby("speaker")["count"].sum().nlargest(n).index
    entities = table.groupby("entity")["count"].sum().nlargest(n).index
    grid = table.pivot_table(index="speaker", columns="entity", values="count", fill_value=0).reindex(index=speakers, columns=entities, fill_value=0)
    figure = go.Figure(go.Heatmap(z=grid.values, x=_safe(pd.Series(grid.columns)), y=_safe(pd.Series(grid.index)), colorscale="Blues",
                                  hovertemplate="%{y} on %{x}: %{z} mentions in quotes<extra></extra>"))  # fmt: skip
    return _layout(figure, "Who talks about whom (entities inside each speaker's quotes)", "mentioned entity", "speaker")


MAX_POSTING = 50  # a word in more statements than this says nothing about which ones match
MIN_SHARED_WORDS = 3


def _candidate_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of texts that share at least :data:`MIN_SHARED_WORDS` words of four letters or more,
    counting only words found in at most :data:`MAX_POSTING` texts: the pairs worth a fuzzy
    comparison, found without comparing every pair (cost grows with the texts, not their square)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        for word in set(re.findall(r"\w{4,}", text)):
            postings[word].append(i)
    shared: Counter = Counter()
    for ids in postings.values():
        if len(ids) <= MAX_POSTING:
            shared.update(combinations(ids, 2))
    return sorted(pair for pair, count in shared.items() if count >= MIN_SHARED_WORDS)


def shared_statements(quotes: pd.DataFrame, articles: pd.DataFrame, threshold: float = 80.0) -> pd.DataFrame:
    """Statements carried by several articles: quotes matched across articles by fuzzy similarity.

    Each group lists the outlets that carried it and whether each quoted it directly or
    paraphrased it (an indirect quote matched to a direct one).
    """
    table = quotes.merge(_outlets(articles)[["article_id", "outlet"]], on="article_id").reset_index(drop=True)
    table = table[table["text"].str.split().str.len() >= 6]
    texts = table["text"].str.lower().tolist()
    group = list(range(len(texts)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    article_ids = table["article_id"].tolist()
    for i, j in _candidate_pairs(texts):
        if article_ids[i] != article_ids[j] and fuzz.token_set_ratio(texts[i], texts[j]) >= threshold:
            group[root(j)] = root(i)
    table = table.assign(statement=[root(i) for i in range(len(texts))])
    rows = []
    for _, part in table.groupby("statement"):
        if part["article_id"].nunique() < 2:
            continue
        direct = part[part["kind"] != "indirect"]
        speakers = part["speaker"].dropna()
        rows.append({"statement": (direct if len(direct) else part)["text"].iloc[0], "speaker": speakers.iloc[0] if len(speakers) else None,
                     "articles": part["article_id"].nunique(), "outlets": sorted(set(part["outlet"])),
                     "quoted_by": sorted(set(part.loc[part["kind"] != "indirect", "outlet"])),
                     "paraphrased_by": sorted(set(part.loc[part["kind"] == "indirect", "outlet"]))})  # fmt: skip
    return pd.DataFrame(rows, columns=["statement", "speaker", "articles", "outlets", "quoted_by", "paraphrased_by"])


def shared_statements_figure(shared: pd.DataFrame, n: int = 10) -> go.Figure:
    """Bars: the statements carried by the most articles, hover showing who quoted and who paraphrased."""
    top = shared.nlargest(n, "articles")
    labels = [html.escape(s[:70] + ("…" if len(s) > 70 else "")) for s in top["statement"]]
    hover = [f"{html.escape(str(r.speaker))}: {r.articles} articles<br>quoted by {html.escape(', '.join(r.quoted_by) or '-')}"
             f"<br>paraphrased by {html.escape(', '.join(r.paraphrased_by) or '-')}" for r in top.itertuples()]  # fmt: skip
    figure = go.Figure(go.Bar(x=top["articles"], y=labels, orientation="h", hovertext=hover, hoverinfo="text"))
    figure.update_layout(yaxis={"categoryorder": "total ascending"})
    return _layout(figure, "The same statement in several articles", "articles carrying it", "", rows=len(top))
